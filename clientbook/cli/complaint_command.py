"""`clientbook complaint`: list, add and close complaints (services/complaints.py)."""
from __future__ import annotations

import json

import click

from clientbook.cli.options import book_options, client_argument, current, with_book
from clientbook.cli.records import ANY_CLIENT, LIST_FORMAT, TEXT_FORMAT, echo_list, listing_group
from clientbook.cli.spoken import Range, argument, option, said_as
from clientbook.i18n import N_, _, table_day
from clientbook.services.clients import resolve_client
from clientbook.services.complaints import (
    COMPENSATIONS_SAID,
    KINDS,
    KINDS_SAID,
    close_complaint,
    closed_sentence,
    complaints,
    open_complaint,
    opened_sentence,
)
from clientbook.services.visits import ArchivedName, UnknownName, shell_refusal

complaint = listing_group("complaint", N_("Complaints: list (the default), add, close."))


@complaint.command(name="list", help=N_("The complaints, newest first: one client's, or the studio's."))
@ANY_CLIENT
@option("--open", "open_only", is_flag=True, help=N_("Only those not closed yet."))
@LIST_FORMAT
@book_options
@with_book
def complaint_list(database, client=None, open_only=False, fmt="table"):
    client_id = resolve_client(database, client) if client else None
    echo_list(complaints(database, client_id, open_only=open_only), fmt, _("No complaints."),
              [_("number"), _("client"), _("opened"), _("type"), _("what happened"), _("closed")],
              lambda c: [str(c.id), str(c.client_id), table_day(c.opened_on), _(KINDS[c.kind]), c.text,
                         table_day(c.resolved_on) if c.resolved_on else ""])


@complaint.command(name="add", help=N_("Open a complaint for CLIENT; prints its number."))
@client_argument
@argument("text", nargs=-1, required=True, metavar=N_("TEXT"), help=N_("What happened."))
@option("--type", "kind", type=said_as(KINDS_SAID, N_("TYPE")), default="other",
        help=N_("quality, staff, rudeness, hygiene, price or other (the default)."))
@option("--visit", type=Range(1, 2**63 - 1), default=None, metavar=N_("VISIT"),
        help=N_("The visit it is about (its master is the one named, unless --master says another)."))
@option("--master", default="", metavar=N_("MASTER"), help=N_("The master it names."))
@TEXT_FORMAT
@book_options
@with_book
def complaint_add(database, client, text, kind, visit, master, fmt):
    try:
        number = open_complaint(database, resolve_client(database, client), " ".join(text), kind, current().date,
                                visit_id=visit, master=master)
    except (UnknownName, ArchivedName) as error:  # said with the command that adds it, or brings it back
        raise click.ClickException(shell_refusal(error)) from None
    click.echo(json.dumps({"id": number}) if fmt == "json" else opened_sentence(number))


@complaint.command(name="close", help=N_("Close complaint NUMBER with its verdict, resolution and compensation."))
@argument("number", type=Range(1, 2**63 - 1), metavar=N_("NUMBER"), help=N_("The complaint's number."))
@option("--resolution", default="", metavar=N_("TEXT"), help=N_("What was done."))
@option("--justified/--not-justified", default=None, help=N_("The verdict: was the complaint justified?"))
@option("--compensation", type=said_as(COMPENSATIONS_SAID, N_("COMPENSATION")), default=None,
        help=N_("redo, refund or discount (default: none)."))
@TEXT_FORMAT
@book_options
@with_book
def complaint_close(database, number, resolution, justified, compensation, fmt):
    closed = close_complaint(database, number, current().date, resolution=resolution, justified=justified,
                             compensation=compensation or "")
    click.echo(json.dumps(closed.as_json(), ensure_ascii=False) if fmt == "json" else closed_sentence(closed))


COMMANDS = [complaint]
