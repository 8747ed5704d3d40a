"""Safe one-variable expressions such as ``0.01*x**2 + 0.1*x`` or ``sin(x)/x``.

User text is parsed with ``ast.parse`` and checked against an allow-list: numbers, the
name ``x``, ``+ - * / **``, unary minus/plus and calls of the functions in ``FUNCTIONS``
with one argument. The tree is then *interpreted* node by node with NumPy; it is never
compiled or handed to ``eval``. ``Expression.derivative()`` differentiates the tree
symbolically with the usual rules, so the numerical differentiation panel has an exact
reference for anything the user types.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nncore.text import N_, Worded

MAX_LENGTH = 200
"""Longer text is refused before parsing: a formula for a lesson is short, and a limit
keeps ``ast.parse`` away from pathological nesting."""

FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "tanh": np.tanh,
    "abs": np.abs,
}

_BINARY = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: np.divide,
    ast.Pow: np.power,
}


class ExpressionError(Worded, ValueError):
    """The text is not an allowed expression; the message says why in one line."""


def _check(node: ast.AST) -> None:
    """Raise ExpressionError unless every node of the tree is on the allow-list."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ExpressionError(
                N_("only numbers are allowed, not {value}"), value=repr(node.value)
            )
    elif isinstance(node, ast.Name):
        if node.id != "x":
            raise ExpressionError(
                N_("unknown name {name}: use x and the functions {known}"),
                name=repr(node.id),
                known=", ".join(FUNCTIONS),
            )
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            refused = (
                N_("operator {op} is not allowed (use ** for powers)")
                if isinstance(node.op, ast.BitXor)
                else N_("operator {op} is not allowed")
            )
            raise ExpressionError(refused, op=type(node.op).__name__)
        _check(node.left)
        _check(node.right)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd):
            raise ExpressionError(N_("operator {op} is not allowed"), op=type(node.op).__name__)
        _check(node.operand)
    elif isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in FUNCTIONS:
            raise ExpressionError(
                N_("only the functions {known} may be called"), known=", ".join(FUNCTIONS)
            )
        if len(node.args) != 1 or node.keywords:
            raise ExpressionError(N_("{name}() takes exactly one argument"), name=name)
        _check(node.args[0])
    else:
        raise ExpressionError(
            N_("{node} is not allowed in an expression"), node=type(node).__name__
        )


def _evaluate(node: ast.expr, x):
    """The value of a checked tree at ``x`` (a float or an array of any shape)."""
    if isinstance(node, ast.Constant):
        # float64, never a Python int: an int ``9**9**9`` would take forever to compute.
        return np.float64(node.value)
    if isinstance(node, ast.Name):
        return x
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_evaluate(node.left, x), _evaluate(node.right, x))
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, x)
        return -value if isinstance(node.op, ast.USub) else value
    return FUNCTIONS[node.func.id](_evaluate(node.args[0], x))


