"""nncore's failures said in Korean and Japanese: real bad files, a refused download, a
bad formula and a diverged training each give the whole sentence in the chosen language,
with the file name and numbers filled in, while ``str(exc)`` stays the English."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle

import numpy as np
import pytest
from idx_fixtures import UNREACHABLE_MIRROR, Route

from nncore.datasets import MNIST_FILES, DatasetError, DownloadFailed, download_file
from nncore.datasets.idx import read_idx
from nncore.expressions import ExpressionError, parse_expression
from nncore.gates import default_preset
from nncore.io import ModelFileError, load_dlfs_pickle, load_model, save_model
from nncore.network import Network
from nncore.paths import file_problem
from nncore.presets import apply_overrides, get_preset
from nncore.trainer import TrainingDiverged
from tui.i18n import explain, use_language

pytestmark = pytest.mark.usefixtures("isolated")


def said(exc: object, code: str) -> str:
    use_language(code)
    try:
        return explain(exc)
    finally:
        use_language("en")


def test_a_file_that_is_no_zip_is_named_in_each_language(tmp_path):
    path = tmp_path / "mo\x1b[2Jdel.npz"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    shown = f"{tmp_path}/mo[2Jdel.npz"
    assert str(info.value) == f"{shown}: not a readable .npz model file (File is not a zip file)"
    assert said(info.value, "ko") == (
        f"{shown}: 읽을 수 있는 .npz 모델 파일이 아니다 (zip 파일이 아니다)"
    )
    assert said(info.value, "ja") == (
        f"{shown}: 読める .npz モデルファイルではない (zip ファイルではない)"
    )


def test_a_reason_inside_a_model_file_error_is_said_in_the_same_language(tmp_path):
    """Metadata naming an activation nnlab does not know: the network's refusal is the
    reason inside the file's sentence, and both are translated."""
    path = save_model(tmp_path / "m.npz", Network((2, 3, 2), "relu"))
    with np.load(path) as npz:
        arrays = dict(npz)
    meta = json.loads(str(arrays["__meta__"]))
    meta["network"]["activation"] = "swish"
    arrays["__meta__"] = np.array(json.dumps(meta))
    np.savez(path, **arrays)
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    known = "sigmoid, relu, leaky_relu, tanh"
    assert str(info.value) == (
        f"{path}: parameters do not match the metadata (unknown activation 'swish': choose {known})"
    )
    assert said(info.value, "ko") == (
        f"{path}: 매개변수가 메타데이터와 맞지 않는다 "
        f"(모르는 활성화 'swish': {known} 중에서 고른다)"
    )
    assert said(info.value, "ja") == (
        f"{path}: パラメータがメタデータと合わない (知らない活性化 'swish': {known} から選ぶ)"
    )


def test_a_truncated_idx_file_says_what_is_wrong_and_what_to_do(tmp_path):
    path = tmp_path / "t10k-labels-idx1-ubyte"
    path.write_bytes(b"\x00\x00\x08\x01" + (5).to_bytes(4, "big") + b"\x01\x02\x03")
    with pytest.raises(DatasetError) as info:
        read_idx(path)
    assert str(info.value) == (
        f"{path}: truncated: 11 bytes but header shape 5 needs 13; "
        "delete it and run `nnlab data download`"
    )
    assert said(info.value, "ko") == (
        f"{path}: 잘려 있다: 11바이트지만 헤더의 형상 5에는 13바이트가 필요하다. "
        "파일을 지우고 `nnlab data download`를 실행한다"
    )
    assert said(info.value, "ja") == (
        f"{path}: 途中で切れている: 11 バイトだが、ヘッダの形状 5 には 13 バイト必要。"
        "ファイルを消して `nnlab data download` を実行する"
    )


