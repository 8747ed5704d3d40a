"""The tasks the chooser lists, in sections: logic gates, draw, MNIST digits, concepts.

Plain data, no NumPy: the first frame (the chooser) is drawn from it before anything
heavy loads. Which page a task opens is ``tui.pages.create_page``'s business.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.i18n import N_


@dataclass(frozen=True)
class Task:
    """``kind`` picks the page (``"gate"``, ``"draw"``, ``"mnist"``, ``"concept"``),
    ``key`` the task within its kind, ``label`` its line in the chooser: English, marked
    ``N_`` when it is words (a name such as AND or a preset's stays as it is), and shown
    through ``_()``."""

    kind: str
    key: str
    label: str

    @property
    def id(self) -> str:
        """A CSS-safe id for the task's page."""
        return f"wb-{self.kind}-{self.key}".replace(".", "-").replace(" ", "-")


GATE_TASKS = (
    Task("gate", "and", "AND"),
    Task("gate", "or", "OR"),
    Task("gate", "nand", "NAND"),
    Task("gate", "xor-1", N_("XOR 1 layer ✗")),
    Task("gate", "xor-2", N_("XOR 2 layers")),
)
FIRST_TASK = GATE_TASKS[0]
DRAW_TASKS = (Task("draw", "digit", N_("Draw a digit")),)
MNIST_PRESET_NAMES = ("book", "book-3layer", "best")
"""The keys of ``nncore.presets.MNIST_PRESETS``, in its order (a test keeps them equal),
spelled out because importing the presets loads NumPy (~0.15 s), which the first frame
does without."""
MNIST_TASKS = tuple(Task("mnist", name, name) for name in MNIST_PRESET_NAMES)
CONCEPT_TASKS = tuple(
    Task("concept", key, label)
    for key, label in {
        "activations": N_("Activations"),
        "nonlinear": N_("Non-linearity"),
        "arrays": N_("np.dot shapes"),
        "forward": N_("Forward pass"),
        "softmax": N_("Softmax"),
        "loss": N_("Loss functions"),
        "numdiff": N_("Numerical diff"),
        "batches": N_("Mini-batches"),
        "descent": N_("Grad. descent"),
        "gradcheck": N_("Gradient check"),
    }.items()
)
"""One page of ``tui.concepts.CONCEPT_PAGES`` each, in the book's order; labels of at
most 14 cells (in every language: a Korean or Japanese character takes two), so they fit
the narrow chooser."""

SECTIONS: tuple[tuple[str, tuple[Task, ...]], ...] = (
    (N_("Logic gates"), GATE_TASKS),
    (N_("Draw"), DRAW_TASKS),
    (N_("MNIST digits"), MNIST_TASKS),
    (N_("Concepts"), CONCEPT_TASKS),
)
"""The chooser's headings and their tasks, top to bottom."""
