"""A table of rows a person moves through (clients, calls, sessions, visits, the price list)."""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable

from clientbook.tui.translate import translate_bindings


class RowTable(DataTable):
    """A row cursor, striped; Home and End go to the first and the last row.

    DataTable's own Home and End scroll sideways; on a list they looked dead, and a key
    pressed next acted on the row still under the cursor.
    """

    BINDINGS = [Binding("home", "scroll_top", "First row", show=False),
                Binding("end", "scroll_bottom", "Last row", show=False)]

    def __init__(self, **options) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **options)
        translate_bindings(self)  # F1 lists them in the book's language
