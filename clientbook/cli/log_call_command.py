"""Recording what came of a call from the shell: `log-call`. A booking made on a call reads
the price list, the masters' weeks and the client's usual visit, which `calls` does without."""
from __future__ import annotations

import json

import click

from clientbook.cli.date_options import date_option, day_or_moment_of
from clientbook.cli.options import TEXT_OR_JSON, book_options, client_argument, current, with_book
from clientbook.cli.spoken import command, option, said_as
from clientbook.domain.dates import DATE_FORMS, TIME_FORMS
from clientbook.i18n import N_
from clientbook.services.clients import resolve_client
from clientbook.services.contacts import Outcome, log_call, logged_sentence, with_usual
from clientbook.services.visits import ArchivedName, UnknownName, shell_refusal
from clientbook.services.words import OUTCOMES_SAID

OUTCOME = said_as(OUTCOMES_SAID, N_("OUTCOME"))


@command(name="log-call", help=N_(
    "Record the outcome of a call to CLIENT.\n\n"
    "A booking (--outcome booked) must fall in a free slot of its master; a pencilled "
    "booking waiting to be confirmed is confirmed, not booked twice."))
@client_argument
@option("--outcome", required=True, type=OUTCOME, help=N_(
    "What came of the call: booked, no answer, left a message, call back (with --on), declined "
    "(with --reason), wrong number, do not contact. Russian words do too: Записали, Недозвон, Перезвонить, "
    "Отказ…"))
@date_option("--on", "on", help=N_("The call-back day, or the booking's day and time."), more=(DATE_FORMS, TIME_FORMS))
@option("--reason", default="", help=N_("Why they declined: a reason for leaving, by its name or code."))
@option("--suspected", default="", help=N_("The reason the studio suspects, by its name or code."))
@option("--would-return", default="", help=N_("What would bring them back."))
@option("--note", default="", help=N_("A note on the call."))
@option("--service", "services", multiple=True, metavar=N_("SERVICE"),
        help=N_("A booking's service from the price list (the start of a name); repeat for more. "
                "Default: what the client usually has."))
@option("--master", default="", metavar=N_("MASTER"),
        help=N_("A booking's master (the start of a name). Default: the client's usual one."))
@option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
        help=TEXT_OR_JSON)
@book_options
@with_book
def log_call_command(database, client, outcome, on, reason, suspected, would_return, note, services, master, fmt):
    on = day_or_moment_of(on, "--on")  # read once --today is known, wherever it stands
    client_id = resolve_client(database, client)
    now = current().now()
    said = with_usual(database, client_id, Outcome(
        outcome, on=on, reason=reason, suspected_reason=suspected, would_return=would_return,
        note=note, services=services, master=master,
    ), now.date())
    try:
        recorded = log_call(database, client_id, said, now)
    except (UnknownName, ArchivedName) as error:  # said with the command that adds it, or brings it back
        raise click.ClickException(shell_refusal(error)) from None
    if fmt == "json":
        click.echo(json.dumps({"contact_id": recorded.contact_id, "client_id": client_id, "outcome": outcome,
                               "visit_id": recorded.booking, "starts_at": recorded.booked_at,
                               "confirmed": recorded.pencilled_at is not None,
                               "services": list(recorded.booked_services), "master": recorded.booked_master or None},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(logged_sentence(client_id, recorded))


COMMANDS = [log_call_command]
