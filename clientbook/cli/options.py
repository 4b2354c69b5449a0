"""What every command shares: which book, which day, and one clear line for failures."""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import click

from clientbook.cli.terminal import printable_output
from clientbook.domain.dates import parse_iso_date
from clientbook.errors import DateError
from clientbook.services.book import ENV_VAR, expected_failure, resolve_book_path


@dataclass
class Choice:
    db: str | None = None
    today: date | None = None
    lang: str | None = None  # only when --lang was given: it wins over the book's setting
    open_interface: Callable[[Choice], None] | None = None  # what a bare `clientbook` opens

    @property
    def path(self) -> Path:
        return resolve_book_path(self.db)

    # The clock is read here, at the entry point, and nowhere below: the rules and the
    # screens are handed the day and the moment.
    @property
    def date(self) -> date:
        return self.today or date.today()

    def now(self) -> datetime:
        """The moment on the chosen day: --today keeps the time of day, moves the day."""
        return datetime.combine(self.date, datetime.now().time().replace(microsecond=0))


def current() -> Choice:
    ctx = click.get_current_context()
    return ctx.find_root().ensure_object(Choice)


def _remember_db(ctx, param, value):
    if value is not None:
        ctx.find_root().ensure_object(Choice).db = value
    return value


def _remember_today(ctx, param, value):
    if value is not None:
        try:
            ctx.find_root().ensure_object(Choice).today = parse_iso_date(value)
        except DateError as error:
            raise click.BadParameter(str(error)) from error
    return value


def _remember_lang(ctx, param, value):
    from clientbook.i18n import set_language

    if value is not None or ctx.parent is None:
        set_language(value)  # None: from the locale (LANG=ru_RU.UTF-8 gives Russian)
    if value is not None:
        ctx.find_root().ensure_object(Choice).lang = value
    return value


def book_options(command):
    """--db, --today and --lang, accepted before or after the subcommand's name."""
    command = click.option(
        "--lang", type=click.Choice(["en", "ru"]), expose_value=False, callback=_remember_lang,
        is_eager=True, help="The interface's language (default: from the locale).",
    )(command)
    command = click.option(
        "--today", metavar="YYYY-MM-DD", expose_value=False, callback=_remember_today,
        help="Work as if today were this date (default: the local date).",
    )(command)
    return click.option(
        "--db", metavar="PATH", expose_value=False, callback=_remember_db,
        help=f"The book to use (default: ${ENV_VAR}, else the default book).",
    )(command)


def open_current_book(*, daily_backup: bool = True):
    """The chosen book, open; today's backup of it is made on the first use of the day."""
    from clientbook.services.book import open_book, take_daily_backup

    database = open_book(current().path)
    warning = take_daily_backup(database, current().path, current().date) if daily_backup else None
    if warning:
        click.echo(warning, err=True)
    return database


class BookGroup(click.Group):
    """Expected failures (a bad file, a locked or damaged book) print one line, exit 1.
    Whatever is printed, click's own errors too, shows control characters, never obeys them."""

    def main(self, *args, **kwargs):
        with printable_output():
            return super().main(*args, **kwargs)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            failure = expected_failure(error, current().path)  # also a book locked mid-work
            if failure is None:
                raise
            raise click.ClickException(str(failure)) from None


def with_book(function):
    """Pass the open book as the first argument and close it afterwards."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        database = open_current_book()
        try:
            return function(database, *args, **kwargs)
        finally:
            database.close()

    return wrapper
