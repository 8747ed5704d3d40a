"""Downloads against a real HTTP server on 127.0.0.1: mirrors, checksums, failures, cleanup."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from idx_fixtures import (
    OFFICIAL_NAMES,
    UNREACHABLE_MIRROR,
    Route,
    write_mnist_dir,
)

from nncore.datasets import (
    MNIST_SHA256,
    DatasetError,
    DownloadFailed,
    download_file,
    download_mnist,
    load_mnist,
    resolve_mirrors,
)

# Nothing here reads the user's data or cache, nor reaches the internet.
pytestmark = pytest.mark.usefixtures("isolated")

TRAIN_IMAGES = OFFICIAL_NAMES["train_img"]


@pytest.fixture
def source(tmp_path):
    """A fake MNIST set, big enough (a few chunks) for progress to be reported in steps."""
    return write_mnist_dir(tmp_path / "source", n_train=300, n_test=20, seed=7)


@pytest.fixture
def dest(tmp_path) -> Path:
    return tmp_path / "dest"


def _assert_no_partial_files(folder: Path) -> None:
    assert list(folder.glob("*.part")) == []


def test_download_reports_monotonic_progress_to_the_total(server, source, dest):
    body = source.contents["train_img"]
    server.serve("m1", TRAIN_IMAGES, Route(body))
    calls = []

    path = download_file(
        TRAIN_IMAGES,
        dest,
        source.checksums["train_img"],
        mirrors=[server.url("m1")],
        progress=lambda done, total: calls.append((done, total)),
    )

    assert path == dest / TRAIN_IMAGES
    assert path.read_bytes() == body
    assert calls[0] == (0, len(body))
    assert calls[-1] == (len(body), len(body))
    assert len(calls) >= 3  # body spans several chunks
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert {t for _, t in calls} == {len(body)}
    _assert_no_partial_files(dest)


def test_without_content_length_total_is_none(server, source, dest):
    server.serve("m1", TRAIN_IMAGES, Route(source.contents["train_img"], send_length=False))
    calls = []

    download_file(
        TRAIN_IMAGES,
        dest,
        source.checksums["train_img"],
        mirrors=[server.url("m1")],
        progress=lambda done, total: calls.append((done, total)),
    )

    assert {t for _, t in calls} == {None}
    assert calls[-1][0] == len(source.contents["train_img"])
    _assert_no_partial_files(dest)


def test_404_falls_through_to_the_next_mirror(server, source, dest):
    server.serve("good", TRAIN_IMAGES, Route(source.contents["train_img"]))

    path = download_file(
        TRAIN_IMAGES,
        dest,
        source.checksums["train_img"],
        mirrors=[server.url("missing"), server.url("good")],
    )

    assert server.requests == [f"/missing/{TRAIN_IMAGES}", f"/good/{TRAIN_IMAGES}"]
    assert path.read_bytes() == source.contents["train_img"]
    _assert_no_partial_files(dest)


def test_wrong_checksum_leaves_no_file(server, source, dest):
    server.serve("m1", TRAIN_IMAGES, Route(source.contents["train_img"]))

    with pytest.raises(DatasetError) as info:
        download_file(TRAIN_IMAGES, dest, "0" * 64, mirrors=[server.url("m1")])

    assert "checksum mismatch" in str(info.value)
    assert not (dest / TRAIN_IMAGES).exists()
    _assert_no_partial_files(dest)


def test_bad_mirror_then_good_mirror(server, source, dest):
    server.serve("bad", TRAIN_IMAGES, Route(source.contents["test_img"]))
    server.serve("good", TRAIN_IMAGES, Route(source.contents["train_img"]))

    path = download_file(
        TRAIN_IMAGES,
        dest,
        source.checksums["train_img"],
        mirrors=[server.url("bad"), server.url("good")],
    )

    assert path.read_bytes() == source.contents["train_img"]
    _assert_no_partial_files(dest)


def test_corrupt_gzip_download_is_rejected(server, source, dest):
    body = source.contents["train_img"]
    server.serve("m1", TRAIN_IMAGES, Route(body[:-20] + bytes(20)))

    with pytest.raises(DatasetError, match="corrupt download"):
        download_file(TRAIN_IMAGES, dest, source.checksums["train_img"], mirrors=[server.url("m1")])

    assert list(dest.iterdir()) == []


def test_connection_cut_mid_file(server, source, dest):
    body = source.contents["train_img"]
    server.serve("m1", TRAIN_IMAGES, Route(body, declared_length=len(body) + 5000))

    with pytest.raises(DatasetError) as info:
        download_file(TRAIN_IMAGES, dest, source.checksums["train_img"], mirrors=[server.url("m1")])

    assert f"connection closed after {len(body)} of {len(body) + 5000} bytes" in str(info.value)
    assert list(dest.iterdir()) == []


@pytest.mark.parametrize("route", [Route(delay=1.5), Route(stall=1.5)], ids=["headers", "body"])
def test_timeout(server, source, dest, route):
    route.body = source.contents["train_img"]
    server.serve("m1", TRAIN_IMAGES, route)

    start = time.monotonic()
    with pytest.raises(DatasetError) as info:
        download_file(
            TRAIN_IMAGES,
            dest,
            source.checksums["train_img"],
            mirrors=[server.url("m1")],
            timeout=0.3,
        )

    assert time.monotonic() - start < 1.2
    assert "timed out after 0.3 s" in str(info.value)
    assert list(dest.iterdir()) == []


def test_every_mirror_failing_lists_urls_and_manual_steps(server, dest):
    mirrors = [server.url("a"), UNREACHABLE_MIRROR]

    with pytest.raises(DatasetError) as info:
        download_file(TRAIN_IMAGES, dest, "0" * 64, mirrors=mirrors)

    message = str(info.value)
    assert "\n" not in message
    assert f"{server.url('a')}{TRAIN_IMAGES} (HTTP 404 Not Found)" in message
    assert f"{UNREACHABLE_MIRROR}{TRAIN_IMAGES} (" in message
    assert f"in {dest}" in message
    for name in OFFICIAL_NAMES.values():
        assert name in message
    _assert_no_partial_files(dest)


def test_interrupt_during_download_removes_the_part_file(server, source, dest):
    server.serve("m1", TRAIN_IMAGES, Route(source.contents["train_img"]))

    def interrupt(done, total):
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        download_file(
            TRAIN_IMAGES,
            dest,
            source.checksums["train_img"],
            mirrors=[server.url("m1")],
            progress=interrupt,
        )

    assert list(dest.iterdir()) == []


def test_unwritable_destination_is_a_dataset_error(server, source, tmp_path):
    server.serve("m1", TRAIN_IMAGES, Route(source.contents["train_img"]))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")

    with pytest.raises(DatasetError, match="cannot write"):
        download_file(
            TRAIN_IMAGES,
            blocker / "mnist",
            source.checksums["train_img"],
            mirrors=[server.url("m1")],
        )


def test_download_mnist_fetches_all_four_then_nothing(server, source, dest):
    server.serve_mnist("m1", source)
    started = []

    downloaded = download_mnist(
        dest, mirrors=[server.url("m1")], checksums=source.checksums, on_file=started.append
    )

    assert [p.name for p in downloaded] == list(OFFICIAL_NAMES.values())
    assert started == list(OFFICIAL_NAMES.values())
    for key, name in OFFICIAL_NAMES.items():
        assert (dest / name).read_bytes() == source.contents[key]
    assert len(server.requests) == 4

    assert download_mnist(dest, mirrors=[server.url("m1")], checksums=source.checksums) == []
    assert len(server.requests) == 4
    _assert_no_partial_files(dest)


def test_download_mnist_replaces_a_damaged_file_only(server, source, dest):
    server.serve_mnist("m1", source)
    download_mnist(dest, mirrors=[server.url("m1")], checksums=source.checksums)
    (dest / OFFICIAL_NAMES["test_label"]).write_bytes(b"damaged")

    downloaded = download_mnist(dest, mirrors=[server.url("m1")], checksums=source.checksums)

    assert downloaded == [dest / OFFICIAL_NAMES["test_label"]]
    assert (dest / OFFICIAL_NAMES["test_label"]).read_bytes() == source.contents["test_label"]


def test_download_mnist_stops_at_the_first_unavailable_file(server, source, dest):
    server.serve("m1", OFFICIAL_NAMES["train_img"], Route(source.contents["train_img"]))

    with pytest.raises(DatasetError, match=r"could not download train-labels-idx1-ubyte\.gz"):
        download_mnist(dest, mirrors=[server.url("m1")], checksums=source.checksums)

    assert [p.name for p in dest.iterdir()] == [OFFICIAL_NAMES["train_img"]]
    assert len(server.requests) == 2


def test_mirrors_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("NNLAB_MNIST_MIRRORS", " http://a/x/ ,http://b/y,")
    assert resolve_mirrors() == ["http://a/x/", "http://b/y"]
    assert resolve_mirrors(["http://c/"]) == ["http://c/"]
    monkeypatch.delenv("NNLAB_MNIST_MIRRORS")
    assert resolve_mirrors()[0] == "https://ossci-datasets.s3.amazonaws.com/mnist/"


def test_load_mnist_downloads_missing_files(server, source, dest, monkeypatch):
    server.serve_mnist("m1", source)
    monkeypatch.setenv("NNLAB_MNIST_MIRRORS", server.url("m1"))
    for key, digest in source.checksums.items():
        monkeypatch.setitem(MNIST_SHA256, key, digest)
    write_mnist_dir(dest, n_train=300, n_test=20, seed=7).paths["train_img"].unlink()
    calls = []

    (x_train, t_train), _ = load_mnist(
        normalize=False, data_dir=dest, progress=lambda d, t: calls.append((d, t))
    )

    assert server.requests == [f"/m1/{TRAIN_IMAGES}"]  # only the missing file
    np.testing.assert_array_equal(x_train.reshape(300, 28, 28), source.arrays["train_img"])
    np.testing.assert_array_equal(t_train, source.arrays["train_label"])
    assert calls[-1] == (len(source.contents["train_img"]),) * 2
    _assert_no_partial_files(dest)


def test_load_mnist_offline_says_where_to_put_the_files(dest):
    with pytest.raises(DatasetError) as info:
        load_mnist(data_dir=dest)

    message = str(info.value)
    assert f"could not download {TRAIN_IMAGES}: {UNREACHABLE_MIRROR}{TRAIN_IMAGES}" in message
    assert f"in {dest}" in message
    _assert_no_partial_files(dest)


def failing_mirrors(server, source) -> list[str]:
    """Three mirrors failing three ways: 404, nothing listening, the wrong file."""
    server.serve("wrong", TRAIN_IMAGES, Route(source.contents["train_label"]))
    return [server.url("missing"), UNREACHABLE_MIRROR, server.url("wrong")]


def test_every_mirror_failing_reports_one_line_per_mirror(server, source, dest):
    with pytest.raises(DownloadFailed) as info:
        download_file(
            TRAIN_IMAGES,
            dest,
            source.checksums["train_img"],
            mirrors=failing_mirrors(server, source),
        )

    failure = info.value
    host = server.url("x").removeprefix("http://").removesuffix("/x/")
    wrong = source.checksums["train_label"][:12]
    assert failure.mirror_lines() == [
        f"{host}/missing: HTTP 404 Not Found",
        "127.0.0.1:9: Connection refused",
        f"{host}/wrong: checksum mismatch: sha256 begins {wrong}, "
        f"not {source.checksums['train_img'][:12]}",
    ]
    # The one-line message still names every URL, as logs and old callers read it.
    assert f"{server.url('missing')}{TRAIN_IMAGES} (HTTP 404 Not Found)" in str(failure)
    _assert_no_partial_files(dest)


def test_the_report_wraps_at_80_columns_without_cutting(server, source, dest):
    with pytest.raises(DownloadFailed) as info:
        download_file(
            TRAIN_IMAGES,
            dest,
            source.checksums["train_img"],
            mirrors=failing_mirrors(server, source),
        )

    lines = info.value.report()
    assert lines[0] == f"Could not download {TRAIN_IMAGES} from any mirror:"
    assert max(map(len, lines)) <= 80
    # Each mirror starts a line of its own; a continuation is indented under it.
    starts = [line[2:] for line in lines if line.startswith("  ") and not line.startswith("    ")]
    assert [s.split(":")[0] for s in starts] == [m.split(":")[0] for m in info.value.mirror_lines()]
    words = " ".join(lines).split()
    for line in info.value.mirror_lines():
        assert " ".join(line.split()) in " ".join(words)
    assert "NNLAB_DATA" in lines[-1] and str(dest) in " ".join(lines)
    narrow = info.value.report(40, instructions=False)
    assert max(map(len, narrow)) <= 40 and "NNLAB_DATA" not in " ".join(narrow)
