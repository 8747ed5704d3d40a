"""Missing MNIST: the download dialog with a failing (unreachable mirror) and a fake
succeeding fetcher. Nothing here leaves 127.0.0.1."""

from __future__ import annotations

import pytest
from idx_fixtures import OFFICIAL_NAMES, UNREACHABLE_MIRROR, MirrorServer, Route, write_mnist_dir
from pilot import wait_until

from nncore.datasets import MNIST_FILES
from tui.app import NNLabApp
from tui.dialogs import download as download_module
from tui.dialogs.download import DownloadDialog
from tui.mnist_data import OFFICIAL_BYTES, DownloadStatus, DownloadTracker, MnistFetcher
from tui.tasks import FIRST_TASK, Task
from tui.workbenches import mnist_loading

BOOK = Task("mnist", "book", "book")


class FakeFetcher(MnistFetcher):
    """Downloads by writing a tiny MNIST, reporting progress as a real download would."""

    def download(self, progress, on_file) -> None:
        for name in MNIST_FILES.values():
            on_file(name)
            for done in range(0, 101, 25):
                progress(done, 100)
        write_mnist_dir(self.folder, n_train=120, n_test=40, seed=1)


def dialog_ready(app) -> bool:
    """The dialog is on screen and composed (its buttons exist)."""
    return isinstance(app.screen, DownloadDialog) and bool(app.screen.query("#download-close"))


async def test_offline_download_says_what_failed_and_where_files_go(no_mnist):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.open_task(BOOK)
        await wait_until(pilot, lambda: dialog_ready(app))
        dialog = app.screen
        offer = str(dialog.query_one("#download-offer").render())
        assert str(no_mnist) in offer.replace("\n", "")
        await pilot.press("d")
        error = dialog.query_one("#download-error")
        await wait_until(pilot, lambda: error.display)
        text = str(error.render())
        assert "Could not download" in text and "127.0.0.1:9: Connection refused" in text
        assert all(name in offer for name in MNIST_FILES.values())
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, DownloadDialog))
        bench = app.screen.workbench
        assert bench.data is None
        assert str(no_mnist) in str(bench.query_one("#mnist-notice").render())
        for key in ("space", "n"):  # no data: the key says why rather than doing nothing
            bench.say("")
            await pilot.press(key)
            line = str(bench.query_one("#wb-line").render()).replace("\n", "")
            assert "No MNIST to train on" in line and "NNLAB_DATA" in line
        # The app stays up: a gate task still opens and trains.
        await app.screen.open_task(FIRST_TASK)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen.workbench.runner.trainer.epoch == 1)


async def test_a_typed_folder_holding_the_files_loads_them(no_mnist, tmp_path):
    elsewhere = tmp_path / "my-mnist"
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.open_task(BOOK)
        await wait_until(pilot, lambda: dialog_ready(app))
        dialog = app.screen
        offer = str(dialog.query_one("#download-offer").render())
        assert "NNLAB_DATA" in offer and "type a folder" in offer
        # Everything, the folder field and the buttons included, fits 80×24 unscrolled.
        await pilot.pause()
        assert dialog.query_one("#download-text").max_scroll_y == 0
        for part in ("#download-offer", "#download-folder", "#download-start"):
            region = dialog.query_one(part).region
            assert region.height > 0 and region.bottom <= 24, part
        dialog.query_one("#download-folder").focus()
        await pilot.press(*str(elsewhere), "enter")  # not there yet: says so, stays open
        error = dialog.query_one("#download-error")
        await wait_until(pilot, lambda: error.display)
        assert f"Not in {elsewhere}" in str(error.render()).replace("\n", "")
        write_mnist_dir(elsewhere, n_train=120, n_test=40, seed=1)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, DownloadDialog))
        bench = app.screen.workbench
        await wait_until(pilot, lambda: bench.data is not None)
        assert len(bench.data.x_train) == 120 and bench.data.folder == elsewhere


