"""DownloadDialog: MNIST is missing — offer the download, show its progress, or say what failed.

The download runs in a thread worker; the worker only posts its own private progress
and end messages. The dialog is dismissed with True once the files are in
place, False when the user closes it (the app stays up; a gate task still works).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Static
from textual.worker import get_current_worker

from nncore.datasets import DatasetError, DownloadFailed
from tui.i18n import N_, _, explain
from tui.mnist_data import OFFICIAL_BYTES, DownloadStatus, DownloadTracker, MnistFetcher
from tui.render.line_breaks import wrap_cells

FINISHED_PAUSE = 0.5
"""Seconds the full bar stays up before the dialog closes itself."""
ROOMY_HEIGHT = 30
"""From this many rows on, the dialog's text (up to 14 rows) fits above its field and
buttons; on a shorter screen the box fills it and the text scrolls in what is left."""


@dataclass
class _Progress(Message):
    """Throttled download progress (posted from the download thread)."""

    status: DownloadStatus


@dataclass
class _Ended(Message):
    """The download thread ended: ``error`` is None on success, else what failed (a
    ``DatasetError``, a ``DownloadFailed`` when every mirror did, or an ``OSError``)."""

    error: Exception | None


class DownloadCancelled(Exception):
    """Raised from the progress callback to abandon a download the user walked away from."""


def megabytes(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def offer_text(fetcher: MnistFetcher, missing: list[str]) -> str:
    """Where it looked, what is missing, how big the download is and the other ways to
    point at the files."""
    size = sum(OFFICIAL_BYTES.get(name, 0) for name in missing)
    looked = (
        _("Looked for the four MNIST files in {folder}: none of the four is there ({names}).")
        if len(missing) == len(OFFICIAL_BYTES)
        else _("Looked for the four MNIST files in {folder}: missing: there ({names}).")
    )
    ways = _(
        "Download them (about {size}), or type a folder that holds them below "
        "and press enter (or start nnlab with NNLAB_DATA set to it)."
    )
    return "\n".join(
        [
            looked.format(folder=fetcher.folder, names=", ".join(missing)),
            ways.format(size=megabytes(size)),
        ]
    )


def failure_text(exc: Exception, width: int) -> str:
    """What failed, wrapped at ``width`` columns: a failed download's reason on one line
    per mirror (the offer above already says where the files can go instead)."""
    if isinstance(exc, DownloadFailed):
        headline = _("Could not download {filename} from any mirror:")
        lines = wrap_cells(headline.format(filename=exc.filename), width)
        for reason in exc.mirror_lines(explain) or [_("no mirrors configured")]:
            lines += wrap_cells(reason, width, first="  ", rest="    ")
    else:
        lines = [explain(exc) if isinstance(exc, DatasetError) else f"{type(exc).__name__}: {exc}"]
    return "\n".join([*lines, _("r: try again · Esc: close (the gate tasks need no download)")])


class DownloadDialog(ModalScreen[bool]):
    """Modal offer to fetch the missing MNIST files; see the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("close")),
        Binding("d", "download", N_("download")),
        Binding("r", "download", N_("retry"), show=False),
    ]

    def __init__(self, fetcher: MnistFetcher, missing: list[str]) -> None:
        super().__init__()
        self.fetcher = fetcher
        self.missing = missing
        self.downloading = False
        self.downloaded = False

    def compose(self) -> ComposeResult:
        with Vertical(id="download-box") as box:
            box.border_title = _("MNIST is not here yet")
            with VerticalScroll(id="download-text"):
                yield Static(offer_text(self.fetcher, self.missing), id="download-offer")
                yield Static("", id="download-error")
            yield Input(placeholder=_("folder with the MNIST files"), id="download-folder")
            yield ProgressBar(total=1.0, show_eta=False, id="download-progress")
            yield Label("", id="download-file")
            with Horizontal(id="download-buttons"):
                yield Button(_("Download"), variant="primary", id="download-start")
                yield Button(_("Close"), id="download-close")

    def on_mount(self) -> None:
        self.query_one("#download-error").display = False
        self.query_one("#download-start").focus()

    def on_resize(self, event: events.Resize) -> None:
        # Else a long failure pushes the buttons off a 24-row screen.
        self.set_class(event.size.height < ROOMY_HEIGHT, "-short")

    @on(Button.Pressed, "#download-start")
    def action_download(self) -> None:
        if self.downloading:
            return
        self.downloading = True
        self.query_one("#download-error").display = False
        self._show_progress_rows(True)
        self.query_one("#download-start", Button).disabled = True
        self.query_one("#download-file", Label).update(_("connecting…"))
        self.query_one(ProgressBar).update(progress=0.0)
        self._download()

    @on(Input.Submitted, "#download-folder")
    def _use_folder(self, event: Input.Submitted) -> None:
        folder = Path(event.value.strip()).expanduser()
        missing = MnistFetcher(folder).missing_files()
        if missing:
            self._show_error(
                _("Not in {folder}: {names}.").format(folder=folder, names=", ".join(missing))
            )
            return
        self.fetcher.point_at(folder)
        self.dismiss(True)

    def _show_error(self, text: str) -> None:
        error = self.query_one("#download-error", Static)
        error.update(text)
        error.display = True

    @on(Button.Pressed, "#download-close")
    def action_close(self) -> None:
        # A download still running is abandoned: its worker is cancelled with this
        # screen and stops at the next chunk, removing its partial file.
        self.dismiss(self.downloaded)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _download(self) -> None:
        worker = get_current_worker()
        tracker = DownloadTracker(
            self.fetcher.missing_files(), lambda status: self.post_message(_Progress(status))
        )

        def progress(done: int, total: int | None) -> None:
            if worker.is_cancelled:
                raise DownloadCancelled
            tracker.progress(done, total)

        try:
            self.fetcher.download(progress, tracker.on_file)
        except DownloadCancelled:
            return
        # OSError: e.g. a full disk while renaming; the user must see it.
        except (DatasetError, OSError) as exc:
            self.post_message(_Ended(exc))
            return
        self.post_message(_Ended(None))

    @on(_Progress)
    def _show_progress(self, message: _Progress) -> None:
        status = message.status
        self.query_one(ProgressBar).update(progress=status.fraction)
        progress = (
            _("file {number}/{count}: {name}  {done} of {total}")
            if status.total_bytes
            else _("file {number}/{count}: {name}  {done}")
        )
        self.query_one("#download-file", Label).update(
            progress.format(
                number=status.file_number,
                count=status.file_count,
                name=status.filename,
                done=megabytes(status.done_bytes),
                total=megabytes(status.total_bytes or 0),
            )
        )

    @on(_Ended)
    def _ended(self, message: _Ended) -> None:
        self.downloading = False
        if message.error is None:
            self.query_one(ProgressBar).update(progress=1.0)
            self.query_one("#download-file", Label).update(_("all files downloaded"))
            self.downloaded = True
            # A moment at 100 % so the user sees it finish before the dialog goes.
            self.set_timer(FINISHED_PAUSE, self._close_if_current)
            return
        # The bar's rows go to the reasons, so that they fit 80×24 unscrolled.
        self._show_progress_rows(False)
        width = self.query_one("#download-text").scrollable_content_region.width
        self._show_error(failure_text(message.error, max(20, width)))
        self.query_one("#download-file", Label).update("")
        start = self.query_one("#download-start", Button)
        start.label = _("Retry")
        start.disabled = False
        start.focus()

    def _show_progress_rows(self, shown: bool) -> None:
        self.query_one(ProgressBar).display = shown
        self.query_one("#download-file").display = shown

    def _close_if_current(self) -> None:
        if self.is_current:
            self.dismiss(True)
