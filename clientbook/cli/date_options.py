"""Options that take a date or a period as people type them: one reader for all of them.

`--on 03.12.2026 12:00`, `--on в пятницу`, `--period прошлый месяц`: a shell splits these
into words, so a date option takes the words after its value as long as together they
still read as a date (or a period). The value is read after every option, when --today
is known, wherever it stands on the line.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import click

from clientbook.cli.options import current
from clientbook.cli.spoken import Option
from clientbook.domain.dates import read_day, read_typed, reads_as_date
from clientbook.domain.periods import read_period, reads_as_period
from clientbook.errors import DateError
from clientbook.i18n import N_

MOST_WORDS = 4  # «через 2 недели в 15:00» is the longest a person types
_OPTION = re.compile(r"--|-[^\W\d]")  # the next option, never a date's word (a dash between days is)

def words_to_take(value: str, following: list[str], reads: Callable[[str], bool]) -> int:
    """How many of the `following` words belong to an option's `value`: the most that,
    with it, still read as one (none when the value reads alone and they add nothing)."""
    taken = 0
    for count in range(1, min(MOST_WORDS, len(following)) + 1):
        if _OPTION.match(following[count - 1]):
            break
        if reads(" ".join([value, *following[:count]])):
            taken = count
    return taken


class DateOption(Option):
    """An option whose value may run over several words: `reads` says what reads as one."""

    def __init__(self, *args, reads: Callable[[str], bool] = reads_as_date, **kwargs):
        super().__init__(*args, **kwargs)
        self.reads = reads

    def add_to_parser(self, parser, ctx) -> None:
        super().add_to_parser(parser, ctx)
        for name in self.opts:  # click has no public hook for this: wrap its parser's option
            option = parser._long_opt.get(name) or parser._short_opt.get(name)
            option.process = self._taking_words(option.process)

    def _taking_words(self, process):
        def taking(value, state) -> None:
            if isinstance(value, str):
                taken = words_to_take(value, state.rargs, self.reads)
                value = " ".join([value, *state.rargs[:taken]])
                del state.rargs[:taken]
            process(value, state)

        return taking


def date_option(*names: str, **kwargs):
    """An option for a day, or a day and time: its text, read by day_of or day_or_moment_of."""
    kwargs.setdefault("metavar", N_("DATE"))
    return click.option(*names, cls=DateOption, **kwargs)


def period_option(*names: str, **kwargs):
    """An option for a period: its text, read by period_of."""
    kwargs.setdefault("metavar", N_("PERIOD"))
    return click.option(*names, cls=DateOption, reads=reads_as_period, **kwargs)


def _read(reader, value: str, option: str):
    try:
        return reader(value, current().date)
    except DateError as error:
        raise click.BadParameter(str(error), param_hint=option) from None


def day_of(value: str | None, option: str):
    """The day an option names (a time given with it is dropped); None when not given."""
    return None if value is None else _read(read_day, value, option)


def day_or_moment_of(value: str | None, option: str):
    """The day an option names, or its moment when a time was given; None when not given."""
    return None if value is None else _read(read_typed, value, option).value


def period_of(value: str | None, option: str):
    """The first and last day of the period an option names; None when not given or empty."""
    return None if value is None else _read(read_period, value, option)
