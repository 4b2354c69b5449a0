"""The `clientbook` commands. With no subcommand the group opens the terminal interface
that the program (clientbook.main) handed it; the CLI itself never imports the TUI.

Every command speaks the interface's language, its help included (clientbook.cli.spoken)."""
from __future__ import annotations

import click

from clientbook.cli.options import BookGroup, book_options, current
from clientbook.cli.spoken import version_option
from clientbook.i18n import N_, _


@click.group(cls=BookGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("A client book for small service studios: cards, visits, the daily call list.\n\n"
                     "With no command, opens the book in the terminal interface."))
@book_options
@version_option
@click.pass_context
def cli(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        choice = current()
        if choice.open_interface is None:
            raise click.UsageError(_("Name a command; see --help."))
        choice.open_interface(choice)


def _register() -> None:
    from clientbook.cli import (
        backup_commands,
        calls_commands,
        catalog_commands,
        clients_commands,
        data_commands,
        demo_command,
        forget_command,
        outlook_command,
        script_command,
        stats_command,
        visits_commands,
    )

    for module in (clients_commands, calls_commands, demo_command, data_commands, backup_commands,
                   stats_command, visits_commands, catalog_commands, forget_command, script_command,
                   outlook_command):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()

