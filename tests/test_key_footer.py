"""KeyFooter's row split: which keys share a row, and where the first row ends."""

from textual.widgets import Label
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

from tui.widgets.key_footer import first_row_length, key_units


def test_a_key_group_keeps_its_label():
    group = KeyGroup()
    label = FooterLabel("View")
    save = FooterKey("s", "s", "Save", "save")
    other = Label("x")
    assert key_units([group, label, save, other]) == [[group, label], [save], [other]]


def test_first_row_takes_what_fits():
    assert first_row_length([10, 10, 10], 30) is None  # all on one row
    assert first_row_length([10, 10, 10], 29) == 2
    assert first_row_length([10, 10, 10], 15) == 1
    assert first_row_length([40, 10], 30) == 1  # a unit wider than the row still gets one
