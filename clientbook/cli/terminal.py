"""Nothing a command prints runs on the terminal: every control character is shown, not obeyed.

A name from a book restored from elsewhere, a file's cell quoted in an import error, an
argument quoted in click's own error: any of them may hold ESC ] 52 (writes the clipboard)
or ESC [ 2J (clears the screen). Rather than remember `printable` at each of the many places
that print, the group's `main` hands click and every command stdout and stderr through
`Printable`, which passes each string through domain.text.printable. Click's echo, its error
and usage lines, `export` to the screen: all of them write through these two streams.

Our own sequences (the import's progress bar) go to `unfiltered(stream)`.
"""
from __future__ import annotations

import codecs
import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from clientbook.domain.text import printable

KEEP = "\n\t\r"  # lines, tabs and the CR of CSV lines and of a progress count

# What an older Russian terminal's encoding (KOI8-R, CP1251) lacks, said with what it has.
_PLAINER = {"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2013": "-", "\u2014": "-", "\u2212": "-",
            "\u20bd": "руб.", "\u2026": "...", "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"'}


def _plainer(error: UnicodeEncodeError) -> tuple[str, int]:
    text = error.object[error.start:error.end]
    return "".join(_PLAINER.get(ch, "?") for ch in text), error.end


codecs.register_error("clientbook-plainer", _plainer)


class Printable:
    """A text stream whose writes reach the terminal with every control sign made visible."""

    def __init__(self, stream: Any) -> None:
        self.unfiltered = stream

    def write(self, text: Any) -> int:
        # bytes are passed on (a text stream refuses them, as click expects when it tries)
        return self.unfiltered.write(printable(text, keep=KEEP) if isinstance(text, str) else text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # click would write bytes to it, past the filter
            raise AttributeError(name)
        return getattr(self.unfiltered, name)


def unfiltered(stream: Any) -> Any:
    """The stream under a Printable: for our own control sequences, never for user text."""
    return stream.unfiltered if isinstance(stream, Printable) else stream


@contextlib.contextmanager
def printable_output() -> Iterator[None]:
    """stdout and stderr made Printable while a command runs (sys.__stdout__ is left alone:
    the terminal interface draws there)."""
    saved = sys.stdout, sys.stderr
    for stream in saved:
        # A terminal in KOI8-R or CP1251 has no "₽" nor Babel's narrow spaces: shown as "?",
        # never a UnicodeEncodeError in the middle of a card.
        if hasattr(stream, "reconfigure") and getattr(stream, "errors", "strict") == "strict":
            stream.reconfigure(errors="clientbook-plainer")
    sys.stdout, sys.stderr = (stream if stream is None or isinstance(stream, Printable) else Printable(stream)
                              for stream in saved)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
