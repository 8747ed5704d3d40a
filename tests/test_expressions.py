"""nncore.expressions: the allow-listed parser, evaluation and symbolic derivatives."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncore.expressions import MAX_LENGTH, ExpressionError, parse_expression


@pytest.mark.parametrize(
    ("text", "x", "value"),
    [
        ("0.01*x**2 + 0.1*x", 5.0, 0.75),
        ("-x**2", 3.0, -9.0),
        ("sin(x) + cos(x)", 0.0, 1.0),
        ("exp(log(x))", 2.5, 2.5),
        ("sqrt(abs(x)) / 2", -16.0, 2.0),
        ("tanh(x) - tan(x)", 0.0, 0.0),
        ("+x - 1e3", 1.0, -999.0),
    ],
)
def test_allowed_expressions_evaluate(text, x, value):
    assert parse_expression(text)(x) == pytest.approx(value)


def test_evaluates_elementwise_on_arrays():
    f = parse_expression("x**2 + 1")
    np.testing.assert_allclose(f(np.array([0.0, 1.0, 2.0])), [1.0, 2.0, 5.0])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x^2", "use ** for powers"),
        ('__import__("os").system("true")', "only the functions"),
        ("y + 1", "unknown name 'y'"),
        ("x.real", "Attribute is not allowed"),
        ("lambda: 1", "Lambda is not allowed"),
        ("'a' * 3", "only numbers"),
        ("True + x", "only numbers"),
        ("1j * x", "only numbers"),
        ("sin(x, 2)", "exactly one argument"),
        ("sin(x=1)", "exactly one argument"),
        ("[x]", "List is not allowed"),
        ("x if x else 1", "IfExp is not allowed"),
        ("x // 2", "FloorDiv is not allowed"),
        ("not x", "Not is not allowed"),
        ("x < 1", "Compare is not allowed"),
        ("(", "not a formula"),
        ("1if x else 2", "not a formula: invalid decimal literal"),  # a warning, not printed
        ("", "type an expression"),
        ("x" * (MAX_LENGTH + 1), "too long"),
    ],
)
def test_everything_else_is_refused_with_one_line(text, message, recwarn):
    with pytest.raises(ExpressionError, match=re.escape(message)) as info:
        parse_expression(text)
    assert not recwarn.list
    assert "\n" not in str(info.value)


def test_integer_powers_are_floats_so_huge_ones_end_as_inf_at_once():
    assert parse_expression("9**9**9")(1.0) == math.inf


@pytest.mark.parametrize(
    ("text", "derivative"),
    [
        ("0.01*x**2 + 0.1*x", lambda x: 0.02 * x + 0.1),
        ("sin(x)", np.cos),
        ("cos(2*x)", lambda x: -2 * np.sin(2 * x)),
        ("tan(x)", lambda x: 1 / np.cos(x) ** 2),
        ("exp(-x**2)", lambda x: -2 * x * np.exp(-(x**2))),
        ("log(x)", lambda x: 1 / x),
        ("sqrt(x)", lambda x: 0.5 / np.sqrt(x)),
        ("tanh(x)", lambda x: 1 - np.tanh(x) ** 2),
        ("abs(x)", np.sign),
        ("x / (1 + x)", lambda x: 1 / (1 + x) ** 2),
        ("2**x", lambda x: 2**x * np.log(2)),
        ("x**x", lambda x: x**x * (np.log(x) + 1)),
        ("7", lambda x: 0 * x),
    ],
)
def test_symbolic_derivative_matches_the_formula(text, derivative):
    xs = np.array([0.3, 1.0, 1.7])
    d = parse_expression(text).derivative()
    np.testing.assert_allclose(d(xs), derivative(xs), rtol=1e-12)
    assert parse_expression(d.text).text == d.text  # the derivative is itself allowed


def test_derivative_text_folds_the_obvious():
    assert parse_expression("3*x + 2").derivative().text == "3"
    assert parse_expression("sin(x)").derivative().text == "cos(x)"


ALPHABET = "x0123456789.+-*/()e ,_'\"[]^<>=!%&|~:;abcdfgilmnoprstuvwyz"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40) | st.text(max_size=40))
def test_random_text_compiles_or_is_refused_and_never_runs_anything(text):
    import ast
    import builtins

    real_compile = builtins.compile

    def forbidden(*args, **kwargs):
        raise AssertionError("user text reached eval or exec")

    def parse_only(source, filename, mode, flags=0, *args, **kwargs):
        # ast.parse compiles to a tree only (PyCF_ONLY_AST); code objects are forbidden.
        if not flags & ast.PyCF_ONLY_AST:
            raise AssertionError("user text was compiled to code")
        return real_compile(source, filename, mode, flags, *args, **kwargs)

    saved = {name: getattr(builtins, name) for name in ("eval", "exec", "compile")}
    try:
        builtins.eval = builtins.exec = forbidden
        builtins.compile = parse_only
        try:
            f = parse_expression(text)
        except ExpressionError:
            return
        value = f(np.linspace(-2, 2, 5))
        f.derivative()(1.5)
    finally:
        for name, original in saved.items():
            setattr(builtins, name, original)
    assert np.shape(value) in ((), (5,))
