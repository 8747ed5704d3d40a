"""MnistDataWorkbench: the base of a workbench whose MNIST arrives from a loader thread.

Until the data is in, the panes give way to a notice (loading, unreadable, or missing:
then the screen is asked to offer a download) and every training key stays disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.message import Message
from textual.widgets import Static

from nncore.datasets import DatasetError
from tui.i18n import _, explain, ngettext
from tui.mnist_data import MnistData, MnistFetcher
from tui.workbenches.base import Workbench

TRAINING_ACTIONS = frozenset({"toggle_run", "step_epoch", "step_batch"})


def fetcher_factory() -> MnistFetcher:
    """Where every MNIST workbench gets its data; tests replace it with a fake."""
    return MnistFetcher()


@dataclass
class _Loaded(Message):
    """The loader thread read ``data``."""

    data: MnistData


@dataclass
class _LoadFailed(Message):
    """The loader thread failed. ``missing`` lists the official names of files not found
    (then a download can help); ``error`` is the DatasetError's one line, explained in
    the chosen language."""

    error: str
    missing: tuple[str, ...]


class MnistDataWorkbench(Workbench):
    """Loads MNIST after mounting (``action_load``, also the ``l`` key of a subclass);
    ``data`` is None until then. A subclass composes ``#mnist-notice`` (a Static),
    ``#mnist-tabs`` and ``#mnist-speed``, and may override ``on_data``."""

    @dataclass
    class DownloadWanted(Message):
        """MNIST is missing: the screen should offer to download ``missing`` (official
        file names) with ``fetcher``, then call ``done(downloaded)``."""

        fetcher: MnistFetcher
        missing: list[str]
        done: Callable[[bool | None], None]

    def __init__(self, *, id: str | None = None) -> None:
        self.fetcher = fetcher_factory()
        self.data: MnistData | None = None
        super().__init__(id=id)

    def on_data(self) -> None:
        """``data`` just arrived; the trainer on it is built next."""

    def can(self, action: str) -> bool:
        if self.data is None:
            # The training keys stay live without data, to say why they cannot train.
            return action in TRAINING_ACTIONS
        return super().can(action)

    def toggle_run(self) -> None:
        if self._say_no_data():
            super().toggle_run()

    def step_epoch(self) -> None:
        if self._say_no_data():
            super().step_epoch()

    def step_batch(self) -> None:
        if self._say_no_data():
            super().step_batch()

    def _say_no_data(self) -> bool:
        """True when there is data to train on; else says why not and what to do."""
        if self.data is None:
            self.say(
                _(
                    "No MNIST to train on: none in {folder}. Press l to load or download it, "
                    "or start nnlab with NNLAB_DATA set to a folder holding it."
                ).format(folder=self.fetcher.folder),
                "error",
            )
        return self.data is not None

    def status_detail(self) -> str:
        return "" if self.data is not None else _("MNIST not loaded")

    def action_load(self) -> None:
        if self.data is None:
            self._show_loading_state(
                _("Loading MNIST from {folder} …").format(folder=self.fetcher.folder)
            )
            self._load()

    @work(thread=True, exclusive=True, group="mnist-load", exit_on_error=False)
    def _load(self) -> None:
        try:
            data = self.fetcher.load()
        except DatasetError as exc:
            self.post_message(_LoadFailed(explain(exc), tuple(self.fetcher.missing_files())))
            return
        self.post_message(_Loaded(data))

    @on(_Loaded)
    def _loaded(self, message: _Loaded) -> None:
        self.data = message.data
        self.on_data()
        self._show_loading_state(None)
        self._install(self.build_trainer(self.applied))
        # One row at 80 columns even for the full 60,000 and 10,000 (n's epoch is in
        # the footer): a second row would cost the confusion pane its last line.
        tests = len(self.data.x_test)
        self.say(
            ngettext(
                "Loaded {train} training and {test} test digit; space trains.",
                "Loaded {train} training and {test} test digits; space trains.",
                tests,
            ).format(train=f"{len(self.data.x_train):,}", test=f"{tests:,}")
        )

    @on(_LoadFailed)
    def _load_failed(self, message: _LoadFailed) -> None:
        if not message.missing:
            self._show_loading_state(
                _("MNIST could not be read:\n{error}\n\nPress l to retry.").format(
                    error=message.error
                )
            )
            return
        self._show_loading_state(
            _(
                "MNIST is not in {folder}.\n\n"
                "Press l to download it, or choose a gate task on the left."
            ).format(folder=self.fetcher.folder)
        )
        self.post_message(
            self.DownloadWanted(self.fetcher, list(message.missing), self._after_download)
        )

    def _after_download(self, downloaded: bool | None) -> None:
        if downloaded:
            self.action_load()

    def _show_loading_state(self, text: str | None) -> None:
        """Show ``text`` in place of the panes, or the panes when ``text`` is None."""
        notice = self.query_one("#mnist-notice", Static)
        notice.update(text or "")
        notice.display = text is not None
        self.query_one("#mnist-tabs").display = text is None
        self.query_one("#mnist-speed").display = text is None
        self.screen.refresh_keys()