async def test_successful_download_reaches_100_percent_then_loads(no_mnist, monkeypatch):
    monkeypatch.setattr(mnist_loading, "fetcher_factory", FakeFetcher)
    # Long enough at 100 % that a busy machine still sees the bar before the dialog goes.
    monkeypatch.setattr(download_module, "FINISHED_PAUSE", 1.5)
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.open_task(BOOK)
        await wait_until(pilot, lambda: dialog_ready(app))
        dialog = app.screen
        await pilot.press("enter")  # the Download button has focus
        await wait_until(pilot, lambda: dialog.downloaded)
        assert dialog.query_one("#download-progress").percentage == 1.0
        await wait_until(pilot, lambda: not isinstance(app.screen, DownloadDialog))
        bench = app.screen.workbench
        await wait_until(pilot, lambda: bench.data is not None)
        assert len(bench.data.x_train) == 120 and len(bench.data.x_test) == 40
        assert bench.can("toggle_run")


async def test_every_mirror_s_reason_shows_on_its_own_line_unscrolled_at_80x24(
    no_mnist, monkeypatch, tmp_path
):
    fake = write_mnist_dir(tmp_path / "fake", n_train=30, n_test=10, seed=2)
    name = OFFICIAL_NAMES["train_img"]
    with MirrorServer() as server:
        server.serve("wrong", name, Route(fake.contents["train_label"]))
        mirrors = [server.url("missing"), UNREACHABLE_MIRROR, server.url("wrong")]
        monkeypatch.setenv("NNLAB_MNIST_MIRRORS", ",".join(mirrors))
        host = server.url("x").removeprefix("http://").removesuffix("/x/")
        app = NNLabApp()
        async with app.run_test(size=(80, 24)) as pilot:
            await app.screen.open_task(BOOK)
            await wait_until(pilot, lambda: dialog_ready(app))
            dialog = app.screen
            await pilot.press("d")
            error = dialog.query_one("#download-error")
            await wait_until(pilot, lambda: error.display)
            await pilot.pause()
            lines = str(error.render()).splitlines()
            assert lines[0] == f"Could not download {name} from any mirror:"
            assert lines[1] == f"  {host}/missing: HTTP 404 Not Found"
            assert lines[2] == "  127.0.0.1:9: Connection refused"
            assert lines[3].startswith(f"  {host}/wrong: checksum mismatch")
            # Nothing scrolls or is cut: where it looked and the two other ways to the
            # files stay on screen above the reasons, the folder field and buttons below.
            assert dialog.query_one("#download-text").max_scroll_y == 0
            width = dialog.query_one("#download-text").scrollable_content_region.width
            assert max(map(len, lines)) <= width
            offer = str(dialog.query_one("#download-offer").render()).replace("\n", "")
            for shown in (str(no_mnist), "NNLAB_DATA", "type a folder"):
                assert shown in offer, shown
            parts = ("#download-offer", "#download-error", "#download-folder", "#download-start")
            for part in parts:
                region = dialog.query_one(part).region
                assert region.height > 0 and region.bottom <= 24, part
            assert not dialog.query_one("#download-progress").display


def test_tracker_weights_files_by_size_and_throttles():
    reports: list[DownloadStatus] = []
    now = [0.0]
    names = list(MNIST_FILES.values())
    tracker = DownloadTracker(names, reports.append, interval=0.1, clock=lambda: now[0])
    tracker.on_file(names[0])
    tracker.progress(0, 1000)
    tracker.progress(500, 1000)  # within the interval: dropped
    assert len(reports) == 1
    now[0] = 1.0
    tracker.progress(500, 1000)
    total = sum(OFFICIAL_BYTES.values())
    assert reports[-1].fraction == pytest.approx(OFFICIAL_BYTES[names[0]] / 2 / total)
    for name in names[1:]:
        tracker.on_file(name)
        tracker.progress(10, 10)  # a finished file is always reported
    assert reports[-1].fraction == pytest.approx(1.0)
    assert (reports[-1].file_number, reports[-1].file_count) == (4, 4)
