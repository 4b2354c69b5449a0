"""`clientbook script CLIENT`: what the call list shows beside the client, to read aloud or
send; the terminal interface shows the same (services/call_script.py)."""
from __future__ import annotations

import json

import click

from clientbook.cli.options import TEXT_OR_JSON, book_options, client_argument, current, with_book
from clientbook.cli.spoken import command, option
from clientbook.i18n import N_
from clientbook.services.call_script import client_script
from clientbook.services.clients import resolve_client


@command(name="script", help=N_("The call script for CLIENT: the lines to say, then the messenger text."))
@client_argument
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help=TEXT_OR_JSON)
@book_options
@with_book
def script_command(database, client, fmt):
    script = client_script(database, resolve_client(database, client), current().date)
    if fmt == "json":
        click.echo(json.dumps(script.as_json(), ensure_ascii=False, indent=2))
        return
    if script.warning:
        click.echo(script.warning)
    click.echo("\n".join(script.spoken))
    click.echo()
    click.echo(script.message)


COMMANDS = [script_command]
