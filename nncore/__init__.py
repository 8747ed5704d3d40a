"""nnlab: a pure-NumPy neural network engine."""
