"""What the screen tests share: the app on a book at a fixed day, waiting for what a test reads, the book.

Waiting: a screen fills itself from worker threads, so what a test reads may come a moment
(or, on a loaded machine, several seconds) after the key that asked for it. A test waits
for exactly what it then asserts, with `until` (or `shows`, `equal`): it polls in short
steps up to a generous deadline and, on the deadline, fails with what was there. Never a
bare frame, pause or sleep: "the workers are done" and "something was drawn" say nothing
of whether the answer a test reads has arrived.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from textual.widget import Widget
from textual.widgets import Footer, Static

from clientbook.services.book import open_book
from clientbook.tui.app import ClientbookApp

TODAY = date(2026, 11, 22)
WAIT = 20.0  # seconds: the deadline of every wait; generous, the machine may be busy
STEP = 0.02  # seconds between two looks at the screen
BOOK_STEP = 0.1  # seconds between two looks at the book (each look opens it)
W = TypeVar("W", bound=Widget)


def make_app(path, today: date = TODAY) -> ClientbookApp:
    return ClientbookApp(open_book(path), path, today)


async def until(pilot, check: Callable[[], Any], *, timeout: float = WAIT, step: float = STEP,
                what: str = "", show: Callable[[], Any] | None = None) -> Any:
    """Look again every `step` seconds until check() passes; return what it returned.

    check passes when it returns None (a function of plain asserts, the form to prefer: on
    the deadline pytest shows its values) or a true value, without raising. An empty value
    is not there yet: a field's '' waited for as filled once passed at once, before the
    book's answer came (seen on a server's book, whose answers come later).
    On the deadline the last failure is raised; `what` names the thing waited for and
    show() (if given) says what was there instead.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
        except Exception as error:  # not there yet: a missing widget, a failed assert
            failure: Exception | None = error
        else:
            if result is None or result:
                return result
            failure = None
        if time.monotonic() >= deadline:
            waited = f"waited {timeout:g} s for {what or getattr(check, '__qualname__', repr(check))}"
            if show is not None:
                waited += f"; there was:\n{show()}"
            if isinstance(failure, AssertionError):
                failure.add_note(waited)
                raise failure
            raise AssertionError(waited) from failure
        await pilot.pause(step)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def shows(pilot, selector: str, *texts: str, timeout: float = WAIT) -> str:
    """Until the Static `selector` of the current screen holds every one of `texts`; its text."""
    def holds() -> str | bool:
        text = shown(pilot.app, selector)
        return text if all(t in text for t in texts) else False

    def there() -> str:
        try:
            return shown(pilot.app, selector)
        except Exception as error:
            return f"no {selector} on {pilot.app.screen!r}: {error}"

    return await until(pilot, holds, timeout=timeout, what=f"{selector} to show {texts!r}", show=there)


async def focused_on(pilot, selector: str, kind: type[W] = Widget, *, timeout: float = WAIT) -> W:
    """Until the `kind` widget `selector` of the current screen has the focus (keys go there); the widget.

    A dialog opened by a key is on screen, and ready to be typed into, when this returns.
    """
    def ready():
        widget = pilot.app.screen.query_one(selector, kind)
        assert pilot.app.screen.focused is widget, f"{selector} is not focused on {pilot.app.screen!r}"
        return widget

    return await until(pilot, ready, timeout=timeout, what=f"{selector} to have the focus",
                       show=lambda: f"focused: {pilot.app.screen.focused!r}")


async def equal(pilot, read: Callable[[], Any], expected: Any, *, timeout: float = WAIT,
                step: float = STEP, what: str = "") -> Any:
    """Until read() == expected (read again every `step`); on the deadline, fail with the last reading."""
    seen: list[Any] = []

    def same() -> bool:
        seen[:] = [read()]
        return seen[0] == expected

    def there() -> str:
        return f"{seen[0]!r}\ninstead of\n{expected!r}" if seen else "nothing read"

    await until(pilot, same, timeout=timeout, step=step,
                what=what or f"{getattr(read, '__qualname__', 'the reading')} == {expected!r}", show=there)
    return seen[0]


async def book_has(pilot, path, sql: str, expected: list[tuple], *params, timeout: float = WAIT) -> list[tuple]:
    """Until the book's rows for `sql` are `expected`: a write made by a worker has landed."""
    return await equal(pilot, lambda: rows(path, sql, *params), expected, timeout=timeout, step=BOOK_STEP,
                       what=f"the book's rows for {sql!r}")


def footer_keys(app) -> list[tuple[str, str]]:
    """The keys (and their words) the footer shows now, the palette's aside."""
    footer = app.screen.query_one(Footer)
    return [(key.key, key.description) for key in footer.query("FooterKey") if not key.has_class("-command-palette")]


def active_keys(app) -> list[tuple[str, str]]:
    """The keys the footer is to show: the screen's, shown and not switched off, one per action."""
    first: dict[str, tuple[str, str]] = {}
    for _node, binding, _enabled, _tooltip in app.screen.active_bindings.values():
        if binding.show:
            first.setdefault(binding.action, (binding.key, binding.description))
    return list(first.values())


async def footer_settled(pilot, timeout: float = WAIT) -> None:
    """Until the footer shows the screen's keys as they are now. The footer is redrawn a moment
    after they change (a card switches Archive or Restore off once it is read): a snapshot of
    the whole screen waits for this too."""
    app = pilot.app

    def matches() -> None:
        assert footer_keys(app) == active_keys(app)

    await until(pilot, matches, timeout=timeout)


def rows(path, sql: str, *params) -> list[tuple]:
    """Read the book as the test's own witness, with a connection of its own."""
    database = open_book(path)
    try:
        return [tuple(r) for r in database.execute_sql(sql, params).fetchall()]
    finally:
        database.close()
