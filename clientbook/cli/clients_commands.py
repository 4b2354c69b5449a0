"""Finding, showing, archiving and forgetting clients from the shell."""
from __future__ import annotations

import json
from dataclasses import asdict

import click

from clientbook.cli.options import book_options, current, with_book
from clientbook.cli.render import table
from clientbook.domain.rhythm import read_interval_days
from clientbook.domain.text import format_phone
from clientbook.errors import IntervalError
from clientbook.services import clients
from clientbook.services.card_text import card_lines, rhythm_lines
from clientbook.services.search import search as search_clients
from clientbook.services.settings import default_region


@click.command()
@click.argument("query", nargs=-1)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--archived", is_flag=True, help="Include archived clients.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@book_options
@with_book
def search(database, query, limit, archived, fmt):
    """Find clients by any fragment of a name, phone digits, tags or e-mail."""
    found = search_clients(database, " ".join(query), limit=limit, include_archived=archived)
    if fmt == "json":
        click.echo(json.dumps(
            [{"id": h.id, "external_id": h.external_id, "name": h.name, "phone": h.phone,
              "archived": h.archived} for h in found],
            ensure_ascii=False, indent=2,
        ))
        return
    if not found:
        click.echo("No clients found.")
        return
    region = default_region(database)
    rows = [[str(h.id), h.external_id or "", h.name + (" (archived)" if h.archived else ""),
             format_phone(h.phone, region)] for h in found]
    click.echo(table(["id", "studio id", "name", "phone"], rows))


@click.command()
@click.argument("client")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@book_options
@with_book
def show(database, client, fmt):
    """Show a client's card. CLIENT is the id, or ext:ID for the studio's own id.

    JSON carries every field, the visits, the calls and the rhythm per track (dates ISO)."""
    found = clients.card(database, clients.resolve_client(database, client), current().date)
    if fmt == "json":
        click.echo(json.dumps(asdict(found), ensure_ascii=False, default=str, indent=2))
        return
    click.echo("\n".join(line.text for line in card_lines(found, default_region(database), full=True)))


@click.command()
@click.argument("client")
@book_options
@with_book
def archive(database, client):
    """Archive a client (the way to delete one): off the lists, restorable."""
    client_id = clients.resolve_client(database, client)
    clients.archive(database, client_id)
    click.echo(f"Archived {clients.card(database, client_id, current().date).name}; "
               f"`clientbook unarchive {client_id}` brings the client back.")


@click.command()
@click.argument("client")
@book_options
@with_book
def unarchive(database, client):
    """Bring an archived client back."""
    client_id = clients.resolve_client(database, client)
    clients.unarchive(database, client_id)
    click.echo(f"Restored {clients.card(database, client_id, current().date).name}.")


COMMANDS = [search, show, archive, unarchive]


@click.command()
@click.argument("client")
@click.argument("days")
@book_options
@with_book
def interval(database, client, days):
    """Set a client's usual interval by hand: DAYS, or `auto` for the learned rhythm."""
    client_id = clients.resolve_client(database, client)
    try:
        wanted = read_interval_days(days)
    except IntervalError as error:
        raise click.BadParameter(str(error), param_hint="DAYS") from None
    clients.set_interval_override(database, client_id, wanted)
    for line in rhythm_lines(clients.card(database, client_id, current().date)):
        click.echo(line.text)


COMMANDS.append(interval)


@click.command(name="add")
@click.argument("name", nargs=-1, required=True)
@click.option("--phone", default="", help="Any usual form: 8 (916) 123-45-67, +7 916 1234567.")
@click.option("--birthday", default="", help="16.02.1992, 1992-02-16, or without the year 16.02.")
@click.option("--email", default="")
@click.option("--note", default="")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@book_options
@with_book
def add(database, name, phone, birthday, email, note, fmt):
    """Add a client: NAME as it is said ("Иванова Анна Сергеевна"); prints the new id."""
    client_id = clients.add_client_as_typed(database, " ".join(name), today=current().date, phone=phone,
                                            birthday=birthday, email=email, note=note)
    click.echo(json.dumps({"id": client_id}) if fmt == "json" else str(client_id))


COMMANDS.append(add)
