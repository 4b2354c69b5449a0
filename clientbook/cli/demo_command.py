"""`clientbook demo`: fill an empty book with a believable studio to try things on."""
from __future__ import annotations

import sys

import click

from clientbook.cli.options import book_options, current, with_book
from clientbook.services.demo import generate_demo


@click.command()
@click.option("--clients", type=click.IntRange(1, 1_000_000), default=300, show_default=True)
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=1, show_default=True,
              help="The same seed and --today make the same book.")
@click.option("--years", type=click.IntRange(1, 10), default=2, show_default=True,
              help="How many years of visits (a chain's 1.5 million visits: --clients 100000 --years 3).")
@book_options
@with_book
def demo(database, clients, seed, years):
    """Fill an empty book with a demo studio: masters, prices, years of visits, calls."""
    def progress(done, total):
        if sys.stderr.isatty():
            click.echo(f"\r{done}/{total} clients", nl=False, err=True)

    summary = generate_demo(database, clients=clients, seed=seed, today=current().date,
                           years=years, progress=progress)
    if sys.stderr.isatty():
        click.echo(err=True)
    click.echo(
        f"Demo studio: {summary.clients} clients, {summary.masters} masters, "
        f"{summary.services} services, {summary.visits} visits, {summary.contacts} calls "
        f"in {current().path}"
    )


COMMANDS = [demo]
