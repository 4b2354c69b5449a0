"""The `clientbook` program: the command line, which opens the terminal interface when
no command is given.

The only module that knows both front ends: the CLI and the TUI never import each other.
Textual is imported only when the interface opens, so scripted commands start fast.
"""
from __future__ import annotations

from clientbook.cli import cli
from clientbook.cli.options import Choice


def open_interface(choice: Choice) -> None:
    from clientbook.tui.app import run_app

    run_app(choice.path, today=choice.date, clock=choice.now, lang=choice.lang)


def program() -> Choice:
    """What the program hands the command line: the interface a bare `clientbook` opens."""
    return Choice(open_interface=open_interface)


def main() -> None:
    cli(prog_name="clientbook", obj=program())