def test_a_refused_download_lists_each_mirror_in_the_chosen_language(server, tmp_path):
    """A 404, nothing listening and the wrong file: the server's and the OS's words stay
    as they are, nnlab's own are translated."""
    server.serve("m1", "labels.gz", Route(b"", status=404))
    server.serve("bad", "labels.gz", Route(b"abc"))
    dest = tmp_path / "dest"
    mirrors = [server.url("m1"), UNREACHABLE_MIRROR, server.url("bad")]
    with pytest.raises(DownloadFailed) as info:
        download_file("labels.gz", dest, "0" * 64, mirrors=mirrors)
    m1, bad = (f"{server.url(name)}labels.gz" for name in ("m1", "bad"))
    refused = f"{UNREACHABLE_MIRROR}labels.gz ([Errno 111] Connection refused)"
    names = ", ".join(MNIST_FILES.values())
    assert str(info.value) == (
        f"could not download labels.gz: {m1} (HTTP 404 Not Found); {refused}; {bad} "
        "(checksum mismatch: sha256 begins ba7816bf8f01, not 000000000000); put the four "
        f"files {names} (gzipped or not) in {dest}, or set NNLAB_DATA to a folder that has them"
    )
    refused_ko = f"{UNREACHABLE_MIRROR}labels.gz ([Errno 111] 연결이 거부되었다)"
    assert said(info.value, "ko") == (
        f"labels.gz을(를) 내려받지 못했다: {m1} (HTTP 404 Not Found); {refused_ko}; {bad} "
        "(체크섬 불일치: sha256이 000000000000이(가) 아니라 ba7816bf8f01(으)로 시작한다); "
        f"파일 네 개 {names}(gzip이든 아니든)를 {dest}에 두거나, "
        "그 파일들이 있는 폴더를 NNLAB_DATA로 지정한다"
    )
    use_language("ja")
    try:
        report = info.value.report(80, instructions=False, say=explain)
    finally:
        use_language("en")
    host = server.url("x").removeprefix("http://").removesuffix("/x/")
    assert report == [
        "どのミラーからも labels.gz をダウンロードできなかった:",
        f"  {host}/m1: HTTP 404 Not Found",
        "  127.0.0.1:9: 接続を拒否された",
        f"  {host}/bad: チェックサム不一致: sha256 が 000000000000 ではなく ba7816bf8f01 で始まる",
    ]
    assert info.value.report(80, instructions=False)[0] == (
        "Could not download labels.gz from any mirror:"
    )


def test_a_bad_formula_in_the_form_is_said_in_each_language():
    with pytest.raises(ExpressionError) as info:
        parse_expression("2^x")
    assert str(info.value) == "operator BitXor is not allowed (use ** for powers)"
    assert said(info.value, "ko") == "연산자 BitXor은(는) 쓸 수 없다 (거듭제곱은 **)"
    assert said(info.value, "ja") == "演算子 BitXor は使えない (べき乗は **)"


def test_a_diverged_training_gives_the_advice_and_the_reason_in_each_language():
    trainer = dataclasses.replace(default_preset("xor", None), lr=1e308).trainer()
    with np.errstate(all="ignore"), pytest.raises(TrainingDiverged) as info:
        trainer.step()
    assert str(info.value) == (
        "training diverged at step 1 (epoch 1) — try a smaller learning rate than 1e+308: "
        "the weights blew up (rewound to epoch 0)"
    )
    assert said(info.value, "ko") == (
        "단계 1(에폭 1)에서 학습이 발산했다 — 학습률을 1e+308보다 작게 해 본다: "
        "가중치가 폭주했다 (에폭 0(으)로 되감았다)"
    )
    assert said(info.value, "ja") == (
        "ステップ 1 (エポック 1) で学習が発散した — 学習率を 1e+308 より小さくしてみる: "
        "重みが爆発した (エポック 0 まで巻き戻した)"
    )


def test_a_rejected_setting_and_a_missing_file_are_phrases_too(tmp_path):
    with pytest.raises(ValueError) as info:
        apply_overrides(get_preset("book"), lr=-1.0)
    assert str(info.value) == "the learning rate must be a finite number above 0, got -1.0"
    assert said(info.value, "ko") == "학습률은 0보다 큰 유한한 수여야 하는데 -1.0이다"
    # What a path check answers is English text that the app can still translate.
    problem = file_problem(tmp_path / "none.npz", "model file")
    assert problem == f"{tmp_path}/none.npz: no such model file"
    assert said(problem, "ja") == f"{tmp_path}/none.npz: そのようなモデルファイルはない"


def test_a_hostile_pickle_says_what_was_refused_in_each_language(tmp_path):
    path = tmp_path / "sample_weight.pkl"
    path.write_bytes(pickle.dumps(os.system))
    with pytest.raises(ModelFileError) as info:
        load_dlfs_pickle(path)
    assert str(info.value) == (
        f"{path}: unsafe or corrupt pickle, not loaded (refused to load posix.system)"
    )
    assert said(info.value, "ko") == (
        f"{path}: 안전하지 않거나 손상된 pickle이라 읽지 않았다 (posix.system은(는) 읽지 않는다)"
    )
    assert said(info.value, "ja") == (
        f"{path}: 安全でないか壊れた pickle なので読み込まなかった (posix.system は読み込まない)"
    )
