"""How many threads NumPy's BLAS may use: set by every subcommand before it runs, and by
the app before it builds a page (``tui.pages.create_page``)."""

from __future__ import annotations

import os

#: Mini-batch products (100×784 by 784×50) are too small to gain from a second thread,
#: and while anything else keeps the cores busy (the app's own UI thread, a test run,
#: another program) OpenBLAS's spinning threads made a book-preset epoch take 4–30 s
#: instead of 0.4 s on two cores. ``NNLAB_BLAS_THREADS`` overrides it.
DEFAULT_BLAS_THREADS = 1


def limit_blas_threads(threads: int | None = None) -> int:
    """Cap the BLAS thread pool NumPy loaded; returns the number in force."""
    import numpy  # noqa: F401  (threadpoolctl only sees libraries already loaded)
    from threadpoolctl import threadpool_limits

    if threads is None:
        text = os.environ.get("NNLAB_BLAS_THREADS", "")
        threads = int(text) if text.isdigit() and int(text) > 0 else DEFAULT_BLAS_THREADS
    threadpool_limits(limits=threads, user_api="blas")
    return threads
