"""The gate network diagram draws every connection by its weight: sign by glyph (and colour),
size by weight class relative to the layer's largest |w|, live as training runs and on rewind."""

from __future__ import annotations

import numpy as np
import pytest
from pilot import OneWidgetApp, settle, wait_until
from rich.color import ColorSystem
from textual.geometry import Region

from nncore.network import Network
from tui.app import NNLabApp
from tui.render.network_diagram import (
    SEGMENT,
    SEGMENTS,
    Edge,
    diagram_cells,
    edge_for,
    legend_lines,
    shown_weights,
)
from tui.widgets.network_diagram import NetworkDiagram

W1 = np.array([[3.0, -0.5, 1.5], [-3.0, 2.4, -1.2]])
W2 = np.array([[1.0], [-2.0], [0.1]])
"""A 2-3-1 network with every sign and weight class (layer maxima 3 and 2)."""
DIAGRAMS = ("#diagram", "#diagram-below")
"""The gate workbench's diagram beside the weights, and the one beside the loss curve."""


def text_lines(weights) -> list[str]:
    return ["".join(char for char, _ in row) for row in diagram_cells(weights)]


def tap_edges(weights) -> dict[int, list[Edge]]:
    """Row → the edges drawn on it, one per SEGMENT-long run, left to right."""
    taps = {}
    for r, row in enumerate(diagram_cells(weights)):
        kinds = [kind for _, kind in row if isinstance(kind, Edge)]
        if kinds:
            assert len(kinds) % SEGMENT == 0
            runs = [kinds[k : k + SEGMENT] for k in range(0, len(kinds), SEGMENT)]
            assert all(len(set(run)) == 1 for run in runs)
            taps[r] = [run[0] for run in runs]
    return taps


def test_weight_classes_have_stated_thresholds():
    assert edge_for(0.99, 3.0) == Edge("+", "thin")
    assert edge_for(1.0, 3.0) == Edge("+", "normal")
    assert edge_for(-1.99, 3.0) == Edge("-", "normal")
    assert edge_for(-2.0, 3.0) == Edge("-", "thick")
    assert edge_for(3.0, 3.0) == Edge("+", "thick")
    assert edge_for(0.0, 0.0) == Edge("+", "thin")  # an all-zero layer: no division by 0
    assert {Edge(s, k).glyph for s in "+" for k in ("thin", "normal")} == {"─"}
    assert Edge("+", "thick").glyph == "━"
    assert Edge("-", "normal").glyph == "╌" and Edge("-", "thick").glyph == "╍"


def test_known_weights_draw_each_edge_by_sign_and_size():
    assert text_lines([W1, W2]) == [
        "  ┌━━┬╍╍○─┐         ",
        "○─┤  │    └──┬╍╍┬──○",
        "  ├╌╌┼━━○────┘  │   ",
        "○────┤          │   ",
        "  └──┴╌╌○───────┘   ",
    ]
    taps = tap_edges([W1, W2])
    # Each hidden unit's row reads its incoming weights, x1 then x2 (a row of W1ᵀ).
    assert taps[0] == [Edge("+", "thick"), Edge("-", "thick")]  # 3, -3
    assert taps[2] == [Edge("-", "thin"), Edge("+", "thick")]  # -0.5, 2.4
    assert taps[4] == [Edge("+", "normal"), Edge("-", "normal")]  # 1.5, -1.2
    # The output's row: h1 1.0 of 2, h2 -2.0, h3 0.1.
    assert taps[1] == [Edge("+", "normal"), Edge("-", "thick"), Edge("+", "thin")]


def test_the_book_single_unit_keeps_its_weight_vector():
    assert text_lines([np.array([4.2755, -1.2])]) == [
        "○─┐      ",
        "  └━━┬╌╌○",
        "○────┘   ",
    ]
    # Where there is room, longer runs: the same picture, stretched.
    lines = ["".join(c for c, _ in row) for row in diagram_cells([np.array([4.2, -1.2])], 4)]
    assert lines == ["○─┐          ", "  └━━━━┬╌╌╌╌○", "○──────┘     "]


def test_elided_nodes_draw_their_strongest_edge():
    w1 = np.full((2, 9), 0.1)
    w1[1, 7] = -5.0  # hidden behind the "⋮" node, and the layer's largest
    w2 = np.full((9, 1), 1.0)
    w2[6, 0] = 2.0
    drawn = shown_weights(w1)
    assert drawn.shape == (2, 6) and drawn[1, 5] == -5.0 and drawn[0, 5] == 0.1
    assert shown_weights(w2)[5, 0] == 2.0
    taps = tap_edges([w1, w2])
    elided_row = max(r for r, edges in taps.items() if len(edges) == 2)
    assert text_lines([w1, w2])[elided_row].rstrip().endswith("⋮" + "─" * 16 + "┘")
    assert taps[elided_row] == [Edge("+", "thin"), Edge("-", "thick")]
    assert any("⋮" in line for line in legend_lines((2, 9, 1)))
    assert not any("⋮" in line for line in legend_lines((2, 4, 1)))


