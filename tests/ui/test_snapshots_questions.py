"""The questions asked before something weighty is done: merging two masters on F7, and
cancelling a session on Today — in English and Russian, at 80×24 and 120×36.

The fixtures and helpers are test_snapshots_forms.py's (the same demo, day and sizes).
"""
from __future__ import annotations

from textual.widgets import DataTable, Label, OptionList

from clientbook.services import catalog
from clientbook.services.catalog_edits import merge_question
from clientbook.services.today import cancel_question, sessions
from tests.ui.pilot import TODAY, focused_on, until
from tests.ui.test_snapshots_forms import (  # noqa: F401 (fixtures)
    app_on,
    book,
    column,
    demo_master,
    footer_settled,
    language,
    size,
)


def question(app) -> str:
    return str(app.screen.query_one(Label).render())


def test_merging_two_masters_asks_naming_both_and_the_visits(book, size, snap_compare):  # noqa: F811 (the fixtures imported above)
    masters = catalog.masters(book, with_visits=True)
    source, target = masters[-1], masters[0]  # the last master into the first one

    async def run_before(pilot):
        app = pilot.app
        await pilot.press("f7")
        await until(pilot, lambda: column(app, "#masters") == [m.name for m in masters])
        await pilot.press("tab")
        await focused_on(pilot, "#masters", DataTable)
        await pilot.press("end", "m")
        await focused_on(pilot, "#choices", OptionList)
        await pilot.press("enter")  # into the first one offered: the first master
        await until(pilot, lambda: question(app) == merge_question(source.name, target.name, source.visits))
        await footer_settled(pilot)

    assert snap_compare(app_on(book), terminal_size=size, run_before=run_before)


def test_cancelling_a_session_asks_naming_the_client_and_the_moment(book, size, snap_compare):  # noqa: F811 (the fixtures imported above)
    monday = TODAY.replace(day=TODAY.day + 1)  # the demo's Sunday has no sessions
    first = sessions(book, monday)[0]

    async def run_before(pilot):
        app = pilot.app
        await pilot.press("f4")
        await until(pilot, lambda: column(app, "#sessions", 1)[:1] in ([first.name], [f"⚠ {first.name}"]))
        await pilot.press("x")
        await until(pilot, lambda: question(app) == cancel_question(first))
        await footer_settled(pilot)

    assert snap_compare(app_on(book, monday), terminal_size=size, run_before=run_before)
