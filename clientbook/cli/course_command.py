"""`clientbook course`: list, add and use courses of procedures (services/courses.py)."""
from __future__ import annotations

import json

import click

from clientbook.cli.date_options import date_option, day_of
from clientbook.cli.options import book_options, client_argument, current, with_book
from clientbook.cli.records import ANY_CLIENT, LIST_FORMAT, TEXT_FORMAT, echo_list, listing_group
from clientbook.cli.spoken import Range, argument, option
from clientbook.domain.dates import DATE_FORMS
from clientbook.i18n import N_, _, table_day
from clientbook.services.clients import resolve_client
from clientbook.services.courses import (
    add_course,
    added_sentence,
    courses,
    none_sentence,
    use_session,
    used_sentence,
)
from clientbook.services.visits import ArchivedName, UnknownName, shell_refusal

course = listing_group("course", N_("Courses of procedures: list (the default), add, use a session."))


@course.command(name="list", help=N_("The courses, soonest to expire first: one client's, or the studio's."))
@ANY_CLIENT
@option("--active", is_flag=True, help=N_("Only those with sessions left and still valid today."))
@LIST_FORMAT
@book_options
@with_book
def course_list(database, client=None, active=False, fmt="table"):
    client_id = resolve_client(database, client) if client else None
    found = courses(database, client_id, active_on=current().date if active else None)
    echo_list(found, fmt, none_sentence(),
              [_("number"), _("client"), _("course"), _("service"), _("sessions left"), _("valid until"),
               _("a gift from")],
              lambda c: [str(c.id), str(c.client_id), c.title, c.service or "", f"{c.sessions_left}/{c.sessions_total}",
                         table_day(c.valid_until) if c.valid_until else "", c.gift_from])


@course.command(name="add", help=N_("Sell CLIENT a course of sessions; prints its number."))
@client_argument
@option("--sessions", type=int, required=True, help=N_("How many sessions the course holds."))
@option("--title", default="", help=N_("The course's name (default: its service's)."))
@option("--service", default="", metavar=N_("SERVICE"),
        help=N_("The service from the price list (the start of a name) whose done visits use its sessions."))
@date_option("--until", "until", help=N_("The course's last valid day (default: no end)."), more=(DATE_FORMS,))
@option("--gift-from", default="", metavar=N_("NAME"), help=N_("Who gave it, when it is a gift."))
@TEXT_FORMAT
@book_options
@with_book
def course_add(database, client, sessions, title, service, until, gift_from, fmt):
    valid_until = day_of(until, "--until")  # read once --today is known, wherever it stands
    try:
        number = add_course(database, resolve_client(database, client), sessions, current().date, title=title,
                            service=service, valid_until=valid_until, gift_from=gift_from)
    except (UnknownName, ArchivedName) as error:  # said with the command that adds it, or brings it back
        raise click.ClickException(shell_refusal(error)) from None
    click.echo(json.dumps({"id": number}) if fmt == "json" else added_sentence(number))


@course.command(name="use", help=N_("Use one session of course NUMBER by hand (a visit not in the book)."))
@argument("number", type=Range(1, 2**63 - 1), metavar=N_("NUMBER"), help=N_("The course's number."))
@TEXT_FORMAT
@book_options
@with_book
def course_use(database, number, fmt):
    used = use_session(database, number)
    click.echo(json.dumps(used.as_json(), ensure_ascii=False) if fmt == "json" else used_sentence(used))


COMMANDS = [course]
