"""Reports (F6): the figures, the weekly sparklines, the tables, and choosing the period."""
from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Sparkline

from tests.ui.pilot import make_app, press_and_settle, shown
from tests.unit.test_stats import make_studio

END = date(2026, 6, 30)


async def test_reports_show_the_figures_and_take_a_period(tmp_path):
    path = tmp_path / "studio.db"
    make_studio(path)[0].close()
    app = make_app(path, today=END)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_and_settle(pilot, "f6")
        assert "three usual cycles" in shown(app, "#reports-title")  # 2026-05-31 … 2026-06-30
        await press_and_settle(pilot, "p")
        app.screen.query_one(Input).value = "01.04.2026 31.03.2026"
        await press_and_settle(pilot, "enter")
        assert "after it ends" in shown(app, "#problem")  # said in the dialog, nothing changes
        app.screen.query_one(Input).value = "01.04.2026 – 30.06.2026"
        await press_and_settle(pilot, "enter")
        assert shown(app, "#reports-title") == "Period: Apr 1, 2026 – Jun 30, 2026"
        headline = shown(app, "#headline")
        assert "Retention (CRR)" in headline and "66.7 %" in headline
        assert "Brought back by calls          2 clients, 4,500\u00a0RUB" in headline
        assert app.screen.query_one("#new-weekly", Sparkline).data[:1] == [1]
        assert sum(app.screen.query_one("#lost-weekly", Sparkline).data) == 3
        months = app.screen.query(DataTable).first()
        assert [str(months.get_row_at(i)[4]).endswith("▲ rising") for i in range(3)] == [False, True, False]
        await press_and_settle(pilot, "p")
        await press_and_settle(pilot, "enter")  # empty: back to three usual cycles
        assert "three usual cycles" in shown(app, "#reports-title")
