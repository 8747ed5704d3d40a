"""Opening hostile model files in the app: each error stays in the dialog, the run lives on."""

from __future__ import annotations

import os
import struct

import numpy as np
from hostile_files import npy_header, set_zip_method, write_zip
from pilot import settle

from tui.app import NNLabApp


def dialog_error(app) -> str | None:
    """The Open dialog's inline error, or None if the dialog is not showing."""
    found = app.screen.query("#file-error")
    return str(found.first().render()) if found else None


def hostile_files(tmp_path) -> dict[str, os.PathLike]:
    plain = tmp_path / "plain.npz"
    np.save(plain.with_suffix(".npy"), np.ones(3))
    plain.with_suffix(".npy").rename(plain)
    header = b"\x93NUMPY\x01\x00" + struct.pack("<H", 20) + b"{'descr': '<f4', 'sh"
    method = set_zip_method(write_zip(tmp_path / "method.npz", {"W1.npy": b"x" * 10}), 9)
    fifo = tmp_path / "fifo.npz"
    os.mkfifo(fifo)
    return {
        "np.save": plain,
        "corrupt .npy header": write_zip(tmp_path / "header.npz", {"W1.npy": header}),
        "compression method 9": method,
        "not a .npy array": write_zip(tmp_path / "text.npz", {"notes.txt": b"hi"}),
        "claims shape": write_zip(tmp_path / "huge.npz", {"W1.npy": npy_header((10**12,))}),
        "not a regular file": fifo,
        "is a folder": tmp_path,
        "too long": tmp_path / ("x" * 300 + ".npz"),
    }


async def test_hostile_files_leave_the_run_intact(tmp_path):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.wait_for_first_task()
        for _ in range(2):
            await pilot.press("n")
            await settle(pilot)
        runner = app.screen.workbench.runner
        trained = runner.network_at(2).params["W1"].copy()
        await pilot.press("o")
        for expected, path in hostile_files(tmp_path).items():
            app.screen.query_one("#file-path").value = str(path)
            await pilot.press("enter")
            await pilot.pause()
            error = dialog_error(app)
            assert error is not None and expected in error, (expected, error)
        await pilot.press("escape")
        await pilot.pause()
        assert dialog_error(app) is None
        assert app.screen.workbench.runner is runner
        assert runner.shown_epoch == 2
        assert (runner.network_at(2).params["W1"] == trained).all()
