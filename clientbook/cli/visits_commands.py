"""Visits from the shell: closing a booking, or reopening it."""
from __future__ import annotations

import click

from clientbook.cli.options import book_options, current, with_book
from clientbook.i18n import _
from clientbook.services.visits import VISIT_STATUSES, set_status


@click.command(name="visit-status")
@click.argument("visit", type=int)
@click.argument("status", type=click.Choice(VISIT_STATUSES))
@book_options
@with_book
def visit_status(database, visit, status):
    """Close a booking (done, no_show, cancelled) or reopen it (planned, tentative)."""
    set_status(database, visit, status, current().date)
    click.echo(_("Visit {visit} is now {status}.").format(visit=visit, status=status))


COMMANDS = [visit_status]
