"""`clientbook forget`: erase a client for good, from the book and, if asked, its backups."""
from __future__ import annotations

import sys
from dataclasses import replace

import click

from clientbook.cli.options import book_options, client_argument, current, with_book
from clientbook.cli.spoken import command, confirm, option, said_as
from clientbook.i18n import N_, _
from clientbook.services import clients
from clientbook.services.forgetting import (
    backups_holding,
    backups_sentence,
    drop_backups,
    dropped_sentence,
    kept_sentence,
    nobody_else,
    purge_from_backups,
    purged_sentence,
)
from clientbook.services.words import BACKUPS_SAID

BACKUPS = said_as(BACKUPS_SAID, N_("ACTION"))
ASKED = said_as(replace(BACKUPS_SAID, codes=("purge", "drop", "keep")), N_("ACTION"))


@command(help=N_("Erase a client entirely: card, visits, calls and search entries, with no byte of them left in "
                 "the book. Cannot be undone."))
@client_argument
@option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@option("--backups", "backups_choice", type=BACKUPS, default="ask", show_default=True,
        help=N_("Backups that still hold the client: erase her there too (purge), delete them (drop), or keep "
                "them (keep); ask: asked on a terminal, kept otherwise."))
@book_options
@with_book
def forget(database, client, yes, backups_choice):
    client_id = clients.resolve_client(database, client)
    found = clients.card(database, client_id, current().date)
    holding = backups_holding(current().path, client_id, found.first_name, found.last_name)
    if not yes:
        confirm(_("Erase {name} (#{id}) and all their visits and calls for good?").format(
            name=found.name, id=client_id), abort=True)
    if holding and backups_choice == "ask":
        interactive = not yes and sys.stdin.isatty()
        backups_choice = "keep"
        if interactive:
            click.echo(backups_sentence(found.name, holding))
            backups_choice = click.prompt(_("Erase them there too (purge), delete those backups (drop), or keep "
                                            "them (keep)?"), type=ASKED, default=ASKED.label("purge"),
                                          show_choices=False)
    with nobody_else(current().path):
        clients.forget(database, client_id)
    click.echo(_("Forgot {name}.").format(name=found.name))
    if not holding:
        return
    if backups_choice == "purge":
        purge_from_backups(holding, client_id)
        click.echo(purged_sentence(found.name, holding))
    elif backups_choice == "drop":
        drop_backups(holding)
        click.echo(dropped_sentence(holding))
    else:
        click.echo(backups_sentence(found.name, holding))
        click.echo(kept_sentence())


COMMANDS = [forget]
