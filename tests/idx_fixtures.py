"""Test helpers: tiny IDX files, fake MNIST folders and a local mirror server.

Import from test modules (``from idx_fixtures import write_mnist_dir``); pytest
puts ``tests/`` on ``sys.path``. Nothing here touches the network beyond
127.0.0.1 or writes outside the paths it is given.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MNIST_KEYS = ("train_img", "train_label", "test_img", "test_label")
OFFICIAL_NAMES = {
    "train_img": "train-images-idx3-ubyte.gz",
    "train_label": "train-labels-idx1-ubyte.gz",
    "test_img": "t10k-images-idx3-ubyte.gz",
    "test_label": "t10k-labels-idx1-ubyte.gz",
}
# Where nothing listens: a download pointed here fails at once, never leaving the machine.
UNREACHABLE_MIRROR = "http://127.0.0.1:9/"


def isolate(monkeypatch, tmp_path: Path) -> Path:
    """Point every nnlab location at ``tmp_path``; return the XDG cache folder.

    Clears ``$NNLAB_DATA`` and sends downloads to :data:`UNREACHABLE_MIRROR` so
    no test reads the user's data, writes to ``~/.cache`` or reaches the internet.
    """
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("NNLAB_DATA", raising=False)
    monkeypatch.setenv("NNLAB_MNIST_MIRRORS", UNREACHABLE_MIRROR)
    return cache


def without_mnist(monkeypatch, tmp_path: Path) -> Path:
    """No MNIST where the app looks (``$NNLAB_DATA`` names a folder that does not
    exist), a private cache and no mirror that answers; return that folder."""
    folder = tmp_path / "no-mnist-here"
    monkeypatch.setenv("NNLAB_DATA", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("NNLAB_MNIST_MIRRORS", UNREACHABLE_MIRROR)
    return folder


def idx_bytes(array: np.ndarray) -> bytes:
    """Encode a uint8 array of any shape (ndim ≥ 1) as an IDX file's bytes."""
    arr = np.ascontiguousarray(array)
    assert arr.dtype == np.uint8 and arr.ndim >= 1
    header = bytes([0, 0, 0x08, arr.ndim]) + b"".join(d.to_bytes(4, "big") for d in arr.shape)
    return header + arr.tobytes()


def write_bytes(path: Path, content: bytes, gz: bool = True) -> Path:
    """Write ``content``, gzipped (deterministically, mtime 0) if ``gz``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(content, mtime=0) if gz else content)
    return path


def write_idx(path: Path, array: np.ndarray, gz: bool = True) -> Path:
    """Write ``array`` (uint8, any shape) as an IDX file."""
    return write_bytes(path, idx_bytes(array), gz)


def write_idx_images(path: Path, images: np.ndarray, gz: bool = True) -> Path:
    """Write images, shape (n, rows, cols) uint8, as an IDX3 file."""
    assert images.ndim == 3
    return write_idx(path, images, gz)


def write_idx_labels(path: Path, labels: np.ndarray, gz: bool = True) -> Path:
    """Write labels, shape (n,) uint8, as an IDX1 file."""
    assert labels.ndim == 1
    return write_idx(path, labels, gz)


def mnist_name(key: str, gz: bool = True, dotted: bool = False) -> str:
    """File name for ``key``: official, or without ``.gz``, or ``train-images.idx3-ubyte``."""
    stem = OFFICIAL_NAMES[key].removesuffix(".gz")
    if dotted:
        stem = stem.replace("-idx", ".idx")
    return f"{stem}.gz" if gz else stem


def fake_mnist_arrays(n_train: int, n_test: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Random MNIST-shaped arrays: images (n, 28, 28) uint8, labels (n,) uint8 in 0–9."""
    rng = np.random.default_rng(seed)
    return {
        "train_img": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "train_label": rng.integers(0, 10, n_train, dtype=np.uint8),
        "test_img": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "test_label": rng.integers(0, 10, n_test, dtype=np.uint8),
    }


@dataclass
class FakeMnist:
    """A fake MNIST folder: what was written and what it should hash to."""

    directory: Path
    arrays: dict[str, np.ndarray]
    paths: dict[str, Path]
    # SHA-256 of each file's decompressed (IDX) content, as the loader checks it.
    checksums: dict[str, str]
    # The bytes on disk (gzipped or not), e.g. to serve from a mirror.
    contents: dict[str, bytes] = field(repr=False)


def write_mnist_dir(
    directory: Path,
    n_train: int = 30,
    n_test: int = 12,
    seed: int = 0,
    gz: bool = True,
    dotted: bool = False,
) -> FakeMnist:
    """Write the four MNIST files with random content into ``directory``."""
    directory = Path(directory)
    arrays = fake_mnist_arrays(n_train, n_test, seed)
    paths, checksums, contents = {}, {}, {}
    for key, arr in arrays.items():
        raw = idx_bytes(arr)
        path = write_bytes(directory / mnist_name(key, gz, dotted), raw, gz)
        paths[key] = path
        checksums[key] = hashlib.sha256(raw).hexdigest()
        contents[key] = path.read_bytes()
    return FakeMnist(directory, arrays, paths, checksums, contents)


@dataclass
class Route:
    """How the mirror server answers one path.

    ``declared_length`` overrides Content-Length (larger than the body → the
    connection is closed early); ``send_length=False`` omits it; ``delay``
    stalls before the headers, ``stall`` after the first half of the body;
    ``drip`` sends the body one byte at a time, this many seconds apart;
    ``headers`` are sent as well and ``reason`` replaces the status line's phrase.
    """

    body: bytes = b""
    status: int = 200
    declared_length: int | None = None
    send_length: bool = True
    delay: float = 0.0
    stall: float = 0.0
    drip: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    reason: str | None = None


class MirrorServer:
    """A threaded HTTP server on 127.0.0.1 (free port) serving :class:`Route` s.

    Use as a context manager; unknown paths get 404. ``requests`` lists the
    paths asked for, in order. Leaving the context wakes any stalled handler
    and shuts the server down, so it never outlives the test.
    """

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self._stop = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        # A short poll interval keeps shutdown (which waits for one poll) fast.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> MirrorServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, mirror: str = "m1") -> str:
        """URL prefix of one mirror (a folder on this server), ending in ``/``."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/{mirror}/"

    def serve(self, mirror: str, filename: str, route: Route) -> None:
        self.routes[f"/{mirror}/{filename}"] = route

    def serve_mnist(self, mirror: str, fake: FakeMnist) -> None:
        """Serve the four files of ``fake`` under their official names."""
        for key, body in fake.contents.items():
            self.serve(mirror, OFFICIAL_NAMES[key], Route(body))


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    owner: MirrorServer

    def handle_error(self, request, client_address) -> None:
        # Clients hanging up mid-response (timeouts, cut tests) are expected.
        pass


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        owner = self.server.owner
        owner.requests.append(self.path)
        route = owner.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        if route.delay:
            owner._stop.wait(route.delay)
        self.send_response(route.status, route.reason)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.send_length:
            length = route.declared_length if route.declared_length is not None else len(route.body)
            self.send_header("Content-Length", str(length))
        self.end_headers()
        if route.drip:
            for i in range(len(route.body)):
                self.wfile.write(route.body[i : i + 1])
                self.wfile.flush()
                if owner._stop.wait(route.drip):
                    return
            return
        half = len(route.body) // 2
        self.wfile.write(route.body[:half])
        self.wfile.flush()
        if route.stall:
            owner._stop.wait(route.stall)
        self.wfile.write(route.body[half:])

    def log_message(self, format: str, *args: object) -> None:
        pass
