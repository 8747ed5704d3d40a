"""Downloads against hostile or slow mirrors and busy folders, on 127.0.0.1 only.

Nothing here depends on timing: a dripping mirror would take minutes to finish, far
beyond its deadline of one second, and concurrent downloads are checked for what must
hold whichever runs first.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hostile_files import run_unprivileged
from idx_fixtures import OFFICIAL_NAMES, Route, write_mnist_dir

from nncore.datasets import DatasetError, download_file, download_mnist
from nncore.datasets.files import MNIST_BYTES
from tui.cli.main import main

# Nothing here reads the user's data or cache, nor reaches the internet.
pytestmark = pytest.mark.usefixtures("isolated")

LABELS = OFFICIAL_NAMES["test_label"]
# Generous: only a hung child, never a slow machine, gets near it.
PATIENCE = 120.0


@pytest.fixture
def source(tmp_path):
    return write_mnist_dir(tmp_path / "source", n_train=30, n_test=20, seed=3)


def fetch_labels(server, source, dest, mirrors, **kwargs):
    return download_file(
        LABELS,
        dest,
        source.checksums["test_label"],
        size=MNIST_BYTES["test_label"],
        mirrors=[server.url(m) for m in mirrors],
        **kwargs,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or ".part" in p.name)


def test_two_downloads_into_one_folder_fetch_each_file_once(server, source, tmp_path):
    server.serve_mnist("m1", source)
    dest = tmp_path / "dest"
    results, errors = [], []

    def download():
        try:
            results.append(download_mnist(dest, mirrors=[server.url()], checksums=source.checksums))
        except Exception as exc:  # reported below: the assertion names it
            errors.append(exc)

    threads = [threading.Thread(target=download) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(PATIENCE)

    assert errors == []
    # Whoever went first fetched all four; the others waited and found them there.
    assert sorted(p.name for r in results for p in r) == sorted(OFFICIAL_NAMES.values())
    assert len(server.requests) == 4
    assert leftovers(dest) == []


def test_part_files_are_hidden_and_unique_per_download(server, source, tmp_path):
    server.serve("m1", LABELS, Route(source.contents["test_label"]))
    dest = tmp_path / "dest"
    seen = []
    fetch_labels(server, source, dest, ["m1"], progress=lambda *_: seen.extend(leftovers(dest)))
    parts = {name for name in seen if name.endswith(".part")}
    assert len(parts) == 1
    (part,) = parts
    assert part.startswith(f".{LABELS}.") and part != f".{LABELS}.part"
    assert leftovers(dest) == []


def test_stale_part_files_are_removed_at_the_next_start(server, source, tmp_path):
    server.serve_mnist("m1", source)
    dest = tmp_path / "dest"
    dest.mkdir()
    stale = [
        dest / f"{LABELS}.part",
        dest / f".{LABELS}.k1ll3d.part",
        dest / ".nnlab-download.lock",
    ]
    for path in stale:
        path.write_bytes(b"3 MB of a killed download")
    download_mnist(dest, mirrors=[server.url()], checksums=source.checksums)
    assert leftovers(dest) == []


def test_a_dripping_mirror_hits_its_deadline(server, source, tmp_path):
    # 10,000 bytes at one per 0.05 s would take 500 s: the deadline always comes first.
    server.serve("drip", LABELS, Route(bytes(10_000), drip=0.05))
    with pytest.raises(DatasetError, match=r"drip/.*gave up after 1 s in all"):
        fetch_labels(server, source, tmp_path / "d", ["drip"], timeout=30, deadline=1)


def test_after_a_mirror_s_deadline_the_next_is_tried(server, source, tmp_path):
    body = source.contents["test_label"]
    server.serve("drip", LABELS, Route(bytes(10_000), drip=0.05))
    server.serve("good", LABELS, Route(body))
    # Five seconds: ample for 40 bytes from 127.0.0.1, a hundredth of what the drip needs.
    path = fetch_labels(server, source, tmp_path / "d", ["drip", "good"], timeout=30, deadline=5)
    assert path.read_bytes() == body
    assert server.requests == [f"/drip/{LABELS}", f"/good/{LABELS}"]


def test_a_huge_content_length_is_refused_before_writing(server, source, tmp_path):
    server.serve("m1", LABELS, Route(b"x" * 100, declared_length=10**15))
    written = []
    with pytest.raises(DatasetError, match="announces 1,000,000,000,000,000 bytes, more than"):
        fetch_labels(
            server, source, tmp_path / "d", ["m1"], progress=lambda d, t: written.append(d)
        )
    assert written == []
    assert leftovers(tmp_path / "d") == []


def test_a_stream_longer_than_the_file_can_be_is_cut_at_the_cap(server, source, tmp_path):
    server.serve("m1", LABELS, Route(bytes(2_000_000), send_length=False))
    written = []
    with pytest.raises(DatasetError, match="sent more than the 11,042 bytes"):
        fetch_labels(
            server, source, tmp_path / "d", ["m1"], progress=lambda d, t: written.append(d)
        )
    assert max(written) <= 11_042


def test_a_folder_in_the_way_is_one_line_before_any_request(server, source, tmp_path):
    dest = tmp_path / "d"
    (dest / LABELS).mkdir(parents=True)
    with pytest.raises(DatasetError, match=f"{LABELS} is a folder"):
        fetch_labels(server, source, dest, ["m1"])
    assert server.requests == []


def test_a_redirect_loop_is_one_line(server, source, tmp_path):
    server.serve("loop", LABELS, Route(status=302, headers={"Location": f"/loop/{LABELS}"}))
    with pytest.raises(DatasetError) as info:
        fetch_labels(server, source, tmp_path / "d", ["loop"])
    assert "HTTP 302" in str(info.value) and "infinite loop" in str(info.value)
    assert "\n" not in str(info.value)


def test_control_characters_from_the_server_are_stripped(server, source, tmp_path):
    server.serve("m1", LABELS, Route(status=500, reason="Oops\x1b[2J\x1b]0;pwned\x07"))
    with pytest.raises(DatasetError) as info:
        fetch_labels(server, source, tmp_path / "d", ["m1"])
    assert "HTTP 500 Oops" in str(info.value)
    assert "\x1b" not in str(info.value) and "\x07" not in str(info.value)


def test_a_read_only_folder_is_one_line(read_only_folder, source):
    outcome = run_unprivileged(
        lambda: download_mnist(
            read_only_folder, mirrors=["http://127.0.0.1:9/"], checksums=source.checksums
        )
    )
    assert outcome.startswith("DatasetError: ")
    assert "not writable" in outcome or "Permission denied" in outcome
    assert "\n" not in outcome


def test_the_cli_defaults_are_the_engines():
    from nncore.datasets.download import DEFAULT_DEADLINE, DEFAULT_TIMEOUT
    from tui.cli.main import build_parser

    args = build_parser().parse_args(["data", "download"])
    assert (args.timeout, args.deadline) == (DEFAULT_TIMEOUT, DEFAULT_DEADLINE)


def start_cli_download(server, dest: Path) -> subprocess.Popen:
    for name in OFFICIAL_NAMES.values():
        server.serve("drip", name, Route(bytes(5000), drip=0.05))
    env = {**os.environ, "NNLAB_MNIST_MIRRORS": server.url("drip")}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli.main", "data", "download", "--data-dir", str(dest)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    give_up = time.monotonic() + PATIENCE
    while not server.requests and time.monotonic() < give_up and process.poll() is None:
        time.sleep(0.02)
    assert server.requests, "the download never reached the mirror"
    return process


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_stop_signal_mid_download_leaves_no_part_file(server, tmp_path, signum, code):
    dest = tmp_path / "dest"
    process = start_cli_download(server, dest)
    process.send_signal(signum)
    _, err = process.communicate(timeout=PATIENCE)
    assert process.returncode == code
    assert err.strip().splitlines()[-1] == f"nnlab: stopped by {signal.Signals(signum).name}"
    assert leftovers(dest) == []


def test_a_part_file_left_by_kill_9_is_removed_by_the_next_download(server, source, tmp_path):
    dest = tmp_path / "dest"
    process = start_cli_download(server, dest)
    process.kill()
    process.communicate(timeout=PATIENCE)
    assert any(name.endswith(".part") for name in leftovers(dest))
    server.serve_mnist("m1", source)
    download_mnist(dest, mirrors=[server.url("m1")], checksums=source.checksums)
    assert leftovers(dest) == []


def test_main_reports_a_download_failure_in_one_line(tmp_path, capsys):
    dest = tmp_path / "d"
    (dest / OFFICIAL_NAMES["train_img"]).mkdir(parents=True)
    assert main(["data", "download", "--data-dir", str(dest)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is a folder" in err[0]
