"""A list's columns at any width: the flexible ones narrow first (calls, Today), the rest stay whole."""
from __future__ import annotations

import pytest

from clientbook.tui.widgets.row_table import fitted_widths


@pytest.mark.parametrize("natural, room, flexible, widths", [
    ([14, 11, 31, 12, 4], 200, {2: 14}, [14, 11, 31, 12, 4]),  # room enough: as wide as their cells
    ([14, 11, 31, 12, 4], 74, {2: 14}, [14, 11, 23, 12, 4]),  # the name gives up what the others need
    ([14, 11, 31, 12, 4], 40, {2: 14}, [14, 11, 14, 12, 4]),  # never under its least: the table scrolls
    ([5, 28, 14, 28, 14], 74, {1: 16, 3: 12}, [5, 18, 14, 13, 14]),  # two give up in proportion
])
def test_flexible_columns_give_up_room(natural, room, flexible, widths):
    assert fitted_widths(natural, room, 2, flexible) == widths
