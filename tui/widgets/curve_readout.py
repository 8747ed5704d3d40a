"""CurveReadout: the shown epoch's numbers in words, above the curves that plot them."""

from __future__ import annotations

from textual.widgets import Static

from nncore.trainer import EpochRecord


def score_parts(record: EpochRecord) -> list[str]:
    """``["train 91.2 %", "test 90.5 %", "loss 0.312"]`` for an epoch (no test: no test part)."""
    parts = [f"train {record.train_acc:.1%}".replace("%", " %")]
    if record.test_acc is not None:
        parts.append(f"test {record.test_acc:.1%}".replace("%", " %"))
    parts.append(f"loss {record.loss:.3f}")
    return parts


class CurveReadout(Static):
    """One line: "epoch 3: train 91.2 % · test 90.5 % · loss 0.312", or a hint before
    the first epoch ends."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, record: EpochRecord | None) -> None:
        """The numbers of ``record``, the shown epoch; None: no epoch finished yet."""
        if record is None:
            self.update("Accuracy and loss appear here when an epoch ends.")
        else:
            self.update(f"epoch {record.epoch}: " + " · ".join(score_parts(record)))
