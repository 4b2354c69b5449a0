"""Finding, showing, archiving and forgetting clients from the shell."""
from __future__ import annotations

import json
from dataclasses import asdict

import click

from clientbook.cli.options import (
    TABLE_OR_JSON,
    TEXT_OR_JSON,
    book_options,
    client_argument,
    current,
    with_book,
)
from clientbook.cli.render import table
from clientbook.cli.spoken import Range, argument, command, option
from clientbook.domain.rhythm import read_interval_days
from clientbook.domain.text import format_phone
from clientbook.errors import IntervalError
from clientbook.i18n import N_, _
from clientbook.services import clients
from clientbook.services.card_text import card_lines, rhythm_lines
from clientbook.services.search import nothing_found
from clientbook.services.search import search as search_clients
from clientbook.services.settings import default_region


@command(help=N_("Find clients by any fragment of a name, phone digits, tags or e-mail."))
@argument("query", nargs=-1, metavar=N_("WORDS"), help=N_("What to look for; every word must match."))
@option("--limit", default=50, show_default=True, type=Range(1, 100000),
        help=N_("How many clients to show at most."))
@option("--archived", is_flag=True, help=N_("Include archived clients."))
@option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
        help=TABLE_OR_JSON)
@book_options
@with_book
def search(database, query, limit, archived, fmt):
    found = search_clients(database, " ".join(query), limit=limit, include_archived=archived)
    if fmt == "json":
        click.echo(json.dumps(
            [{"id": h.id, "external_id": h.external_id, "name": h.name, "phone": h.phone,
              "archived": h.archived} for h in found],
            ensure_ascii=False, indent=2,
        ))
        return
    if not found:
        click.echo(nothing_found())
        return
    region = default_region(database)
    rows = [[str(h.id), h.external_id or "", h.name + (f" ({_('archived')})" if h.archived else ""),
             format_phone(h.phone, region)] for h in found]
    click.echo(table([_("id"), _("studio id"), _("client"), _("phone")], rows))


@command(help=N_("Show a client's card.\n\n"
                 "JSON carries every field, the visits, the calls and the rhythm per track (dates ISO)."))
@client_argument
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help=TEXT_OR_JSON)
@book_options
@with_book
def show(database, client, fmt):
    found = clients.card(database, clients.resolve_client(database, client), current().date)
    if fmt == "json":
        click.echo(json.dumps(asdict(found), ensure_ascii=False, default=str, indent=2))
        return
    click.echo("\n".join(line.text for line in card_lines(found, default_region(database), full=True)))


@command(help=N_("Archive a client (the way to delete one): off the lists, restorable."))
@client_argument
@book_options
@with_book
def archive(database, client):
    client_id = clients.resolve_client(database, client)
    clients.archive(database, client_id)
    click.echo(clients.archived_sentence(clients.card(database, client_id, current().date).name, client_id))


@command(help=N_("Bring an archived client back."))
@client_argument
@book_options
@with_book
def unarchive(database, client):
    client_id = clients.resolve_client(database, client)
    clients.unarchive(database, client_id)
    click.echo(clients.unarchived_sentence(clients.card(database, client_id, current().date).name))


COMMANDS = [search, show, archive, unarchive]


@command(help=N_("Set a client's usual interval by hand: DAYS, or auto for the learned rhythm."))
@client_argument
@argument("days", metavar=N_("DAYS"), help=N_("Days between visits, or auto: as learned from the visits."))
@book_options
@with_book
def interval(database, client, days):
    client_id = clients.resolve_client(database, client)
    try:
        wanted = read_interval_days(days)
    except IntervalError as error:
        raise click.BadParameter(str(error), param_hint=_("DAYS")) from None
    clients.set_interval_override(database, client_id, wanted)
    for line in rhythm_lines(clients.card(database, client_id, current().date)):
        click.echo(line.text)


COMMANDS.append(interval)


@command(name="add", help=N_('Add a client: NAME as it is said ("Иванова Анна Сергеевна"); prints the new id.'))
@argument("name", nargs=-1, required=True, metavar=N_("NAME"), help=N_("The client's name: surname, name, patronymic."))
@option("--phone", default="", help=N_("Any usual form: 8 (916) 123-45-67, +7 916 1234567."))
@option("--birthday", default="", metavar=N_("DATE"), help=N_("16.02.1992, 1992-02-16, or without the year 16.02."))
@option("--email", default="", help=N_("An e-mail address."))
@option("--note", default="", help=N_("A note on the card."))
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help=TEXT_OR_JSON)
@book_options
@with_book
def add(database, name, phone, birthday, email, note, fmt):
    client_id = clients.add_client_as_typed(database, " ".join(name), today=current().date, phone=phone,
                                            birthday=birthday, email=email, note=note)
    click.echo(json.dumps({"id": client_id}) if fmt == "json" else str(client_id))


COMMANDS.append(add)
