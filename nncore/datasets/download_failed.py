"""A download that failed on every mirror: one line for logs, one line per mirror for
people (in their language when the caller says how)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from nncore.datasets.errors import DatasetError
from nncore.datasets.files import manual_instructions
from nncore.text import N_, Phrase, listed, one_line

REPORT_WIDTH = 80
"""Columns :meth:`DownloadFailed.report` wraps at: a terminal's narrowest."""


_ERRNO = re.compile(r"\[Errno -?\d+\] ")
_NO_MIRRORS = Phrase(N_("no mirrors configured"))


def mirror_label(mirror: str) -> str:
    """``"ossci-datasets.s3.amazonaws.com/mnist"``: a mirror's host and folder, no scheme."""
    parts = urlsplit(mirror)
    return one_line(f"{parts.netloc}{parts.path}".rstrip("/") or mirror)


class DownloadFailed(DatasetError):
    """Every mirror failed for ``filename``. ``failures`` holds ``(mirror, reason)`` for
    each mirror tried, in order; ``folder`` is where the files were to go.

    ``str()`` is the usual single line; :meth:`report` gives one line per mirror. A
    reason is a ``Phrase`` (a ``MirrorFailed``'s) or plain text, made one line.
    """

    def __init__(self, filename: str, failures: list[tuple[str, str]], folder: Path) -> None:
        self.filename = filename
        self.failures = [
            (one_line(mirror), reason if isinstance(reason, Phrase) else one_line(reason))
            for mirror, reason in failures
        ]
        self.folder = folder
        tried = [
            Phrase(N_("{url} ({reason})"), url=mirror_url(m, filename), reason=r)
            for m, r in self.failures
        ]
        super().__init__(
            N_("could not download {filename}: {tried}; {how}"),
            filename=filename,
            tried=listed(tried) if tried else _NO_MIRRORS,
            how=manual_instructions(folder),
        )

    def mirror_lines(self, say: Callable[[object], str] = str) -> list[str]:
        """``"<host/folder>: <reason>"`` per mirror tried, each a single line (the OS's
        ``[Errno 111]`` left out: the words after it say the same to a reader); ``say``
        gives each reason its words (``tui.i18n.explain``: the chosen language)."""
        return [
            f"{mirror_label(mirror)}: {_ERRNO.sub('', say(reason))}"
            for mirror, reason in self.failures
        ]

    def report(
        self,
        width: int = REPORT_WIDTH,
        *,
        instructions: bool = True,
        say: Callable[[object], str] = str,
    ) -> list[str]:
        """The failure as lines of at most ``width`` columns, nothing cut: a headline,
        each mirror's reason indented under it, then (``instructions``) where to put the
        files by hand. ``say`` gives each sentence its words, as in :meth:`mirror_lines`
        (wrapping counts characters: wide ones need the caller's own wrapping)."""
        mirrors = self.mirror_lines(say) or [say(_NO_MIRRORS)]
        headline = Phrase(
            N_("Could not download {filename} from any mirror:"), filename=self.filename
        )
        lines = textwrap.wrap(say(headline), width)
        for line in mirrors:
            lines += textwrap.wrap(
                line, width, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False
            )
        if instructions:
            hint = say(manual_instructions(self.folder, sentence=True))
            lines += textwrap.wrap(hint, width, break_on_hyphens=False)
        return lines


def mirror_url(mirror: str, filename: str) -> str:
    """Where ``filename`` is on ``mirror`` (a URL prefix, with or without its ``/``)."""
    return mirror + filename if mirror.endswith("/") else f"{mirror}/{filename}"
