"""The command palette's "go to epoch N": typing ``epoch 300`` (or ``go to 300``) there
offers to show that epoch, so rewinding a thousand epochs takes one line, not 1000 keys.
The word for epoch in the language in use works too (``에폭 300``, ``エポック 300``)."""

from __future__ import annotations

import re
from functools import partial

from textual.command import Hit, Hits, Provider

from tui.i18n import N_, _

EPOCH_WORD = N_("epoch")
"""The word typed before the number; its translation is understood too."""
QUERY = r"\s*(?:go\s*to\s*)?(?:(?:epoch|{word})\s*)?(\d{{1,9}})\s*"
"""What the palette's input must be: the epoch's number, after ``epoch`` (or ``word``, the
language's own) or ``go to``. Nine digits at most, so a pasted huge number is no epoch
rather than a huge int."""


def parse_epoch_query(text: str, word: str = EPOCH_WORD) -> int | None:
    """``"go to epoch 300"``, ``"epoch 300"``, ``"go to 300"`` (or ``word`` for epoch,
    ``"에폭 300"``) → 300; anything else → None."""
    match = re.fullmatch(QUERY.format(word=re.escape(word)), text, re.IGNORECASE)
    if match is None or not re.search(r"\D", text.strip()):
        return None  # a bare number is left to the other entries (pane 1 …)
    return int(match.group(1))


class EpochJumpProvider(Provider):
    """One hit, "Go to epoch N", when the palette's input names an epoch."""

    async def search(self, query: str) -> Hits:
        epoch = parse_epoch_query(query, _(EPOCH_WORD))
        workbench = getattr(self.screen, "workbench", None)
        if epoch is None or workbench is None or not workbench.records:
            return  # no epoch to go to
        title = _("Go to epoch {epoch}").format(epoch=epoch)
        command = partial(self.screen.go_to_epoch, epoch)
        yield Hit(1.0, title, command, text=title, help=_("Show that epoch's network"))
