"""Visits from the shell: adding one, closing a booking, or reopening it."""
from __future__ import annotations

import json
from dataclasses import replace

import click

from clientbook.cli.date_options import date_option
from clientbook.cli.options import TEXT_OR_JSON, book_options, client_argument, current, with_book
from clientbook.cli.spoken import Range, Words, argument, command, option, said_as
from clientbook.domain.dates import DATE_FORMS, TIME_FORMS
from clientbook.i18n import N_, _
from clientbook.services.card_text import status_label
from clientbook.services.clients import resolve_client
from clientbook.services.visit_booking import add_visit_as_typed, change_status
from clientbook.services.visits import (
    VISIT_STATUSES,
    ArchivedName,
    UnknownName,
    shell_refusal,
)
from clientbook.services.words import STATUSES


def status_type(codes: tuple[str, ...]) -> Words:
    """Some of a visit's statuses, as codes or as people say them (состоялся, неявка, отмена…)."""
    return said_as(replace(STATUSES, codes=codes), N_("STATUS"))


@command(name="visit", help=N_("Add a visit or a booking for CLIENT; prints the new visit's id."))
@client_argument
@date_option("--when", default="", metavar=N_("DATE [HH:MM]"),
             help=N_("The day and time; a booking needs the time. Empty, for a visit done: now."),
             more=(DATE_FORMS, TIME_FORMS))
@option("--service", "services", multiple=True, required=True, metavar=N_("SERVICE"),
        help=N_("From the price list; the start of a name will do. Repeat it for several."))
@option("--master", default=None, metavar=N_("MASTER"),
        help=N_("One of the studio's masters (default: the client's usual one)."))
@option("--price", default="", metavar=N_("SUM"), help=N_("In roubles: 2500, 2 500 ₽ (default: the price list's)."))
@option("--status", type=status_type(("done", "planned", "tentative")), default="done", show_default=True,
        help=N_("done: it took place; booked (planned): to come; pencilled (tentative): to confirm."))
@option("--formula", default="", help=N_("The colour formula."))
@option("--materials", default="", help=N_("Materials and settings: curl, length, diameter."))
@option("--notes", default="", help=N_("Notes on the visit."))
@option("--liked", default="", help=N_("What the client liked."))
@option("--disliked", default="", help=N_("What the client did not like."))
@option("--aftercare", default="", help=N_("The aftercare advised."))
@option("--products-sold", "products_sold", default="", help=N_("Products sold."))
@option("--next", "next_suggestion", default="", metavar=N_("TEXT"),
        help=N_("The master's suggestion for next time: коррекция через 3 недели."))
@option("--satisfaction", default="", metavar="1-5", help=N_("The client's mark, 1 to 5."))
@option("--feedback", default="", help=N_("The client's feedback."))
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help=TEXT_OR_JSON)
@book_options
@with_book
def visit(database, client, when, services, master, price, status, fmt, **records):
    client_id = resolve_client(database, client)
    fields = {"when": when, "services": ", ".join(services), "master": master, "price": price, **records}
    try:
        visit_id = add_visit_as_typed(database, client_id, fields, status, today=current().date, now=current().now())
    except (UnknownName, ArchivedName) as error:  # said with the command that adds it, or brings it back
        raise click.ClickException(shell_refusal(error)) from None
    click.echo(json.dumps({"id": visit_id}) if fmt == "json" else str(visit_id))


@command(name="visit-status", help=N_("Close a booking (done, no-show, cancelled) or reopen it (booked, pencilled)."))
@argument("visit", type=Range(1, 2**63 - 1), metavar=N_("VISIT"), help=N_("The visit's number."))
@argument("status", type=status_type(VISIT_STATUSES), metavar=N_("STATUS"),
          help=N_("done, no-show, cancelled, booked or pencilled; Russian words too: состоялся, неявка, отмена."))
@book_options
@with_book
def visit_status(database, visit, status):
    change_status(database, visit, status, current().date, now=current().now())
    click.echo(_("Visit {visit}: {status}.").format(visit=visit, status=status_label(status)))


COMMANDS = [visit, visit_status]
