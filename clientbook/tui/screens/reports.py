"""Reports (F6): does the studio keep its clients, and do the calls bring them back?

The headline figures, new and lost clients week by week as sparklines, churn month by
month as bars, and the tables by master, source, reason and client value. `p` sets the
period; an empty answer goes back to three usual cycles.
"""
from __future__ import annotations

from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Label, Sparkline, Static

from clientbook.domain.periods import period_examples
from clientbook.errors import DateError, UserError
from clientbook.i18n import N_, _
from clientbook.services.stats import report, typed_period
from clientbook.services.stats_view import headline, period, tables
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import BookScreen
from clientbook.tui.widgets.ask import Ask

DEFAULT = "default"  # the answer that asks for the default period


def _period(text: str, today: date) -> tuple[date, date] | str:
    """The period typed in the dialog (services.stats.typed_period), or DEFAULT when empty."""
    try:
        return typed_period(text, today) or DEFAULT
    except (DateError, UserError) as error:
        raise ValueError(str(error)) from None


class ReportsScreen(BookScreen):
    BINDINGS = [
        Binding("p", "choose_period", N_("Period"), id="period"),
        Binding("f5", "reload", N_("Refresh"), id="refresh-reports"),
        Binding("q", "app.quit", N_("Quit"), id="quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chosen: tuple[date, date] | None = None

    def compose(self) -> ComposeResult:
        yield Static(_("Reading the book…"), id="reports-title", markup=False)
        with VerticalScroll(id="reports"):
            with Horizontal(id="reports-top"):
                yield Static("", id="headline", markup=False)
                with Vertical(id="trends"):
                    yield Label(_("New, week by week"))
                    yield Sparkline([], id="new-weekly")
                    yield Label(_("Lost, week by week"))
                    yield Sparkline([], id="lost-weekly")
            yield Vertical(id="report-tables")
        yield Footer()

    def shown(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="report")
    def load(self) -> None:
        start, end = self.chosen or (None, None)
        self.ask_book(lambda db: report(db, start=start, end=end, today=self.app.today),
                      self.show_report)

    async def show_report(self, result) -> None:
        self.query_one("#reports-title", Static).update(_("Period: {period}").format(
            period=period(result)))
        figures = headline(result)
        label_width = max(len(label) for label, _value in figures)
        self.query_one("#headline", Static).update(
            "\n".join(f"{label:<{label_width}}  {value}" for label, value in figures))
        self.query_one("#new-weekly", Sparkline).data = [w.new for w in result.weeks]
        self.query_one("#lost-weekly", Sparkline).data = [w.lost for w in result.weeks]
        holder = self.query_one("#report-tables", Vertical)
        await holder.remove_children()
        widgets = []
        for title, headers, rows in tables(result):
            table = DataTable(zebra_stripes=True, cursor_type="row", classes="report-table")
            table.add_columns(*headers)
            table.add_rows([literal(cell) for cell in row] for row in rows)  # names, masters, sources, reasons
            widgets += [Label(title, classes="report-title"), table]
        await holder.mount_all(widgets)

    def action_reload(self) -> None:
        self.load()

    def action_choose_period(self) -> None:
        def chosen(value) -> None:
            if value is not None:  # None: cancelled
                self.chosen = None if value == DEFAULT else value
                self.load()

        self.app.push_screen(Ask(_("Period: first and last day (empty: three usual cycles)"),
                                 lambda text: _period(text, self.app.today),
                                 placeholder=period_examples(self.app.today)), chosen)
