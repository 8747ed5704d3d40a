"""The command palette's "go to epoch N": typing ``epoch 300`` (or ``go to 300``) there
offers to show that epoch, so rewinding a thousand epochs takes one line, not 1000 keys."""

from __future__ import annotations

import re
from functools import partial

from textual.command import Hit, Hits, Provider

QUERY = re.compile(r"\s*(?:go\s*to\s*)?(?:epoch\s*)?(\d{1,9})\s*", re.IGNORECASE)
"""What the palette's input must be: the epoch's number, after ``epoch`` or ``go to``.
Nine digits at most, so a pasted huge number is no epoch rather than a huge int."""


def parse_epoch_query(text: str) -> int | None:
    """``"go to epoch 300"``, ``"epoch 300"``, ``"go to 300"`` → 300; anything else → None."""
    match = QUERY.fullmatch(text)
    if match is None or not re.search(r"[a-z]", text, re.IGNORECASE):
        return None  # a bare number is left to the other entries (pane 1 …)
    return int(match.group(1))


class EpochJumpProvider(Provider):
    """One hit, "Go to epoch N", when the palette's input names an epoch."""

    async def search(self, query: str) -> Hits:
        epoch = parse_epoch_query(query)
        workbench = getattr(self.screen, "workbench", None)
        if epoch is None or workbench is None or not workbench.records:
            return  # no epoch to go to
        title = f"Go to epoch {epoch}"
        command = partial(self.screen.go_to_epoch, epoch)
        yield Hit(1.0, title, command, text=title, help="Show that epoch's network")
