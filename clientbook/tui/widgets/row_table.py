"""A table of rows a person moves through (clients, calls, sessions, visits, the price list)."""
from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from clientbook.i18n import N_


def fitted_widths(natural: Sequence[int], room: int, padding: int, flexible: dict[int, int]) -> list[int]:
    """Each column's width: its natural one, unless the table would be wider than `room`;
    then the `flexible` columns (index: least width) give up cells in proportion to what
    they can spare, until it fits or they are at their least."""
    widths = list(natural)
    excess = sum(widths) + padding * len(widths) - room
    spare = {i: max(0, widths[i] - least) for i, least in flexible.items()}
    if excess <= 0 or not sum(spare.values()):
        return widths
    total, given = sum(spare.values()), 0
    for n, (i, can) in enumerate(sorted(spare.items())):
        cut = min(can, excess - given) if n == len(spare) - 1 else min(can, excess * can // total)
        widths[i] -= cut
        given += cut
    return widths


class RowTable(DataTable):
    """A row cursor, striped; Home and End go to the first and the last row.

    DataTable's own Home and End scroll sideways; on a list they looked dead, and a key
    pressed next acted on the row still under the cursor.
    """

    BINDINGS = [Binding("home", "scroll_top", N_("First row"), show=False),
                Binding("end", "scroll_bottom", N_("Last row"), show=False)]

    PAGE = 100  # rows added at a time: a call list of 1,100 took half a second to add whole

    def __init__(self, **options) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **options)
        self.shown: tuple | None = None  # what fill() was given: filled again at another size
        self.waiting: list[tuple[list[Text], str]] = []  # rows not added yet: they come as the cursor nears them

    def fill(self, headers: Sequence[str], rows: Sequence[Sequence[str | Text]], keys: Sequence[str],
             flexible: dict[int, int], cursor: int | None = None) -> None:
        """The whole list, every column as wide as its widest cell, while the table fits its
        width; when it would not, the `flexible` columns (index: least width) narrow first,
        their text ending in "…", so the others keep their headers and values whole. The
        cursor goes to row `cursor` (None: stays on its row); the table is filled again when
        its size changes."""
        cells = [[cell if isinstance(cell, Text) else Text(str(cell)) for cell in line] for line in rows]
        self.shown = (headers, cells, keys, flexible)
        row = self.cursor_row if cursor is None else cursor
        self.waiting = []  # the rows of the last fill: clearing moves the cursor, which adds waiting rows
        self.clear(columns=True)
        for header, width in zip(headers, self.widths(headers, cells, flexible), strict=True):
            self.add_column(header, width=width)  # wide enough for every row, those still to come too
        lines = []
        for line, key in zip(cells, keys, strict=True):
            line = list(line)
            for i in flexible:
                line[i] = line[i].copy()
                line[i].no_wrap, line[i].overflow = True, "ellipsis"
            lines.append((line, key))
        self.waiting = lines
        if rows:
            row = min(max(row, 0), len(rows) - 1)
            self.add_up_to(row + self.PAGE)
            self.move_cursor(row=row)

    def _update_dimensions(self, new_rows) -> None:
        # DataTable widens auto-width columns for new rows on its next idle moment, but keeps
        # the lines it drew before under the same cache key: a header drawn between adding
        # the rows and that moment stayed as narrow as its labels, out of line with the rows
        # beneath it (seen on Home's results, its ids' column). A new key draws them afresh.
        super()._update_dimensions(new_rows)
        self._update_count += 1

    def add_up_to(self, count: int) -> None:
        """Add the waiting rows until `count` rows are in the table (or none waits)."""
        if count <= self.row_count or not self.waiting:
            return
        coming, self.waiting = self.waiting[:count - self.row_count], self.waiting[count - self.row_count:]
        for line, key in coming:
            self.add_row(*line, key=key)

    def watch_cursor_coordinate(self, old, new) -> None:
        super().watch_cursor_coordinate(old, new)
        if self.waiting and new.row >= self.row_count - self.size.height:  # the next page before it is needed
            self.add_up_to(self.row_count + self.PAGE)

    def action_scroll_bottom(self) -> None:
        self.add_up_to(self.row_count + len(self.waiting))
        super().action_scroll_bottom()

    def action_page_down(self) -> None:
        self.add_up_to(self.cursor_row + 2 * max(self.size.height, 1) + self.PAGE)
        super().action_page_down()

    def widths(self, headers: Sequence[str], cells: Sequence[Sequence[Text]], flexible: dict[int, int]) -> list[int]:
        """The columns' widths at the table's size now (see fill)."""
        natural = [max([len(header)] + [line[i].cell_len for line in cells]) for i, header in enumerate(headers)]
        scrollbar = self.size.height and len(cells) >= self.size.height  # more rows than it shows under its header
        room = self.size.width - (self.styles.scrollbar_size_vertical if scrollbar else 0)
        return fitted_widths(natural, room, 2 * self.cell_padding, flexible) if room > 0 else natural

    def on_resize(self) -> None:
        """Filled again when the table's size changes its columns' widths (not for every Resize:
        one comes for the rows' own size too, after each fill)."""
        if self.shown is None:
            return
        headers, cells, _keys, flexible = self.shown
        if self.widths(headers, cells, flexible) != [column.width for column in self.columns.values()]:
            self.fill(*self.shown)
