"""Screenshots land in $XDG_PICTURES_DIR, else Downloads, else the current folder, and
the notification gives the full path written (or why nothing was)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import NNLabApp


@pytest.fixture
def no_downloads(tmp_path, monkeypatch) -> Path:
    """A home without a Downloads folder, and no XDG user folders set."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_PICTURES_DIR", "XDG_DOWNLOAD_DIR", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    return home


def toasts(app) -> str:
    return "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def screenshot_from_palette(app, pilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"screenshot", "enter")
    for _ in range(100):  # Textual's palette entry waits 0.1 s, so the palette is gone
        await pilot.pause(0.05)
        if app.screen.query("Toast"):
            return


async def test_palette_screenshot_goes_to_xdg_pictures_dir(no_downloads, tmp_path, monkeypatch):
    pictures = tmp_path / "Pictures"
    pictures.mkdir()
    monkeypatch.setenv("XDG_PICTURES_DIR", str(pictures))
    app = NNLabApp()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await screenshot_from_palette(app, pilot)
        (written,) = pictures.glob("nnlab_*.svg")
        assert written.read_text(encoding="utf-8").startswith("<svg")
        assert "Logic&#160;gates" in written.read_text(encoding="utf-8")  # the chooser, drawn
        assert f"Saved to {written}" in toasts(app).replace("\n", "")
        assert not list(pictures.glob(".*.part"))


async def test_without_pictures_or_downloads_it_saves_in_the_current_folder(
    no_downloads, tmp_path, monkeypatch
):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_PICTURES_DIR", str(tmp_path / "not-there"))
    app = NNLabApp()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.action_screenshot()
        await pilot.pause()
        (written,) = work.glob("nnlab_*.svg")
        assert written.is_absolute() and f"Saved to {written}" in toasts(app).replace("\n", "")
        assert not (no_downloads / "Downloads").exists()


async def test_a_folder_that_cannot_be_written_is_named_with_the_reason(no_downloads, tmp_path):
    missing = tmp_path / "gone"
    app = NNLabApp()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.action_screenshot("shot.svg", str(missing))
        await pilot.pause()
        shown = toasts(app).replace("\n", "")
        assert f"Could not save the screenshot to {missing / 'shot.svg'}" in shown
        assert "No such file or directory" in shown
        assert not missing.exists()
