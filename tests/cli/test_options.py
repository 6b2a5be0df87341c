"""One vocabulary across subcommands: every parser is walked and its options checked."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgold.cli import main, parser


def subparsers(
    p: argparse.ArgumentParser, name: str = "newsgold"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every (sub)command parser with its full name, nested ones (export brat ...) too."""
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                full = f"{name} {sub_name}"
                yield full, sub
                yield from subparsers(sub, full)


COMMANDS = dict(subparsers(parser()))
OPTIONS = [
    (name, action) for name, p in COMMANDS.items() for action in p._actions if action.option_strings
]


def test_the_walk_sees_every_subcommand() -> None:
    assert {"newsgold score", "newsgold export brat", "newsgold import labelstudio"} <= set(
        COMMANDS
    )
    assert len(COMMANDS) == 18  # 14 commands, export and import with 2 tools each


@pytest.mark.parametrize(("command", "action"), OPTIONS, ids=lambda x: getattr(x, "dest", x))
def test_output_paths_are_spelled_out(command: str, action: argparse.Action) -> None:
    """A path the command writes is ``--out``; ``--output`` is only a hidden alias of it."""
    writes = action.dest in {"out", "output"} or any(
        s in {"-o", "--output", "--out", "--output-file", "--out-dir"}
        for s in action.option_strings
    )
    if not writes:
        return
    assert action.dest == "out", command
    if action.option_strings == ["--out"]:
        assert action.metavar in {"FILE", "DIR"}, command
        assert "default:" in (action.help or ""), command
    else:
        assert action.option_strings == ["--output"] and action.help == argparse.SUPPRESS, command


@pytest.mark.parametrize(("command", "action"), OPTIONS, ids=lambda x: getattr(x, "dest", x))
def test_every_format_and_number_option_shows_its_default(
    command: str, action: argparse.Action
) -> None:
    help_text = (action.help or "") % {"default": action.default}
    if "--format" in action.option_strings:
        assert f"(default: {action.default})" in help_text, command
        assert list(action.choices or []) in (["text", "json"], ["table", "json", "markdown"])
        assert action.default == list(action.choices or [])[0]
    if action.type in (int, float):
        assert action.metavar in {"N", "S", "X"}, (command, action.dest)
        if action.default is not None:
            assert f"(default: {action.default}" in help_text, (command, action.dest)


def test_reports_write_with_out_and_still_with_output(tmp_path: Path) -> None:
    assert "--out FILE" in COMMANDS["newsgold score"].format_help()
    assert "--output" not in COMMANDS["newsgold agree"].format_help()
    for option in ("--out", "--output"):
        args = COMMANDS["newsgold score"].parse_args(["p.jsonl", option, str(tmp_path / "r.json")])
        assert args.out == tmp_path / "r.json"


def test_help_prints_for_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for name in COMMANDS:
        with pytest.raises(SystemExit) as stop:
            main([*name.split()[1:], "--help"])
        assert stop.value.code == 0
        assert re.search(r"usage: newsgold", capsys.readouterr().out), name
