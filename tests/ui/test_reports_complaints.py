"""Reports (F6) show the period's complaints and win-back cases (issue 20)."""
from __future__ import annotations

from textual.widgets import DataTable, Input, Label

from tests.ui.pilot import focused_on, make_app, shown, shows, until
from tests.unit.test_stats_complaints import TODAY, make_book


def table_rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_reports_show_the_complaints_and_the_cases(tmp_path):
    path = tmp_path / "studio.db"
    make_book(path).close()
    app = make_app(path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await shows(pilot, "#reports-title", "three usual cycles")
        await pilot.press("p")
        box = await focused_on(pilot, "#answer", Input)
        box.value = "01.04.2026-30.06.2026"
        await pilot.press("enter")

        def the_figures():
            assert shown(app, "#reports-title") == "Period: Apr 1, 2026 – Jun 30, 2026"
            lines = shown(app, "#headline").splitlines()
            at = lines.index("Win-back cases                 opened 4, won back 2, lost 1")
            assert lines[at + 1:at + 4] == ["  revenue from those won back  8,500\u00a0RUB",
                                            "Complaints                     5",
                                            "  resolved within 3 days       3 of 5 (60%)"]
            screen = app.screen
            titles = [str(label.render()) for label in screen.query(".report-title").results(Label) if label.display]
            tables = [table for table in screen.query(".report-table").results(DataTable) if table.display]
            found = dict(zip(titles, tables, strict=True))
            assert table_rows(found["Complaints by type"]) == [["quality", "2"], ["rudeness", "1"], ["hygiene", "1"],
                                                               ["price", "1"]]
            assert table_rows(found["Complaints by master"]) == [["Маша", "2"], ["Оля", "2"], ["(no master)", "1"]]

        await until(pilot, the_figures)
