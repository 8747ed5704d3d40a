"""``nnlab data {info,download,verify}`` through ``main``, and the text progress bar."""

from __future__ import annotations

import io

import pytest
from idx_fixtures import OFFICIAL_NAMES, Route, isolate, write_mnist_dir

from nncore.datasets import MNIST_SHA256
from tui.cli.main import main
from tui.cli.progress import ProgressBar


@pytest.fixture(autouse=True)
def xdg_cache(monkeypatch, tmp_path):
    return isolate(monkeypatch, tmp_path)


@pytest.fixture
def fake(tmp_path):
    return write_mnist_dir(tmp_path / "mnist", n_train=30, n_test=12, seed=5)


@pytest.fixture
def trust_fake(fake, monkeypatch):
    """Make the fake files' checksums the expected ones."""
    for key, digest in fake.checksums.items():
        monkeypatch.setitem(MNIST_SHA256, key, digest)
    return fake


def test_info_lists_files_and_counts(fake, capsys):
    assert main(["data", "info", "--data-dir", str(fake.directory)]) == 0

    out = capsys.readouterr().out
    assert f"MNIST folder: {fake.directory} (--data-dir)" in out
    assert "train-images-idx3-ubyte.gz" in out and "30 images" in out
    assert "t10k-labels-idx1-ubyte.gz" in out and "12 labels" in out
    assert "missing" not in out


def test_info_reports_missing_and_damaged_files(fake, capsys, monkeypatch):
    fake.paths["test_img"].unlink()
    fake.paths["train_label"].write_bytes(b"\x1f\x8bjunk")
    monkeypatch.setenv("NNLAB_DATA", str(fake.directory))

    assert main(["data", "info"]) == 0

    out = capsys.readouterr().out
    assert "($NNLAB_DATA)" in out
    assert "t10k-images-idx3-ubyte.gz    missing" in out
    assert "DAMAGED: " in out and "train-labels-idx1-ubyte.gz: cannot read it" in out
    assert "1 of 4 files missing: run `nnlab data download`" in out


def test_info_on_a_folder_that_does_not_exist(tmp_path, capsys):
    assert main(["data", "info", "--data-dir", str(tmp_path / "none")]) == 0

    out = capsys.readouterr().out
    assert "does not exist yet" in out
    assert "4 of 4 files missing" in out


def test_verify_passes_on_matching_files(trust_fake, capsys):
    assert main(["data", "verify", "--data-dir", str(trust_fake.directory)]) == 0

    out = capsys.readouterr().out
    assert out.count("  OK  ") == 4
    assert "All four files match their SHA-256." in out


def test_verify_fails_on_mismatch_and_missing(trust_fake, capsys, monkeypatch):
    trust_fake.paths["test_label"].unlink()
    monkeypatch.setitem(MNIST_SHA256, "train_img", "0" * 64)

    assert main(["data", "verify", "--data-dir", str(trust_fake.directory)]) == 1

    captured = capsys.readouterr()
    assert "MISMATCH   train-images-idx3-ubyte.gz" in captured.out
    assert "MISSING    t10k-labels-idx1-ubyte.gz" in captured.out
    assert captured.out.count("  OK  ") == 2
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("nnlab: error: 2 of 4 MNIST files")


def test_verify_fails_on_the_real_checksums_for_fake_files(fake, capsys):
    assert main(["data", "verify", "--data-dir", str(fake.directory)]) == 1

    assert capsys.readouterr().out.count("MISMATCH") == 4


def test_download_from_a_mirror_then_nothing_left_to_do(
    trust_fake, server, tmp_path, capsys, monkeypatch
):
    server.serve_mnist("m1", trust_fake)
    monkeypatch.setenv("NNLAB_MNIST_MIRRORS", f"{server.url('none')},{server.url('m1')}")
    dest = tmp_path / "dest"

    assert main(["data", "download", "--data-dir", str(dest)]) == 0

    captured = capsys.readouterr()
    assert f"Downloaded 4 file(s) into {dest}" in captured.out
    for key, name in OFFICIAL_NAMES.items():
        assert (dest / name).read_bytes() == trust_fake.contents[key]
        # stderr is not a terminal under capsys: plain lines, one per quarter.
        assert f"{name} [{'#' * 30}] 100%" in captured.err
    assert "\r" not in captured.err
    assert sorted(p.name for p in dest.iterdir()) == sorted(OFFICIAL_NAMES.values())

    assert main(["data", "download", "--data-dir", str(dest)]) == 0
    assert "already in" in capsys.readouterr().out


