"""Reports (F6): the figures, the weekly sparklines, the tables, and choosing the period."""
from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Sparkline

from clientbook.services.book import open_book
from clientbook.services.stats import report
from clientbook.services.stats_view import tables
from clientbook.tui.widgets.ask import Ask
from tests.ui.pilot import focused_on, make_app, shown, shows, until
from tests.unit.test_second_visits import TODAY as RETURNS_TODAY
from tests.unit.test_second_visits import make_book as make_returns_book
from tests.unit.test_stats import make_studio

END = date(2026, 6, 30)


def default_tables(path) -> int:
    """How many tables the report of the default period has."""
    database = open_book(path)
    try:
        return len(tables(report(database, today=END)))
    finally:
        database.close()


async def ask_period(pilot, text: str) -> None:
    """p, the period typed into the dialog, Enter."""
    await pilot.press("p")
    box = await focused_on(pilot, "#answer", Input)
    box.value = text
    await pilot.press("enter")


def studio_app(tmp_path):
    """The studio of test_stats, and the app on its END."""
    path = tmp_path / "studio.db"
    make_studio(path)[0].close()
    return path, make_app(path, today=END)


async def open_reports(pilot) -> None:
    await pilot.press("f6")
    await shows(pilot, "#reports-title", "three usual cycles")  # 2026-05-31 … 2026-06-30


async def default_report(pilot, path) -> list[DataTable]:
    """F6, until the default period's tables are all there; the tables."""
    await open_reports(pilot)
    count = default_tables(path)
    return await until(pilot, lambda: len(pilot.app.screen.query(DataTable)) == count and
                       list(pilot.app.screen.query(DataTable)), what=f"the {count} tables of the default period")


async def test_reports_show_the_figures_and_take_a_period(tmp_path):
    path, app = studio_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        before = await default_report(pilot, path)
        await ask_period(pilot, "01.04.2026 31.03.2026")
        await shows(pilot, "#problem", "after it ends")  # said in the dialog, nothing changes
        assert isinstance(app.screen, Ask)
        app.screen.query_one(Input).value = "01.04.2026 – 30.06.2026"
        await pilot.press("enter")

        def the_period():
            assert shown(app, "#reports-title") == "Period: Apr 1, 2026 – Jun 30, 2026"
            headline = shown(app, "#headline")
            assert "Retention (CRR)" in headline and "66.7%" in headline
            assert "Brought back by calls          2 clients, 4,500\u00a0RUB" in headline
            assert app.screen.query_one("#new-weekly", Sparkline).data[:1] == [1]
            assert sum(app.screen.query_one("#lost-weekly", Sparkline).data) == 3
            months = app.screen.query(DataTable).first()
            assert months in before  # the same table, filled in place with the period's rows
            assert [str(months.get_row_at(i)[4]).endswith("▲ rising") for i in range(3)] == [False, False, False]  # small bases

        await until(pilot, the_period)
        await ask_period(pilot, "")  # empty: back to three usual cycles
        await shows(pilot, "#reports-title", "three usual cycles")


async def test_the_period_as_people_type_it(tmp_path):
    """Presets and dashes in the dialog; a refusal gives examples built from today."""
    _path, app = studio_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        await pilot.press("p")
        box = await focused_on(pilot, "#answer", Input)
        assert box.placeholder == ("1.5.2026-31.5.2026, this month, last month, this quarter, this year, "
                                   "last 12 months")
        box.value = "пт"
        await pilot.press("enter")
        await shows(pilot, "#problem", "Not a period: “пт”. For example: 1.5.2026-31.5.2026, this month")
        app.screen.query_one(Input).value = "прошлый квартал"
        await pilot.press("enter")
        await shows(pilot, "#reports-title", "Period: Jan 1, 2026 – Mar 31, 2026")
        await ask_period(pilot, "1.4.2026-30.4.2026")
        await shows(pilot, "#reports-title", "Period: Apr 1, 2026 – Apr 30, 2026")


async def test_reports_show_how_many_new_clients_came_back(tmp_path):
    """The book of test_second_visits: of three first-timers with a fair chance, two came back."""
    path = tmp_path / "returns.db"
    make_returns_book(path).close()
    app = make_app(path, today=RETURNS_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reports(pilot)
        await ask_period(pilot, "01.01.2026-30.06.2026")

        def the_figure():
            assert shown(app, "#reports-title") == "Period: Jan 1, 2026 – Jun 30, 2026"
            lines = shown(app, "#headline").splitlines()
            at = lines.index("New clients who came back      2 of 3 (66.7%) (small base: 3 clients), "
                             "after 45 days (median)")
            assert lines[at + 1:at + 3] == ["  within 30 / 60 / 90 days     1 / 1 / 2",
                                            "  too early to tell            2 (already back: 1)"]

        await until(pilot, the_figure)


def the_tables(path, start: date, end: date) -> list[str]:
    """The titles of the tables of the report of start…end, in the order shown."""
    database = open_book(path)
    try:
        return [title for title, _headers, _rows in tables(report(database, start=start, end=end, today=END))]
    finally:
        database.close()


def tables_on_screen(app) -> tuple[list[str], int]:
    """The titles of the tables shown, and how many tables are shown (a hidden one is not)."""
    titles = [str(label.render()) for label in app.screen.query(".report-title") if label.display]
    return titles, len([table for table in app.screen.query(DataTable) if table.display])


async def test_quick_period_changes_show_each_table_once(tmp_path):
    """Three periods asked for without waiting for the reports between them: each load, from
    the dialog's answer or from the screen coming back in front, may end while another is
    still drawing; what is left is the last period's tables, each once (issue 19)."""
    path, app = studio_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        first = await default_report(pilot, path)
        for text in ("1.4.2026-30.4.2026", "01.01.2026-30.06.2026", "01.04.2026-30.06.2026"):
            await pilot.press("p")
            ask = await until(pilot, lambda: isinstance(app.screen, Ask) and app.screen, step=0.001)
            ask.query_one("#answer", Input).value = text  # answered the moment it opens
            await pilot.press("enter")
        expected = the_tables(path, date(2026, 4, 1), date(2026, 6, 30))
        assert len(expected) == len(set(expected)) >= 4

        def settled():
            assert shown(app, "#reports-title") == "Period: Apr 1, 2026 – Jun 30, 2026"
            assert not [w for w in app.workers if w.node is app.screen and w.is_running]
            assert tables_on_screen(app) == (expected, len(expected))

        await until(pilot, settled)
        months = next(table for table in app.screen.query(DataTable) if table.display)
        assert [str(months.get_row_at(i)[4]).endswith("▲ rising") for i in range(3)] == [False, False, False]  # small bases
        assert len(app.screen.query("#report-tables")) == 1
        kept = [table for table in first if table in list(app.screen.query(DataTable))]
        assert kept == first  # updated in place: not one of them removed and mounted anew