def parse_expression(text: str) -> Expression:
    """Parse ``text`` into an Expression of ``x``, or raise ExpressionError."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(N_("too long: at most {n} characters"), n=MAX_LENGTH)
    if not text.strip():
        raise ExpressionError(N_("type an expression of x, e.g. 0.01*x**2 + 0.1*x"))
    try:
        with warnings.catch_warnings():
            # "1if x else 2" parses with a warning printed to stderr, under the app's
            # screen; as an error, the parser raises it as a SyntaxError.
            warnings.simplefilter("error", SyntaxWarning)
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(N_("not a formula: {reason}"), reason=exc.msg) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError(N_("not a formula Python can read")) from None
    try:
        _check(tree.body)
    except RecursionError:
        raise ExpressionError(N_("nested too deeply")) from None
    return Expression(tree.body)


# --- symbolic differentiation: building blocks that fold the obvious 0s and 1s ---


def _num(value: float) -> ast.expr:
    if value < 0:
        return ast.UnaryOp(ast.USub(), ast.Constant(-value))
    return ast.Constant(int(value) if float(value).is_integer() else value)


def _value(node: ast.expr) -> float | None:
    """The number a node stands for, or None when it is not a plain number."""
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        return sign * float(node.operand.value)
    return None


def _add(a: ast.expr, b: ast.expr) -> ast.expr:
    if _value(a) == 0:
        return b
    if _value(b) == 0:
        return a
    return ast.BinOp(a, ast.Add(), b)


def _sub(a: ast.expr, b: ast.expr) -> ast.expr:
    if _value(b) == 0:
        return a
    if _value(a) == 0:
        return _neg(b)
    return ast.BinOp(a, ast.Sub(), b)


def _neg(a: ast.expr) -> ast.expr:
    value = _value(a)
    return _num(-value) if value is not None else ast.UnaryOp(ast.USub(), a)


def _mul(a: ast.expr, b: ast.expr) -> ast.expr:
    va, vb = _value(a), _value(b)
    if va == 0 or vb == 0:
        return _num(0)
    if va == 1:
        return b
    if vb == 1:
        return a
    if va is not None and vb is not None:
        return _num(va * vb)
    return ast.BinOp(a, ast.Mult(), b)


def _div(a: ast.expr, b: ast.expr) -> ast.expr:
    if _value(a) == 0:
        return _num(0)
    if _value(b) == 1:
        return a
    return ast.BinOp(a, ast.Div(), b)


def _pow(a: ast.expr, b: ast.expr) -> ast.expr:
    if _value(b) == 1:
        return a
    return ast.BinOp(a, ast.Pow(), b)


def _call(name: str, arg: ast.expr) -> ast.expr:
    return ast.Call(ast.Name(name, ast.Load()), [arg], [])


def _has_x(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "x" for n in ast.walk(node))


def _outer(name: str, u: ast.expr) -> ast.expr:
    """d/du of FUNCTIONS[name](u), before the chain rule's factor u'."""
    if name == "sin":
        return _call("cos", u)
    if name == "cos":
        return _neg(_call("sin", u))
    if name == "tan":
        return _div(_num(1), _pow(_call("cos", u), _num(2)))
    if name == "exp":
        return _call("exp", u)
    if name == "log":
        return _div(_num(1), u)
    if name == "sqrt":
        return _div(_num(1), _mul(_num(2), _call("sqrt", u)))
    if name == "tanh":
        return _sub(_num(1), _pow(_call("tanh", u), _num(2)))
    return _div(u, _call("abs", u))  # abs: the sign of u (undefined, nan, at 0)


def _derive(node: ast.expr) -> ast.expr:
    """d/dx of a checked tree, as a new checked tree."""
    if isinstance(node, ast.Constant):
        return _num(0)
    if isinstance(node, ast.Name):
        return _num(1)
    if isinstance(node, ast.UnaryOp):
        du = _derive(node.operand)
        return _neg(du) if isinstance(node.op, ast.USub) else du
    if isinstance(node, ast.Call):
        u = node.args[0]
        return _mul(_outer(node.func.id, u), _derive(u))
    u, v, op = node.left, node.right, node.op
    du, dv = _derive(u), _derive(v)
    if isinstance(op, ast.Add):
        return _add(du, dv)
    if isinstance(op, ast.Sub):
        return _sub(du, dv)
    if isinstance(op, ast.Mult):
        return _add(_mul(du, v), _mul(u, dv))
    if isinstance(op, ast.Div):
        return _div(_sub(_mul(du, v), _mul(u, dv)), _pow(v, _num(2)))
    # Power: u**c (constant exponent), c**v (constant base), or the general u**v.
    if not _has_x(v):
        exponent = _value(v)
        lowered = _num(exponent - 1) if exponent is not None else _sub(v, _num(1))
        return _mul(_mul(v, _pow(u, lowered)), du)
    if not _has_x(u):
        return _mul(_mul(node, _call("log", u)), dv)
    inner = _add(_mul(dv, _call("log", u)), _div(_mul(v, du), u))
    return _mul(node, inner)


@dataclass(frozen=True, eq=False)
class Expression:
    """A checked expression tree of ``x``; call it with a float or an array."""

    tree: ast.expr

    def __call__(self, x):
        """The value at ``x``; same shape as ``x``. Overflow gives inf, 0/0 gives nan,
        both without warnings (a lesson about h = 1e-50 hits them on purpose)."""
        with np.errstate(all="ignore"):
            return _evaluate(self.tree, x)

    @property
    def text(self) -> str:
        """The expression as Python would write it, e.g. ``0.02 * x + 0.1``."""
        return ast.unparse(self.tree)

    def derivative(self) -> Expression:
        """The exact derivative d/dx, by the sum, product, quotient, power and chain rules."""
        return Expression(ast.fix_missing_locations(_derive(self.tree)))
