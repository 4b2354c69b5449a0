"""Every screen test starts and ends in English (the language is process-wide); shared books."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.visits import NewVisit, add_visit
from tests.ui.pilot import TODAY


@pytest.fixture
def due_book(book_path):
    """Three regulars every 28 days, due in a known order."""
    database = open_book(book_path)
    for n, (first, last, late) in enumerate([("Анна", "Ёлкина", 45), ("Ольга", "Ким", 40),
                                            ("Мария", "Лось", 35)]):
        cid = add_client(database, NewClient(first, last, phone=f"8 916 000-00-0{n}",
                                             alerts="Аллергия на латекс" if n == 0 else ""))
        for k in range(4):
            add_visit(database, cid, NewVisit(datetime(2026, 11, 22, 11) - timedelta(days=late + 28 * k),
                                              ("Маникюр",), price_cents=200000,
                                              formula="Kodi 70" if k == 0 else ""), {"Маникюр": "nails"},
                      today=TODAY)
    database.close()
    return book_path


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch):
    """A field's cursor stays shown instead of blinking every half second: a snapshot taken
    on a loaded machine caught it either way (the new client's bad phone, one run in ten).
    The blink is Textual's own timer; nothing of ours is left out."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
