"""Test-wide isolation (no test writes to the user's cache or config or reaches the internet), every
app draws for a truecolor terminal, the tiny MNIST the app tests train on, and the
fixtures several modules share: a per-test isolation, a local mirror server and a
read-only folder."""

from __future__ import annotations

import os

import pytest
from hostile_files import unwritable_folder
from idx_fixtures import MirrorServer, isolate, without_mnist, write_mnist_dir


@pytest.fixture(scope="session", autouse=True)
def _isolated_environment(tmp_path_factory):
    """One cache folder for the whole run (so the real MNIST is decoded once), and a
    mirror list that points at a closed local port, so a download never leaves the machine."""
    saved = {
        key: os.environ.get(key) for key in ("XDG_CACHE_HOME", "NNLAB_MNIST_MIRRORS", "COLORTERM")
    }
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    os.environ["NNLAB_MNIST_MIRRORS"] = "http://127.0.0.1:9/"
    # A truecolor terminal whatever TERM says (Rich takes TERM=xterm for 16 colours, and
    # the renderers pick other colours there): the tests for 16 colours ask for them.
    os.environ["COLORTERM"] = "truecolor"
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(autouse=True)
def _private_config_home(tmp_path_factory, monkeypatch):
    """Every test its own empty ``$XDG_CONFIG_HOME``: an ``nnlab`` it launches remembers its
    theme, pace and last task there, never in the user's home, and never for the next test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """English unless a test asks for another language, whatever the machine's locale;
    and English again after a test that chose one."""
    monkeypatch.setenv("NNLAB_LANG", "en")
    yield
    from tui.i18n import use_language

    use_language("en")


@pytest.fixture
def tiny_mnist(tmp_path, monkeypatch):
    """A synthetic 600/200 MNIST folder (seed 0) as ``$NNLAB_DATA``, and a private cache."""
    folder = tmp_path / "mnist"
    write_mnist_dir(folder, n_train=600, n_test=200, seed=0)
    monkeypatch.setenv("NNLAB_DATA", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return folder


@pytest.fixture
def no_mnist(tmp_path, monkeypatch):
    """No MNIST and no mirror that answers (``idx_fixtures.without_mnist``): the folder
    the app is told to look in."""
    return without_mnist(monkeypatch, tmp_path)


@pytest.fixture
def isolated(monkeypatch, tmp_path):
    """This test's own cache and no ``$NNLAB_DATA`` (``idx_fixtures.isolate``); a module
    asks for it in every test with ``pytestmark = pytest.mark.usefixtures("isolated")``."""
    isolate(monkeypatch, tmp_path)


@pytest.fixture
def server():
    """A local mirror (``idx_fixtures.MirrorServer``), stopped after the test."""
    with MirrorServer() as srv:
        yield srv


@pytest.fixture
def read_only_folder():
    """A folder this test cannot write to (``hostile_files.unwritable_folder``)."""
    with unwritable_folder() as folder:
        yield folder
