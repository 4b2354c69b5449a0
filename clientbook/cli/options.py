"""What every command shares: which book, which day, and one clear line for failures."""
from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import click

from clientbook.cli.spoken import Group, argument, language_on_line, option
from clientbook.cli.terminal import printable_output
from clientbook.domain.dates import parse_iso_date
from clientbook.errors import DateError
from clientbook.i18n import N_, set_language
from clientbook.services.book import expected_failure, resolve_book_path


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
    if value is not None:  # the group's `main` chose it already, from the line; None: not given here
        set_language(value)
        ctx.find_root().ensure_object(Choice).lang = value
    return value


def book_options(command):
    """--db, --today and --lang, accepted before or after the subcommand's name."""
    command = option(
        "--lang", type=click.Choice(["en", "ru"]), expose_value=False, callback=_remember_lang,
        is_eager=True, help=N_("The interface's language (default: from the locale)."),
    )(command)
    command = option(
        "--today", metavar=N_("YYYY-MM-DD"), expose_value=False, callback=_remember_today,
        help=N_("Work as if today were this date (default: the local date)."),
    )(command)
    return option(
        "--db", metavar=N_("PATH"), expose_value=False, callback=_remember_db,
        help=BOOK_HELP,
    )(command)


BOOK_HELP = N_("The book to use (default: $CLIENTBOOK_DB, else the default book).")  # services.book.ENV_VAR


# What --format says: people read text and tables; programs read json and csv, whose keys
# and codes stay English in every language.
TEXT_OR_JSON = N_("text for people; json for programs (English keys and codes).")
TABLE_OR_JSON = N_("table for people; json for programs (English keys and codes).")


def client_argument(command):
    """CLIENT: the client's id, or ext:ID for the studio's own id."""
    return argument("client", metavar=N_("CLIENT"),
                    help=N_("The client's number, or ext:ID for the studio's own id."))(command)


def open_current_book(*, daily_backup: bool = True):
    """The chosen book, open; today's backup of it is made on the first use of the day.
    Unless --lang said otherwise, the book's language setting speaks from here on."""
    from clientbook.services.book import open_book, take_daily_backup
    from clientbook.services.settings import start_language

    database = open_book(current().path)
    if current().lang is None and (chosen := start_language(database, None)):
        set_language(chosen)
    warning = take_daily_backup(database, current().path, current().date) if daily_backup else None
    if warning:
        click.echo(warning, err=True)
    return database


class BookGroup(Group):
    """Expected failures (a bad file, a locked or damaged book) print one line, exit 1.
    Whatever is printed, click's own errors too, shows control characters, never obeys them.
    The language is chosen before anything is parsed: --lang wherever it stands, else the
    locale (help is shown while parsing, before any command runs).

    `lazy`: each command's name and the module that makes it (in its COMMANDS); a module is
    imported when one of its commands is asked for, so a command loads only what it uses
    (`--help`, which lists them all, imports them all)."""

    def __init__(self, *args, lazy: Mapping[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            for command in importlib.import_module(self.lazy[cmd_name]).COMMANDS:
                self.commands.setdefault(command.name, command)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as error:  # "did you mean": among all, not the loaded
            raise click.exceptions.NoSuchCommand(error.command_name, possibilities=self.list_commands(ctx),
                                                 ctx=ctx) from None

    def main(self, args=None, *rest, **kwargs):
        set_language(language_on_line(sys.argv[1:] if args is None else args))
        with printable_output():
            return super().main(args, *rest, **kwargs)

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
