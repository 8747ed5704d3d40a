"""``nnlab bench --quick`` runs every benchmark on tiny synthetic data (no timing asserts)."""

from __future__ import annotations

import argparse
import json

from tui.cli import bench


def test_bench_quick_runs_every_benchmark(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NNLAB_DATA", raising=False)
    parser = argparse.ArgumentParser()
    bench.register(parser.add_subparsers(dest="command"))
    out = tmp_path / "bench.json"
    args = parser.parse_args(["bench", "--quick", "--json", str(out)])
    assert args.run(args) == 0
    results = json.loads(out.read_text())
    assert results["quick"] is True
    for name in ("load", "inference", "numgrad", "training", "app", "classroom"):
        assert name in results, name
    # The numerical gradient must still equal the book's loop on the entries compared.
    assert results["numgrad"]["max_abs_diff"] <= 1e-7
    launch = results["app"]["launch_by_language"]
    assert set(launch) == {"en", "ko"}  # the Korean launch reads its catalog: its own row
    assert all(len(row["all"]) == 1 and row["median_seconds"] > 0 for row in launch.values())
    assert results["app"]["launch_seconds"] == launch["en"]["median_seconds"]
    catalog = results["app"]["ko_catalog_ms"]
    assert catalog["entries"] > 100 and catalog["mo_bytes"] > 0
    steps = ("import_polib_ms", "parse_ms", "to_binary_ms", "gnutranslations_ms")
    assert all(catalog[step] > 0 for step in steps)
    assert catalog["total_ms"] >= catalog["parse_ms"]
    training = results["app"]["in_app_training"]
    assert set(training["panes"]) == {"curves", "digits", "confusion", "settings", "weights"}
    assert training["same_training"]  # the app and the headless trainer did the same work
    candidates = {r["candidate"] for r in results["training"]["results"]}
    assert {"nnlab", "plain NumPy (issue 18)", "book NumPy (float64)"} <= candidates
    room = results["classroom"]["results"]
    assert [r["n"] for r in room] == [1, 2]
    assert all(len(r["pss_mb"]) == r["n"] and min(r["pss_mb"]) > 0 for r in room)
    assert "classroom: MB per extra learner" in {row["what"] for row in results["summary"]}
    assert results["summary"]
