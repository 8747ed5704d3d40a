"""ModelFileScreen: ask for a model path to save to or open; errors stay inline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Static

from tui.i18n import N_, _, explain


class PathValidator(Validator):
    """A path must be given; to open, it must name an existing regular file; to save,
    its folder must exist and be writable."""

    def __init__(self, must_exist: bool) -> None:
        super().__init__()
        self.must_exist = must_exist

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.failure(_("type a file path, e.g. and.npz"))
        # Shared with the command line: a path too long to look up is a message, not a
        # crash. Imported here: nncore loads NumPy, which the first screen does without.
        from nncore.paths import file_problem, save_problem

        path = Path(value.strip()).expanduser()
        problem = file_problem(path) if self.must_exist else save_problem(path)
        return self.failure(explain(problem)) if problem else self.success()


class ModelFileScreen(ModalScreen[bool]):
    """``act(path)`` does the saving/opening and returns a one-line error or None; on
    None the dialog closes (result True), otherwise the error shows under the input."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self, title: str, initial: Path, act: Callable[[Path], str | None], *, must_exist: bool
    ) -> None:
        super().__init__()
        self._title = title
        self._initial = initial
        self._act = act
        self._must_exist = must_exist
        self._typed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="file-dialog"):
            yield Label(self._title, id="file-title")
            yield Input(
                str(self._initial),
                id="file-path",
                validators=[PathValidator(self._must_exist)],
                validate_on=["changed", "submitted"],
            )
            yield Static("", id="file-error", markup=False)
            yield Label(_("enter: confirm   escape: cancel"), id="file-hint")

    @on(Input.Changed)
    def _check(self, event: Input.Changed) -> None:
        # The suggested path is nobody's typing: its problem waits for edits or enter.
        self._typed = self._typed or event.value != str(self._initial)
        result = event.validation_result
        wrong = self._typed and result is not None and not result.is_valid
        self._show_error(result.failure_descriptions[0] if wrong else "")

    @on(Input.Submitted)
    def _confirm(self, event: Input.Submitted) -> None:
        event.stop()
        result = event.validation_result
        if result is not None and not result.is_valid:
            self._show_error(result.failure_descriptions[0])
            return
        error = self._act(Path(event.value.strip()).expanduser())
        if error:
            self._show_error(error)
        else:
            self.dismiss(True)

    def _show_error(self, text: str) -> None:
        self.query_one("#file-error", Static).update(text)

    def action_cancel(self) -> None:
        self.dismiss(False)
