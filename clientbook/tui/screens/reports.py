"""Reports (F6): does the studio keep its clients, and do the calls bring them back?

The headline figures (the win-back cases and complaints among them), new and lost clients
week by week as sparklines, churn month by month as bars, and the tables by master, source,
reason, complaint type and master, and client value. `p` sets the period; an empty answer
goes back to three usual cycles.
"""
from __future__ import annotations

from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Sparkline, Static

from clientbook.domain.periods import period_examples
from clientbook.errors import DateError, UserError
from clientbook.i18n import N_, _
from clientbook.services.stats import report, typed_period
from clientbook.services.stats_view import headline, period, tables
from clientbook.tui.literal import literal
from clientbook.tui.screens.base import BookScreen
from clientbook.tui.widgets.ask import Ask
from clientbook.tui.widgets.row_table import RowTable
from clientbook.tui.widgets.steady_footer import SteadyFooter

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
        self.asked = 0  # requests made: only the answer to the last one is shown
        self.slots: list[tuple[Label, RowTable]] = []  # the tables, made once and reused

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
        yield SteadyFooter()

    def shown(self) -> None:
        self.request()

    def request(self) -> None:
        """Read the report of the chosen period; a later request supersedes this one."""
        self.asked += 1
        self.load(self.asked, self.chosen)

    @work(thread=True, exclusive=True, group="report")
    def load(self, number: int, chosen: tuple[date, date] | None) -> None:
        start, end = chosen or (None, None)
        self.ask_book(lambda db: report(db, start=start, end=end, today=self.app.today),
                      lambda result: self.show_report(number, result))

    def show_report(self, number: int, result) -> None:
        """On the UI thread, all at once: the widgets are updated in place, never remounted."""
        if number != self.asked:  # a newer request is on its way: this answer is stale
            return
        self.query_one("#reports-title", Static).update(_("Period: {period}").format(
            period=period(result)))
        figures = headline(result)
        label_width = max(len(label) for label, _value in figures)
        self.query_one("#headline", Static).update(
            "\n".join(f"{label:<{label_width}}  {value}" for label, value in figures))
        self.query_one("#new-weekly", Sparkline).data = [w.new for w in result.weeks]
        self.query_one("#lost-weekly", Sparkline).data = [w.lost for w in result.weeks]
        self.show_tables(tables(result))

    def show_tables(self, found) -> None:
        """Fill a title and a table per table of the report, adding one only when there are
        more than ever before; those left over are hidden."""
        holder = self.query_one("#report-tables", Vertical)
        while len(self.slots) < len(found):
            slot = (Label("", classes="report-title", markup=False),
                    RowTable(classes="report-table"))
            holder.mount(*slot)
            self.slots.append(slot)
        for at, (label, table) in enumerate(self.slots):
            label.display = table.display = at < len(found)
            table.clear(columns=True)  # the columns too: widths fit this period's rows
            if at < len(found):
                title, headers, rows = found[at]
                label.update(title)
                table.add_columns(*headers)
                table.add_rows([literal(cell) for cell in row] for row in rows)  # names, masters, sources, reasons

    def action_reload(self) -> None:
        self.request()

    def action_choose_period(self) -> None:
        def chosen(value) -> None:
            if value is not None:  # None: cancelled
                self.chosen = None if value == DEFAULT else value
                self.request()

        self.app.push_screen(Ask(_("Period: first and last day (empty: three usual cycles)"),
                                 lambda text: _period(text, self.app.today),
                                 placeholder=period_examples(self.app.today)), chosen)
