"""The README stays true: its Quick start test command is what CI runs."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from clientbook.cli import cli

ROOT = Path(__file__).parent.parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_quick_start_is_exactly_two_commands():
    commands = quick_start()
    assert len(commands) == 2
    assert all(c.startswith("python3 -m venv .venv") for c in commands)


def test_ci_runs_the_readme_test_command():
    test_command = quick_start()[1]
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_every_documented_command_exists():
    documented = set(re.findall(r"^clientbook ([a-z-]+)", README, re.M))
    assert documented, "the CLI reference names no commands"
    for name in documented:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