def edge_cells(app, widget: NetworkDiagram) -> list[tuple[str, object]]:
    """(glyph, style after the app's colour filters) of every edge cell drawn (the
    drawing's lines, not the legend under it)."""
    cells = []
    edges = "─━╌╍"
    drawing = Region(0, 0, widget.size.width, len(diagram_cells(widget.weights)))
    for strip in widget.render_lines(drawing):
        segments = list(strip)
        for line_filter in app._filters:
            segments = line_filter.apply(segments, app.styles.background)
        for segment in segments:
            cells += [(char, segment.style) for char in segment.text if char in edges]
    return cells


def show_known(app) -> NetworkDiagram:
    widget = app.query_one(NetworkDiagram)
    widget.show([W1, W2], ["tanh", "sigmoid"])
    return widget


async def test_sign_survives_sixteen_colours(monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    for name in ("COLORTERM", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)
    app = OneWidgetApp(NetworkDiagram)
    async with app.run_test(size=(40, 12)) as pilot:
        assert app.console.color_system == "standard"
        widget = show_known(app)
        await pilot.pause()
        colours = {"+": set(), "-": set()}
        for _, kind in (c for row in diagram_cells([W1, W2]) for c in row):
            if isinstance(kind, Edge):
                style = widget.get_component_rich_style(
                    "network-diagram--" + ("positive" if kind.sign == "+" else "negative")
                )
                colours[kind.sign].add(style.color.downgrade(ColorSystem.STANDARD).number)
        assert len(colours["+"]) == len(colours["-"]) == 1
        assert colours["+"] != colours["-"]  # two colours even in 16, besides the glyphs


async def test_sign_survives_no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = OneWidgetApp(NetworkDiagram)
    async with app.run_test(size=(40, 12)) as pilot:
        widget = show_known(app)
        await pilot.pause()
        cells = edge_cells(app, widget)
        greys = {style.color.triplet for _, style in cells if style.color}
        assert all(r == g == b for r, g, b in greys)  # no hue left to tell + from −
        solid = {char for char, _ in cells if char in "─━"}
        dashed = [(char, style) for char, style in cells if char in "╌╍"]
        assert solid == {"─", "━"}
        # − edges: x2→h1 thick, x1→h2 thin, x2→h3 normal, h2→out thick: 4 runs of SEGMENT.
        assert sorted(char for char, _ in dashed) == sorted("╍╍╌╌╌╌╍╍")
        # Thin and normal share a glyph; thin is dimmed, which Textual draws as darker grey.
        thin, normal = sorted({style.color.triplet for char, style in dashed if char == "╌"})
        assert thin < normal


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_diagram_follows_training_and_rewind(size):
    app = NNLabApp()
    async with app.run_test(size=size) as pilot:
        await pilot.press("home", *["down"] * 4, "enter")  # XOR 2 layers
        await pilot.pause()
        await settle(pilot)
        bench = app.screen.workbench
        shown = bench.query_one("#diagram-below" if size[0] < 100 else "#diagram", NetworkDiagram)
        hidden = bench.query_one("#diagram" if size[0] < 100 else "#diagram-below", NetworkDiagram)
        await pilot.pause()
        assert shown.display and not hidden.display
        # Beside the weights the longest edges that fit; beside the loss curve the shortest.
        assert shown.segment == (SEGMENT if size[0] < 100 else SEGMENTS[0])
        screen = app.screen.region
        assert screen.contains_region(shown.region)  # never cut by the screen's edge
        start = diagram_cells(shown.weights)

        def drawn_is(epoch: int) -> None:
            params = bench.runner.network_at(epoch).params
            for k, weights in enumerate(shown.weights, 1):
                np.testing.assert_array_equal(weights, params[f"W{k}"])

        drawn_is(0)
        await pilot.press("n")
        await settle(pilot)
        drawn_is(1)
        await pilot.press("space")
        await settle(pilot)
        last = bench.runner.last_epoch
        drawn_is(last)
        trained = diagram_cells(shown.weights)
        assert trained != start  # XOR's weights grow apart: some edges change class
        await pilot.press("left")
        await settle(pilot)
        drawn_is(last - 1)


def test_network_of_a_real_shape_draws():
    network = Network((2, 3, 2, 1), "relu", "sigmoid", "he", np.float64, seed=4)
    weights = [network.params[f"W{k}"] for k in (1, 2, 3)]
    taps = tap_edges(weights)
    # Every connection drawn once: 2·3 + 3·2 + 2·1.
    assert sum(len(edges) for edges in taps.values()) == 14


async def test_diagram_moves_with_a_resize_made_on_another_pane():
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("home", *["down"] * 4, "enter")  # XOR 2 layers: 2-4-1
        await pilot.pause()
        await settle(pilot)
        bench = app.screen.workbench
        beside, below = (bench.query_one(name, NetworkDiagram) for name in DIAGRAMS)
        for size, shown in (((80, 24), below), ((120, 40), beside)):
            await pilot.press("2")
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("1")
            await wait_until(pilot, lambda shown=shown: shown.display and shown.region.width)
            assert app.screen.region.contains_region(shown.region)
            assert (beside.display, below.display) == (shown is beside, shown is below)
