"""ctrl+o loads a clientbook JSON export into an empty book as the command line does: the dry
run first, the second Enter loads it; a book with clients refuses it in the dialog."""
from __future__ import annotations

import io

from textual.widgets import Input

from clientbook.services.book import open_book
from clientbook.services.clients import NewClient, add_client
from clientbook.services.exporter import export
from tests.ui.pilot import make_app, rows, until
from tests.ui.test_import_dialog import notified, open_import, read


def studio_export(tmp_path):
    database = open_book(tmp_path / "studio.db")
    add_client(database, NewClient("Анна", "Иванова", phone="+7 916 123-45-67"))
    out = io.StringIO()
    export(database, out, "json")
    database.close()
    path = tmp_path / "studio.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


async def test_a_json_export_loads_into_an_empty_book(tmp_path):
    path, book = studio_export(tmp_path), tmp_path / "laptop.db"
    app = make_app(book)
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_import(pilot)
        app.screen.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        await read(pilot, dialog, "Dry run of studio.json (a whole book, as clientbook exports it): would "
                                  "load clients: 1", "Enter: import this file.")
        assert rows(book, "SELECT count(*) FROM clients") == [(0,)]
        await pilot.press("enter")
        await until(pilot, lambda: notified(app, "Imported studio.json"), what="the import")
    assert rows(book, "SELECT id, last_name, phone FROM clients") == [(1, "Иванова", "+79161234567")]


async def test_a_book_with_clients_refuses_it_in_the_dialog(tmp_path):
    path = studio_export(tmp_path)
    app = make_app(tmp_path / "studio.db")
    async with app.run_test(size=(120, 36)) as pilot:
        dialog = await open_import(pilot)
        app.screen.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        await read(pilot, dialog, "already holds a studio's clients or lists, so nothing was imported")
    assert rows(tmp_path / "studio.db", "SELECT count(*) FROM clients") == [(1,)]
