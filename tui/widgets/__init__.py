"""Reusable nnlab display widgets; they take plain NumPy arrays and know nothing of nncore.

Each name is imported from its module on first use, so importing one widget module (the
task chooser, at launch) does not load plotext and NumPy for all the others.
"""

from importlib import import_module

_MODULES = {
    "MIN_HEIGHT": "too_small",
    "MIN_WIDTH": "too_small",
    "AccuracyPlot": "accuracy_plot",
    "ConfusionMatrix": "confusion_matrix",
    "DecisionMap": "decision_map",
    "DigitView": "digit_view",
    "LossPlot": "loss_plot",
    "ProbabilityBars": "probability_bars",
    "TooSmall": "too_small",
}

__all__ = list(_MODULES)


def __getattr__(name: str) -> object:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
