"""`clientbook demo`: fill an empty book with a believable studio to try things on."""
from __future__ import annotations

import sys

import click

from clientbook.cli.options import book_options, current, with_book
from clientbook.cli.spoken import Range, command, option
from clientbook.i18n import N_
from clientbook.services.demo import demo_progress, demo_sentence, generate_demo


@command(help=N_("Fill an empty book with a demo studio: masters, prices, years of visits, calls."))
@option("--clients", type=Range(1, 1_000_000), default=300, show_default=True,
        help=N_("How many clients."))
@option("--seed", type=Range(0, 2**32 - 1), default=1, show_default=True,
        help=N_("The same seed and --today make the same book."))
@option("--years", type=Range(1, 10), default=2, show_default=True,
        help=N_("How many years of visits (a chain's 1.5 million visits: --clients 100000 --years 3)."))
@book_options
@with_book
def demo(database, clients, seed, years):
    def progress(done, total):
        if sys.stderr.isatty():
            click.echo("\r" + demo_progress(done, total), nl=False, err=True)

    summary = generate_demo(database, clients=clients, seed=seed, today=current().date,
                           years=years, progress=progress)
    if sys.stderr.isatty():
        click.echo(err=True)
    click.echo(demo_sentence(summary, current().path))


COMMANDS = [demo]
