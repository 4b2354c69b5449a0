"""`clientbook script CLIENT`: what the call list shows beside the client, to read aloud or
send; the terminal interface shows the same (services/call_script.py)."""
from __future__ import annotations

import json

import click

from clientbook.cli.options import book_options, current, with_book
from clientbook.services.call_script import client_script
from clientbook.services.clients import resolve_client


@click.command(name="script")
@click.argument("client")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@book_options
@with_book
def script_command(database, client, fmt):
    """The call script for CLIENT (an id, or ext:ID): the lines to say, then the messenger text."""
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
