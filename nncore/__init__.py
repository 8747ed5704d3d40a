"""nncore: the pure-NumPy engine behind nnlab, with the book's names.

Importable on its own; it never imports the terminal UI.
"""

from nncore.functions import (
    binary_cross_entropy,
    cross_entropy_error,
    identity_function,
    leaky_relu,
    relu,
    sigmoid,
    softmax,
    step_function,
    sum_squares_error,
    tanh,
)
from nncore.gates import GATE_TARGETS, LogicGateNet, gate_data
from nncore.gradient import numerical_diff, numerical_gradient
from nncore.layers import (
    Affine,
    LeakyRelu,
    Relu,
    Sigmoid,
    SigmoidWithLoss,
    SoftmaxWithLoss,
    Tanh,
)
from nncore.network import Network
from nncore.optimizers import SGD, AdaGrad, Adam, Momentum
from nncore.trainer import EpochRecord, History, StepResult, Trainer, TrainingDiverged

__all__ = [
    "GATE_TARGETS",
    "SGD",
    "AdaGrad",
    "Adam",
    "Affine",
    "EpochRecord",
    "History",
    "LeakyRelu",
    "LogicGateNet",
    "Momentum",
    "Network",
    "Relu",
    "Sigmoid",
    "SigmoidWithLoss",
    "SoftmaxWithLoss",
    "StepResult",
    "Tanh",
    "Trainer",
    "TrainingDiverged",
    "binary_cross_entropy",
    "cross_entropy_error",
    "gate_data",
    "identity_function",
    "leaky_relu",
    "numerical_diff",
    "numerical_gradient",
    "relu",
    "sigmoid",
    "softmax",
    "step_function",
    "sum_squares_error",
    "tanh",
]
