"""The command for this run (``c``, the palette): the ``nnlab train …`` line shown for the
open run reproduces it headless, loss for loss; a saved model keeps it for ``nnlab eval``."""

from __future__ import annotations

import json
import shlex

from pilot import set_learning_rate, settle, wait_until

from tui.app import NNLabApp
from tui.cli.main import main
from tui.dialogs.run_command import RunCommandScreen
from tui.tasks import Task

XOR = Task("gate", "xor-2", "XOR 2 layers")
BOOK = Task("mnist", "book", "book")


async def train(pilot, epochs: int):
    bench = pilot.app.screen.workbench
    bench.runner.epochs = epochs
    await pilot.press("space")
    await settle(pilot)
    assert len(bench.records) == epochs
    return bench


async def shown_command(pilot) -> RunCommandScreen:
    """The dialog ``c`` opens, and its command copied with ``c`` again."""
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, RunCommandScreen))
    dialog = pilot.app.screen
    await pilot.press("c")
    assert pilot.app.clipboard == dialog.command
    assert str(dialog.query_one("#command-line").render()) == dialog.command
    return dialog


def headless(command: str, capsys, *extra: str) -> dict:
    """Run ``command`` (which must start with ``nnlab``) as the shell would, ``--json``."""
    words = shlex.split(command)
    assert words[:2] == ["nnlab", "train"]
    capsys.readouterr()
    assert main([*words[1:], *extra, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


async def test_the_book_gate_s_command_gives_the_app_s_losses(capsys):
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.wait_for_first_task()  # AND
        bench = await train(pilot, 6)
        dialog = await shown_command(pilot)
        assert dialog.command == (
            "nnlab train gate and --hidden 0 --optimizer sgd --lr 0.1 --epochs 6 "
            "--grad numerical --seed 1"
        )
        assert dialog.caveats == []
        losses = [r.loss for r in bench.records]
        await pilot.press("escape")
        assert not isinstance(app.screen, RunCommandScreen)
    result = headless(dialog.command, capsys, "--log-every", "1")
    assert [h["loss"] for h in result["history"]] == losses


async def test_a_network_set_in_the_form_is_spelled_out_and_reproduced(capsys):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.open_task(XOR)
        bench = app.screen.workbench
        await pilot.press("4")
        for name, text in (("hidden", "3,2"), ("lr", "0.05"), ("seed", "7")):
            field = bench.query_one(f"#hp-{name}")
            field.focus()
            field.value = ""
            await pilot.press(*text, "enter")
        for name, value in (("activation", "relu"), ("optimizer", "adam"), ("init", "he")):
            bench.query_one(f"#hp-{name}").value = value
            await pilot.pause()
        bench.focus()
        await pilot.press("r")
        await settle(pilot)
        assert bench.runner.trainer.network.sizes == (2, 3, 2, 1)
        bench = await train(pilot, 8)
        dialog = await shown_command(pilot)
        assert dialog.command == (
            "nnlab train gate xor --hidden 3,2 --activation relu --init he --optimizer adam "
            "--lr 0.05 --epochs 8 --grad backprop --seed 7"
        )
        losses = [r.loss for r in bench.records]
    result = headless(dialog.command, capsys, "--log-every", "1")
    assert [h["loss"] for h in result["history"]] == losses


async def test_a_rate_changed_mid_run_or_an_opened_model_is_said_not_hidden(tmp_path):
    app = NNLabApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.screen.open_task(XOR)
        bench = await train(pilot, 4)
        await set_learning_rate(pilot, "0.5")
        bench.focus()
        await pilot.press("n")
        await settle(pilot)
        dialog = await shown_command(pilot)
        assert "--lr 0.5 --epochs 5" in dialog.command
        assert dialog.caveats == [
            "Learn rate changed after epoch 4; the command uses today's value throughout, "
            "so its losses differ from epoch 5 on."
        ]
        await pilot.press("escape")
        path = tmp_path / "xor.npz"
        assert bench.save_model(path) is None
        await pilot.press("home", "n")  # resumed from 0: all at today's rate
        await settle(pilot)
        assert bench.run_command()[1] == []
        assert bench.open_model(path) is None
        assert bench.run_command()[1][0].startswith(f"This run began from the weights in {path}")


async def test_the_mnist_command_reproduces_the_run_and_eval_prints_it(tiny_mnist, capsys):
    app = NNLabApp()
    model = tiny_mnist.parent / "book.npz"
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.open_task(BOOK)
        await settle(pilot)
        bench = await train(pilot, 2)
        dialog = await shown_command(pilot)
        assert dialog.command == (
            "nnlab train mnist --preset book --hidden 50 --activation sigmoid --optimizer sgd "
            "--lr 0.1 --batch-size 100 --epochs 2 --init book --grad backprop --seed 0"
        )
        records = list(bench.records)
        assert bench.save_model(model) is None
    result = headless(dialog.command, capsys)
    assert [h["loss"] for h in result["history"]] == [r.loss for r in records]
    assert [h["test_acc"] for h in result["history"]] == [r.test_acc for r in records]
    assert main(["eval", "--model", str(model)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"trained with: {dialog.command}" in out


async def test_a_folder_typed_in_is_part_of_the_mnist_command(tiny_mnist, monkeypatch):
    monkeypatch.delenv("NNLAB_DATA")  # not where nnlab looks: the dialog asks
    app = NNLabApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.open_task(BOOK)
        # Mounted: it has focused its Download button, and gives the field focus now.
        await wait_until(pilot, lambda: getattr(app.focused, "id", "") == "download-start")
        app.screen.query_one("#download-folder").focus()
        await pilot.press(*str(tiny_mnist), "enter")
        await wait_until(pilot, lambda: not app.screen.query("#download-folder"))
        bench = app.screen.workbench
        await wait_until(pilot, lambda: bench.data is not None)
        command, _ = bench.run_command()
        assert command.endswith(f"--seed 0 --data-dir {shlex.quote(str(tiny_mnist.resolve()))}")
