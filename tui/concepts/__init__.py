"""The Concepts section: one interactive page per idea of chapters 3–4 of the book.

Every number a page shows comes from ``nncore``; the pages only arrange and explain it.
``CONCEPT_PAGES`` names each task's page by module and class, so a page's module is
imported only when its task is opened.
"""

from __future__ import annotations

CONCEPT_PAGES: dict[str, tuple[str, str, str]] = {
    "activations": ("Activations", "tui.concepts.activations", "ActivationsPage"),
    "nonlinear": ("Non-linearity", "tui.concepts.nonlinear", "NonlinearPage"),
    "arrays": ("np.dot shapes", "tui.concepts.arrays", "ArraysPage"),
    "forward": ("Forward pass", "tui.concepts.forward", "ForwardPage"),
    "softmax": ("Softmax", "tui.concepts.softmax", "SoftmaxPage"),
    "loss": ("Loss functions", "tui.concepts.loss", "LossPage"),
    "numdiff": ("Numerical diff", "tui.concepts.numdiff", "NumdiffPage"),
    "batches": ("Mini-batches", "tui.concepts.batches", "BatchesPage"),
    "descent": ("Grad. descent", "tui.concepts.descent", "DescentPage"),
}
"""Task key -> (chooser label of at most 14 characters, so it fits the narrow chooser;
module; class), in the book's order."""
