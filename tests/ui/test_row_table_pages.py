"""A long list (a chain's call list: a thousand rows) is added a page at a time, as the
cursor nears its end, so the screen shows it at once; no row is ever out of reach."""
from __future__ import annotations

from textual import events
from textual.app import App

from clientbook.tui.widgets.row_table import RowTable
from tests.ui.pilot import until


class OneList(App):
    def compose(self):
        yield RowTable(id="rows")

    def on_mount(self):
        self.fill(0)

    def fill(self, cursor: int) -> None:
        rows = [[f"client {n}", "nails" if n % 2 else "colour with a long name"] for n in range(250)]
        self.query_one(RowTable).fill(["name", "track"], rows, [str(n) for n in range(250)], flexible={0: 6},
                                      cursor=cursor)


async def test_rows_come_a_page_at_a_time_and_every_one_is_reachable():
    app = OneList()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(RowTable)
        await until(pilot, lambda: table.row_count == RowTable.PAGE)
        # The columns are as wide as the rows still to come need.
        assert [column.width for column in table.columns.values()][1] == len("colour with a long name")

        for _ in range(RowTable.PAGE - 1):
            await pilot.press("down")
        await until(pilot, lambda: table.cursor_row == RowTable.PAGE - 1 and table.row_count == 2 * RowTable.PAGE)
        assert str(table.get_row_at(RowTable.PAGE)[0]) == f"client {RowTable.PAGE}"

        await pilot.press("end")  # the last row of the list, not of the page
        await until(pilot, lambda: table.row_count == 250 and table.cursor_row == 249)
        await pilot.press("home")
        await until(pilot, lambda: table.cursor_row == 0)

        app.fill(cursor=180)  # read again, the cursor kept on its row beyond the first page
        await until(pilot, lambda: table.cursor_row == 180 and table.row_count >= 181)
        assert str(table.get_row_at(180)[0]) == "client 180"
        await pilot.press("pagedown")
        await until(pilot, lambda: table.cursor_row > 180 and table.row_count == 250)



class GrowingList(App):
    def compose(self):
        table = RowTable(id="rows")
        table.add_columns("№", "name")
        yield table


async def test_the_header_stays_in_line_with_rows_that_widen_its_columns():
    """A snapshot caught Home's header as narrow as its labels over rows already widened:
    the header was drawn after the rows came, before the table's idle moment widened the
    columns, and that drawing was kept until the Resize that follows. The idle moment is
    run here by hand, as the message loop runs it, and the header read before that Resize."""
    app = GrowingList()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(RowTable)
        await pilot.pause()
        for n in (7, 48, 120):
            table.add_row(str(n), f"client {n}", key=str(n))
        assert table.render_line(0).text.index("name") == 4  # drawn at the labels' widths
        await table._on_idle(events.Idle())
        header, row = table.render_line(0).text, table.render_line(3).text
        assert header.index("name") == row.index("client 120") == 6
