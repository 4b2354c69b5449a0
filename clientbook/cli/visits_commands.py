"""Visits from the shell: adding one, closing a booking, or reopening it."""
from __future__ import annotations

import json

import click

from clientbook.cli.date_options import date_option
from clientbook.cli.options import book_options, current, with_book
from clientbook.domain.dates import DATE_FORMS, TIME_FORMS
from clientbook.i18n import _
from clientbook.services.card_text import status_label
from clientbook.services.clients import resolve_client
from clientbook.services.visit_booking import add_visit_as_typed, change_status
from clientbook.services.visits import (
    VISIT_STATUSES,
    ArchivedName,
    UnknownName,
    shell_refusal,
)


@click.command(name="visit")
@click.argument("client")
@date_option("--when", default="", metavar="DATE [HH:MM]",
             help=f"The day and time; a booking needs the time. Empty, for a visit done: now. {DATE_FORMS} "
                  f"{TIME_FORMS}")
@click.option("--service", "services", multiple=True, required=True,
              help="From the price list; the start of a name will do. Repeat it for several.")
@click.option("--master", default=None, help="One of the studio's masters (default: the client's usual one).")
@click.option("--price", default="", help="In roubles: 2500, 2 500 ₽ (default: the price list's).")
@click.option("--status", type=click.Choice(["done", "planned", "tentative"]), default="done", show_default=True,
              help="done: it took place; planned: booked; tentative: pencilled in, to confirm.")
@click.option("--formula", default="")
@click.option("--materials", default="")
@click.option("--notes", default="")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@book_options
@with_book
def visit(database, client, when, services, master, price, status, formula, materials, notes, fmt):
    """Add a visit or a booking for CLIENT (the id, or ext:ID); prints the new visit's id."""
    client_id = resolve_client(database, client)
    fields = {"when": when, "services": ", ".join(services), "master": master, "price": price,
              "formula": formula, "materials": materials, "notes": notes}
    try:
        visit_id = add_visit_as_typed(database, client_id, fields, status, today=current().date, now=current().now())
    except (UnknownName, ArchivedName) as error:  # said with the command that adds it, or brings it back
        raise click.ClickException(shell_refusal(error)) from None
    click.echo(json.dumps({"id": visit_id}) if fmt == "json" else str(visit_id))


@click.command(name="visit-status")
@click.argument("visit", type=click.IntRange(1, 2**63 - 1))
@click.argument("status", type=click.Choice(VISIT_STATUSES))
@book_options
@with_book
def visit_status(database, visit, status):
    """Close a booking (done, no_show, cancelled) or reopen it (planned, tentative)."""
    change_status(database, visit, status, current().date, now=current().now())
    click.echo(_("Visit {visit}: {status}.").format(visit=visit, status=status_label(status)))


COMMANDS = [visit, visit_status]
