"""Reusable nnlab display widgets; they take plain NumPy arrays and know nothing of nncore."""

from tui.widgets.accuracy_plot import AccuracyPlot
from tui.widgets.confusion_matrix import ConfusionMatrix
from tui.widgets.decision_map import DecisionMap
from tui.widgets.digit_view import DigitView
from tui.widgets.loss_plot import LossPlot
from tui.widgets.probability_bars import ProbabilityBars
from tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmall

__all__ = [
    "MIN_HEIGHT",
    "MIN_WIDTH",
    "AccuracyPlot",
    "ConfusionMatrix",
    "DecisionMap",
    "DigitView",
    "LossPlot",
    "ProbabilityBars",
    "TooSmall",
]