def test_download_failing_everywhere_gives_one_line_per_mirror(
    fake, server, tmp_path, capsys, monkeypatch
):
    name = OFFICIAL_NAMES["train_img"]
    server.serve("wrong", name, Route(fake.contents["train_label"]))
    mirrors = (server.url("missing"), "http://127.0.0.1:9/", server.url("wrong"))
    monkeypatch.setenv("NNLAB_MNIST_MIRRORS", ",".join(mirrors))
    dest = tmp_path / "dest"

    assert main(["data", "download", "--data-dir", str(dest)]) == 1

    err = capsys.readouterr().err
    lines = err[err.index("nnlab: error:") :].splitlines()  # after the progress bars
    assert lines[0] == f"nnlab: error: Could not download {name} from any mirror:"
    host = server.url("x").removeprefix("http://").removesuffix("/x/")
    assert lines[1] == f"  {host}/missing: HTTP 404 Not Found"
    assert lines[2] == "  127.0.0.1:9: Connection refused"
    assert lines[3].startswith(f"  {host}/wrong: checksum mismatch: sha256 begins")
    assert max(map(len, lines)) <= 80
    assert f"in {dest}," in " ".join(lines) and "NNLAB_DATA" in lines[-1]
    assert list(dest.iterdir()) == []


def test_download_timeout_option(trust_fake, server, tmp_path, capsys, monkeypatch):
    server.serve("slow", OFFICIAL_NAMES["train_img"], Route(b"x", delay=1.5))
    monkeypatch.setenv("NNLAB_MNIST_MIRRORS", server.url("slow"))

    args = ["data", "download", "--timeout", "0.2", "--data-dir", str(tmp_path / "d")]
    assert main(args) == 1

    assert "timed out after 0.2 s" in capsys.readouterr().err


def test_data_without_action_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["data"])

    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ACTION" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_progress_plain_lines_every_quarter():
    stream = io.StringIO()
    with ProgressBar("epoch 1/3", 600, unit="batches", stream=stream) as bar:
        for done in range(0, 601, 10):
            bar.update(done)

    lines = stream.getvalue().splitlines()
    assert [line.split("] ")[1].split("%")[0].strip() for line in lines] == [
        "0",
        "25",
        "50",
        "75",
        "100",
    ]
    assert lines[-1] == f"epoch 1/3 [{'#' * 30}] 100%  600/600 batches"


def test_progress_plain_restart_and_unknown_total():
    stream = io.StringIO()
    bar = ProgressBar("f", unit="B", stream=stream, clock=_Clock(step=4.0))
    for done in (0, 1500, 2_500_000, 3_000_000, 9_000_000):
        bar.update(done)
    bar.close()

    # Unknown total: a line at most every 10 s (the clock moves 4 s per call), then the end.
    assert stream.getvalue().splitlines() == ["f  0 B", "f  3.0 MB", "f  9.0 MB"]


def test_progress_plain_prints_again_after_a_restart():
    stream = io.StringIO()
    bar = ProgressBar("f", 100, stream=stream)
    for done in (0, 60, 0, 30):
        bar.update(done)
    bar.close()

    assert [line.split("] ")[1] for line in stream.getvalue().splitlines()] == [
        "  0%  0/100",
        " 60%  60/100",
        "  0%  0/100",
        " 30%  30/100",
    ]


def test_progress_terminal_redraws_in_place_and_throttles():
    stream = _Terminal()
    bar = ProgressBar("train.gz", 2_000_000, unit="B", stream=stream, clock=_Clock(step=0.03))
    for done in range(0, 2_000_001, 20_000):
        bar.update(done)
    bar.close()

    out = stream.getvalue()
    frames = out.split("\r")[1:]
    assert 20 < len(frames) < 101  # 101 updates, redrawn at most every 0.1 s
    assert out.endswith("\n") and out.count("\n") == 1
    assert frames[-1].strip() == f"train.gz [{'#' * 30}] 100%  2.0 MB/2.0 MB"
    percents = [int(frame.split("]")[1].split("%")[0]) for frame in frames]
    assert percents == sorted(percents) and percents[0] == 0


def test_progress_terminal_pads_over_longer_frames():
    stream = _Terminal()
    bar = ProgressBar("f", unit="B", stream=stream, clock=_Clock(step=1.0))
    bar.update(10_000_000)
    bar.update(5)

    first, second = stream.getvalue().split("\r")[1:]
    assert first == "f  10.0 MB"
    assert second == "f  5 B".ljust(len(first))


def test_progress_never_started_draws_nothing():
    for stream in (io.StringIO(), _Terminal()):
        ProgressBar("f", 10, stream=stream).close()
        assert stream.getvalue() == ""
