"""`clientbook copy-book SRC DEST`: move a whole book between a file and a PostgreSQL server."""
from __future__ import annotations

import click

from clientbook.cli.options import book_options, current
from clientbook.cli.spoken import argument, command
from clientbook.i18n import N_


@command(name="copy-book", help=N_("Copy the whole book SRC into DEST, a new or empty book: a file or a "
                                    "PostgreSQL address (postgresql://…), either way. Every table is checked by "
                                    "its row count and checksum; on any failure DEST is left as it was."))
@argument("source", metavar=N_("SRC"), help=N_("The book to copy: its file, or its server's address."))
@argument("dest", metavar=N_("DEST"), help=N_("The new or empty book to copy it into: a file, or a server's "
                                              "address."))
@book_options
def copy_book_command(source, dest):
    from clientbook.services.book import book_location
    from clientbook.services.book_copy import copied_sentence, copy_book

    report = copy_book(book_location(source), book_location(dest), current().date)
    click.echo(copied_sentence(report))


COMMANDS = [copy_book_command]
