"""`clientbook case`: win-back cases listed, opened and worked, an offer made, closed, and one
shown with the client's history and worth (services/cases.py)."""
from __future__ import annotations

import json

import click

from clientbook.cli.options import book_options, client_argument, current, with_book
from clientbook.cli.records import ANY_CLIENT, LIST_FORMAT, TEXT_FORMAT, echo_list, listing_group
from clientbook.cli.spoken import Range, argument, option
from clientbook.i18n import N_, _, table_day
from clientbook.services.cases import (
    OUTCOMES,
    case,
    case_heading,
    case_lines,
    cases,
    close_case,
    closed_sentence,
    discounts_warning,
    glance,
    glance_lines,
    make_offer,
    none_sentence,
    offered_sentence,
    open_and_work,
    opened_sentence,
    outcome_wanted,
    reason_name,
    work_sentence,
    worth_lines,
)
from clientbook.services.clients import hits, resolve_client

NUMBER = argument("number", type=Range(1, 2**63 - 1), metavar=N_("NUMBER"), help=N_("The case's number."))


case_group = listing_group("case", N_("Win-back cases: list (the default), add, offer, close, show."))


@case_group.command(name="list", help=N_("The win-back cases, newest first: one client's, or the studio's."))
@ANY_CLIENT
@option("--open", "open_only", is_flag=True, help=N_("Only those not closed yet."))
@LIST_FORMAT
@book_options
@with_book
def case_list(database, client=None, open_only=False, fmt="table"):
    client_id = resolve_client(database, client) if client else None
    found = cases(database, client_id, open_only=open_only)
    echo_list(found, fmt, none_sentence(),
              [_("number"), _("client"), _("opened on"), _("reason"), _("offer"), _("outcome"), _("closed on")],
              lambda c: [str(c.id), str(c.client_id), table_day(c.opened_on), reason_name(database, c.reason), c.offer,
                         _(OUTCOMES[c.outcome]), table_day(c.closed_on) if c.closed_on else ""])


@case_group.command(name="add", help=N_(
    "Open a win-back case for CLIENT (or go on with the open one) and write what is given; prints its number."))
@client_argument
@option("--reason", default=None, help=N_("The reason the client gave for leaving, by its name or code."))
@option("--suspected", default=None, help=N_("The reason the studio suspects, by its name or code."))
@option("--would-return", default=None, help=N_("What would bring them back."))
@option("--offer", default=None, help=N_("What is offered, and on what terms."))
@option("--note", default=None, help=N_("A note on the case."))
@option("--pushes-discounts/--no-pushes-discounts", "pushes", default=None,
        help=N_("Whether the client pushes for discounts (offers then say so)."))
@TEXT_FORMAT
@book_options
@with_book
def case_add(database, client, reason, suspected, would_return, offer, note, pushes, fmt):
    client_id = resolve_client(database, client)
    given = {name: value for name, value in (("reason", reason), ("suspected_reason", suspected),
                                              ("would_return", would_return), ("offer", offer), ("note", note))
             if value is not None}
    number, new, written = open_and_work(database, client_id, current().date, pushes_for_discounts=pushes, **given)
    pushes = glance(database, client_id).pushes_for_discounts
    if fmt == "json":
        click.echo(json.dumps({"id": number, "new": new, "written": list(written), "pushes_for_discounts": pushes}))
        return
    click.echo(opened_sentence(number, new))
    if written and not new:
        click.echo(work_sentence(case(database, number)))
    if pushes and offer:  # said wherever an offer is made
        click.echo(discounts_warning())


@case_group.command(name="offer", help=N_("Write the offer made in case NUMBER."))
@NUMBER
@argument("text", nargs=-1, required=True, metavar=N_("TEXT"), help=N_("What is offered, and on what terms."))
@TEXT_FORMAT
@book_options
@with_book
def case_offer(database, number, text, fmt):
    found = make_offer(database, number, " ".join(text), current().date)
    pushes = glance(database, found.client_id).pushes_for_discounts
    if fmt == "json":
        click.echo(json.dumps({**found.as_json(), "pushes_for_discounts": pushes}, ensure_ascii=False))
        return
    click.echo(offered_sentence(found))
    if pushes:
        click.echo(discounts_warning())


@case_group.command(name="close", help=N_("Close case NUMBER: the client won back, or lost for good."))
@NUMBER
@option("--won", "outcome", flag_value="won", default=None, help=N_("The client came back."))
@option("--lost", "outcome", flag_value="lost", help=N_("The client is lost for good."))
@TEXT_FORMAT
@book_options
@with_book
def case_close(database, number, outcome, fmt):
    if outcome is None:
        raise click.UsageError(outcome_wanted())
    closed = close_case(database, number, outcome, current().date)
    click.echo(json.dumps(closed.as_json(), ensure_ascii=False) if fmt == "json" else closed_sentence(closed))


@case_group.command(name="show", help=N_("Case NUMBER with the client's history and worth."))
@NUMBER
@TEXT_FORMAT
@book_options
@with_book
def case_show(database, number, fmt):
    found = case(database, number)
    seen = glance(database, found.client_id)
    if fmt == "json":
        click.echo(json.dumps({**found.as_json(), "glance": seen.as_json()}, ensure_ascii=False, indent=2))
        return
    name = hits(database, [found.client_id])[0].name
    lines = [case_heading(found, name), *case_lines(database, found), *glance_lines(seen), *worth_lines(seen)]
    if seen.pushes_for_discounts:
        lines.append(discounts_warning())
    click.echo("\n".join(lines))


COMMANDS = [case_group]
