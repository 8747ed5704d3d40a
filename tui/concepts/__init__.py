"""The Concepts section: one interactive page per idea of chapters 3–4 of the book.

Every number a page shows comes from ``nncore``; the pages only arrange and explain it.
``CONCEPT_PAGES`` names each task's page by module and class, so a page's module is
imported only when its task is opened.
"""

from __future__ import annotations

CONCEPT_PAGES: dict[str, tuple[str, str]] = {
    "activations": ("tui.concepts.activations", "ActivationsPage"),
    "nonlinear": ("tui.concepts.nonlinear", "NonlinearPage"),
    "arrays": ("tui.concepts.arrays", "ArraysPage"),
    "forward": ("tui.concepts.forward", "ForwardPage"),
    "softmax": ("tui.concepts.softmax", "SoftmaxPage"),
    "loss": ("tui.concepts.loss", "LossPage"),
    "numdiff": ("tui.concepts.numdiff", "NumdiffPage"),
    "batches": ("tui.concepts.batches", "BatchesPage"),
    "descent": ("tui.concepts.descent", "DescentPage"),
    "gradcheck": ("tui.concepts.gradcheck", "GradcheckPage"),
}
"""Task key (those of ``tui.tasks.CONCEPT_TASKS``, in its order) -> (module, class)."""
