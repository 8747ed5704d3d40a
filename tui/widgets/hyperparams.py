"""HyperparamsForm: validated hyperparameter fields that post only valid values.

Inputs validate on every keystroke and show the problem inline under the field; a value
is applied (``HyperparamsForm.Changed`` posted) when the user presses enter or leaves the
field, and only if it is valid. Selects apply as soon as they change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Select, Static

from tui.i18n import N_, _, explain
from tui.training.hyperparams import (
    ACTIVATIONS,
    GRAD_METHODS,
    INIT_NAMES,
    OPTIMIZER_NAMES,
    Hyperparams,
    format_hidden,
    parse_hidden,
    parse_lr,
    parse_positive_int,
    parse_seed,
    parse_stop_at,
)

MAX_BATCH = 60_000
MAX_EPOCHS = 100_000

Parser = Callable[[str], Any]

TEXT_FIELDS: dict[str, tuple[str, Parser, Callable[[Any], str]]] = {
    "hidden": (N_("hidden"), parse_hidden, format_hidden),
    "lr": (N_("learn rate"), parse_lr, lambda v: f"{v:g}"),
    "batch_size": (
        N_("batch size"),
        lambda t: parse_positive_int(t, field_label("batch_size"), MAX_BATCH),
        str,
    ),
    "epochs": (
        N_("epochs"),
        lambda t: parse_positive_int(t, field_label("epochs"), MAX_EPOCHS),
        str,
    ),
    "stop_at": (
        N_("stop at epoch"),
        lambda t: parse_stop_at(t, MAX_EPOCHS),
        lambda v: str(v or ""),
    ),
    "seed": (N_("seed"), parse_seed, str),
}
CHOICE_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "activation": (N_("activation"), ACTIVATIONS),
    "optimizer": (N_("optimizer"), OPTIMIZER_NAMES),
    "grad": (N_("gradient"), GRAD_METHODS),
    "init": (N_("init"), INIT_NAMES),
}
"""Labels are marked where written and translated by ``field_label`` as they are shown;
the choices are nncore's names, which stay as the command line spells them."""
ORDER = (
    "lr",
    "batch_size",
    "epochs",
    "stop_at",
    "grad",
    "hidden",
    "activation",
    "optimizer",
    "init",
    "seed",
)


def field_label(name: str) -> str:
    """The form's label for field ``name`` (``"batch_size"`` → ``"batch size"``), in the
    chosen language."""
    return _(TEXT_FIELDS[name][0] if name in TEXT_FIELDS else CHOICE_FIELDS[name][0])


def field_list(names) -> str:
    """Fields as a message names them: labels in form order, the first capitalised
    (``{"grad", "batch_size"}`` → ``"Batch size, gradient"``)."""
    text = ", ".join(field_label(name) for name in ORDER if name in names)
    return text[:1].upper() + text[1:]


class ParserValidator(Validator):
    """Runs a parser; its ``ValueError`` message becomes the inline failure text, and
    ``parsed`` keeps the value of the last text that parsed, for the form to apply."""

    def __init__(self, parse: Parser) -> None:
        super().__init__()
        self._parse = parse
        self.parsed: Any = None

    def validate(self, value: str) -> ValidationResult:
        try:
            self.parsed = self._parse(value)
        except ValueError as exc:
            return self.failure(explain(exc))
        return self.success()


class FormSelect(Select, inherit_bindings=False):
    """A Select whose menu opens with enter or the arrows but not ``space``: closed, it
    leaves ``space`` to the screen (run / pause) as every other field does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,down,up", "show_overlay", N_("Show menu"), show=False)
    ]


class HyperparamsForm(VerticalScroll):
    """Edits a ``Hyperparams``; fields outside ``scope`` are disabled (they do not apply
    to the current network), and ``note`` (marked, translated as shown) explains the
    scope in one line."""

    @dataclass
    class Changed(Message):
        """The form holds a new *valid* set of values (invalid input never posts);
        ``changed`` names the fields that differ from the previous valid set."""

        params: Hyperparams
        changed: frozenset[str]

    def __init__(
        self, params: Hyperparams, scope: frozenset[str], note: str, *, id: str | None = None
    ) -> None:
        # Not focusable itself, so arrow keys reach the screen's rewind bindings.
        super().__init__(id=id, can_focus=False)
        self.values = params
        self._scope = scope
        self._note = note

    def compose(self) -> ComposeResult:
        yield Static(_(self._note), id="hp-note", markup=False)
        for name in ORDER:
            if name == "lr":
                yield Label(_("Apply at the next step"), classes="hp-section")
            elif name == "hidden":
                yield Label(_("Apply on reset (r): new weights"), classes="hp-section")
            with Horizontal(classes="hp-row"):
                yield Label(field_label(name), classes="hp-label")
                yield self._control(name)
            yield Static("", id=f"hp-error-{name}", classes="hp-error", markup=False)

    def _control(self, name: str) -> Input | Select:
        value = getattr(self.values, name)
        disabled = name not in self._scope
        if name in TEXT_FIELDS:
            _label, parse, show = TEXT_FIELDS[name]
            return Input(
                show(value),
                id=f"hp-{name}",
                validators=[ParserValidator(parse)],
                validate_on=["changed", "submitted", "blur"],
                compact=True,
                disabled=disabled,
                select_on_focus=False,
            )
        options = [(choice, choice) for choice in CHOICE_FIELDS[name][1]]
        return FormSelect(
            options,
            value=value,
            allow_blank=False,
            type_to_search=False,
            id=f"hp-{name}",
            compact=True,
            disabled=disabled,
        )

    def set_values(self, params: Hyperparams, scope: tuple[frozenset[str], str]) -> None:
        """Show ``params`` (e.g. from an opened model) without posting a change."""
        self.values = params
        self._scope, self._note = scope
        self.query_one("#hp-note", Static).update(_(self._note))
        for name in ORDER:
            control = self.query_one(f"#hp-{name}")
            control.disabled = name not in self._scope
            with self.prevent(Input.Changed, Select.Changed):
                if isinstance(control, Input):
                    control.value = TEXT_FIELDS[name][2](getattr(params, name))
                else:
                    control.value = getattr(params, name)
            self._show_error(name, "")

    def _show_error(self, name: str, text: str) -> None:
        error = self.query_one(f"#hp-error-{name}", Static)
        error.update(text)
        error.display = bool(text)

    def _field_of(self, widget) -> str:
        return widget.id.removeprefix("hp-")

    @on(Input.Changed)
    def _validate_as_typed(self, event: Input.Changed) -> None:
        event.stop()
        result = event.validation_result
        name = self._field_of(event.input)
        problems = result.failure_descriptions if result is not None else []
        error = _("✗ {problem} — not applied").format(problem=problems[0]) if problems else ""
        self._show_error(name, error)

    @on(Input.Submitted)
    @on(Input.Blurred)
    def _apply_input(self, event: Input.Submitted | Input.Blurred) -> None:
        event.stop()
        result = event.validation_result
        if result is None or not result.is_valid:
            return
        # The validator parsed this very text when the event was made (it validates on
        # submit and on blur): its value, not a second parse.
        (validator,) = event.input.validators
        self._apply(self._field_of(event.input), validator.parsed)

    @on(Select.Changed)
    def _apply_select(self, event: Select.Changed) -> None:
        event.stop()
        self._apply(self._field_of(event.select), event.value)

    def _apply(self, name: str, value: Any) -> None:
        params = replace(self.values, **{name: value})
        changed = params.changed_fields(self.values)
        if changed:
            self.values = params
            self.post_message(self.Changed(params, changed))
