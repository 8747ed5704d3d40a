"""nnlab's benchmarks: each module prints a table and writes JSON; ``run.py`` runs them all.

Run from the repository root: ``python -m benchmarks.run [--quick]`` or ``nnlab bench``.
"""
