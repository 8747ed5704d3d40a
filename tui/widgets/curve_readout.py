"""CurveReadout: the shown epoch's numbers in words, above the curves that plot them."""

from __future__ import annotations

from textual.widgets import Static

from nncore.trainer import EpochRecord
from tui.i18n import _


def score_parts(record: EpochRecord) -> list[str]:
    """``["train 91.2 %", "test 90.5 %", "loss 0.312"]`` for an epoch (no test: no test part)."""
    parts = [_("train {percent}").format(percent=percent(record.train_acc))]
    if record.test_acc is not None:
        parts.append(_("test {percent}").format(percent=percent(record.test_acc)))
    parts.append(_("loss {loss}").format(loss=f"{record.loss:.3f}"))
    return parts


def percent(fraction: float) -> str:
    """``"91.2 %"``."""
    return f"{fraction:.1%}".replace("%", " %")


class CurveReadout(Static):
    """One line: "epoch 3: train 91.2 % · test 90.5 % · loss 0.312", or a hint before
    the first epoch ends."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, record: EpochRecord | None) -> None:
        """The numbers of ``record``, the shown epoch; None: no epoch finished yet."""
        if record is None:
            self.update(_("Accuracy and loss appear here when an epoch ends."))
        else:
            scores = " · ".join(score_parts(record))
            self.update(_("epoch {epoch}: {scores}").format(epoch=record.epoch, scores=scores))
