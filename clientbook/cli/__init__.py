"""The `clientbook` commands. With no subcommand the group opens the terminal interface
that the program (clientbook.main) handed it; the CLI itself never imports the TUI.

Every command speaks the interface's language, its help included (clientbook.cli.spoken).
A command's module is imported only when that command runs (COMMANDS below), so `clientbook
search` does not pay for the importers, the exporter or the statistics."""
from __future__ import annotations

import click

from clientbook.cli.options import BookGroup, book_options, current
from clientbook.cli.spoken import version_option
from clientbook.i18n import N_, _

# Every command, and the module that makes it (listed in that module's COMMANDS).
COMMANDS = {
    **dict.fromkeys(["search", "show", "archive", "unarchive", "interval", "add"], "clients_commands"),
    **dict.fromkeys(["calls", "rebuild", "settings"], "calls_commands"),
    "log-call": "log_call_command",
    "demo": "demo_command",
    **dict.fromkeys(["import", "export"], "data_commands"),
    **dict.fromkeys(["backup", "restore", "check"], "backup_commands"),
    "copy-book": "copy_command",
    "stats": "stats_command",
    **dict.fromkeys(["visit", "visit-status"], "visits_commands"),
    **dict.fromkeys(["masters", "services"], "catalog_commands"),
    "forget": "forget_command",
    "script": "script_command",
    "outlook": "outlook_command",
    "complaint": "complaint_command",
    "course": "course_command",
    "bonus": "bonus_command",
    "case": "case_command",
}


@click.group(cls=BookGroup, lazy={name: f"clientbook.cli.{module}" for name, module in COMMANDS.items()},
             invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
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
