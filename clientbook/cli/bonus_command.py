"""`clientbook bonus`: a client's bonus movements and balance; points earned, adjusted or spent
(services/bonuses.py)."""
from __future__ import annotations

import dataclasses
import json

import click

from clientbook.cli.options import book_options, client_argument, current, with_book
from clientbook.cli.records import LIST_FORMAT, TEXT_FORMAT
from clientbook.cli.render import table
from clientbook.cli.spoken import argument, group, option, said_as
from clientbook.i18n import N_, _, table_day
from clientbook.services.bonuses import KINDS, KINDS_SAID, add_movement, balance, balance_sentence, movements
from clientbook.services.clients import resolve_client

# `add` earns or adjusts; spending is `use`.
ADDED = said_as(dataclasses.replace(KINDS_SAID, codes=("earned", "adjusted")), N_("KIND"))
# A negative number of points (`bonus add 7 -50 --kind adjusted`) is a number, not an unknown option.
NUMBERS_MAY_BE_NEGATIVE = {"ignore_unknown_options": True}


def points_argument(command):
    return argument("points", type=int, metavar=N_("POINTS"), help=N_("How many points."))(command)


@group(name="bonus", help=N_("Bonus points: list a client's, add (earn or adjust), use (spend)."))
@book_options
def bonus():
    pass


@bonus.command(name="list", help=N_("CLIENT's bonus movements, newest first, and the balance."))
@client_argument
@LIST_FORMAT
@book_options
@with_book
def bonus_list(database, client, fmt):
    client_id = resolve_client(database, client)
    found, points = movements(database, client_id), balance(database, client_id)
    if fmt == "json":
        click.echo(json.dumps({"client_id": client_id, "balance": points, "movements": [m.as_json() for m in found]},
                              ensure_ascii=False, indent=2))
        return
    if found:
        click.echo(table([_("when"), _("movement"), _("points"), _("note")],
                         [[table_day(m.on_day), _(KINDS[m.kind]), f"{m.points:+d}", m.note] for m in found]))
    click.echo(balance_sentence(points))


@bonus.command(name="add", context_settings=NUMBERS_MAY_BE_NEGATIVE,
               help=N_("Add POINTS to CLIENT's balance: earned, or an adjustment (which may be negative)."))
@client_argument
@points_argument
@option("--kind", type=ADDED, default="earned", help=N_("earned (the default) or adjusted."))
@option("--note", default="", help=N_("What the points are for."))
@TEXT_FORMAT
@book_options
@with_book
def bonus_add(database, client, points, kind, note, fmt):
    moved(database, resolve_client(database, client), kind, points, note, fmt)


@bonus.command(name="use", context_settings=NUMBERS_MAY_BE_NEGATIVE,
               help=N_("Spend POINTS of CLIENT's balance (never more than it holds)."))
@client_argument
@points_argument
@option("--note", default="", help=N_("What the points are spent on."))
@TEXT_FORMAT
@book_options
@with_book
def bonus_use(database, client, points, note, fmt):
    moved(database, resolve_client(database, client), "spent", points, note, fmt)


def moved(database, client_id: int, kind: str, points: int, note: str, fmt: str) -> None:
    after = add_movement(database, client_id, kind, points, current().date, note)
    if fmt == "json":
        click.echo(json.dumps({"client_id": client_id, "kind": kind, "points": -points if kind == "spent" else points,
                                "balance": after}))
    else:
        click.echo(balance_sentence(after))


COMMANDS = [bonus]
