"""`clientbook complaint`: list, add and close complaints (services/complaints.py)."""
from __future__ import annotations

import json

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
from clientbook.cli.spoken import Range, argument, group, option, said_as
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

TEXT_FORMAT = option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
                     help=TEXT_OR_JSON)


LIST_FORMAT = option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
                     help=TABLE_OR_JSON)


@group(name="complaint", invoke_without_command=True,
       help=N_("Complaints: list (the default), add, close."))
@LIST_FORMAT
@book_options
@click.pass_context
def complaint(ctx, fmt):
    if ctx.invoked_subcommand is None:
        ctx.invoke(complaint_list, fmt=fmt)


@complaint.command(name="list", help=N_("The complaints, newest first: one client's, or the studio's."))
@argument("client", required=False, metavar=N_("CLIENT"),
          help=N_("The client's number, or ext:ID for the studio's own id (default: every client)."))
@option("--open", "open_only", is_flag=True, help=N_("Only those not closed yet."))
@LIST_FORMAT
@book_options
@with_book
def complaint_list(database, client=None, open_only=False, fmt="table"):
    client_id = resolve_client(database, client) if client else None
    found = complaints(database, client_id, open_only=open_only)
    if fmt == "json":
        click.echo(json.dumps([c.as_json() for c in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(_("No complaints."))
        return
    click.echo(table([_("number"), _("client"), _("opened"), _("type"), _("what happened"), _("closed")],
                     [[str(c.id), str(c.client_id), table_day(c.opened_on), _(KINDS[c.kind]), c.text,
                       table_day(c.resolved_on) if c.resolved_on else ""] for c in found]))


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
