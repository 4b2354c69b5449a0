"""No English word on a Russian screen (issue 17): every screen, dialog, the palette and F1.

The demo studio in Russian, walked by the keys a person presses at 120×36 and at 80×24:
F2 with the preview and a card on each of its tabs, F3 with the brief of each kind of
call, F4, F6, F7, F9; the dialogs each of them opens (a problem typed into each, so its
sentence is read too); the command palette with a query that finds nothing; F1 beside a
table, a field and a notes box; the toasts. At each step every widget on the screen in
front is read: its rendered text, a table's headers and every cell, a list's options, a
field's placeholder and value, the footer's and F1's descriptions (their keys are keys).

A Latin word fails unless it is the studio's own data (the book's names, services,
masters, notes, tags, sources, formulas… everything but the codes the interface
translates: tracks, channels, outcomes, statuses), a proper name or a code on the short
list below, or a single letter (a key: "u вернёт", F1, ^n). Every failure is listed with
where it was seen.
"""
from __future__ import annotations

import re
import shutil
import sqlite3
from contextlib import closing
from datetime import datetime, time

import pytest
from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.geometry import Region
from textual.widgets import DataTable, Input, OptionList, TabbedContent, TextArea
from textual.widgets._footer import FooterKey
from textual.widgets._key_panel import BindingsTable

from clientbook import i18n
from clientbook.services.book import open_book
from clientbook.services.demo import generate_demo
from clientbook.services.visits import NewVisit, add_visit
from clientbook.tui.app import ClientbookApp
from clientbook.tui.screens.calls import CallsScreen
from clientbook.tui.screens.card import CardScreen
from clientbook.tui.screens.catalog import CatalogScreen
from clientbook.tui.screens.home import HomeScreen
from clientbook.tui.screens.reports import ReportsScreen
from clientbook.tui.screens.settings import SettingsScreen
from clientbook.tui.screens.today import TodayScreen
from clientbook.tui.widgets.ask import Ask, Choose
from clientbook.tui.widgets.case_form import CaseForm
from tests.ui.pilot import TODAY, focused_on, shown, until

SIZES = {"120x36": (120, 36), "80x24": (80, 24)}

# Latin words a Russian screen may hold besides the studio's own data, each with its reason.
PROPER_NAMES = {
    "WhatsApp": "a messenger's name", "Telegram": "a messenger's name", "Viber": "a messenger's name",
    "Excel": "a program's name", "CSV": "a file format's name", "vCard": "a file format's name",
    "JSON": "a file format's name",
    "xlsx": "a file's extension, named for the file to give", "csv": "a file's extension",
    "vcf": "a file's extension", "clientbook": "the program's name",
    "LTV": "the measure's name in the Russian retention literature the product follows",
    "CRR": "the measure's name in the Russian retention literature the product follows",
    "RU": "a country code typed into the phone region setting", "BY": "a country code, as RU",
    "KZ": "a country code, as RU", "en": "a language code typed into the language setting",
    "ru": "a language code, as en", "lang": "the command-line option --lang, as typed",
    "backups": "the folder the backups are written to, by its name on disk",
}
# The names printed on the keys: a sentence names the key to press ("Enter — сохранить").
# The footer's and F1's key columns are not read at all; these are for sentences.
KEY_NAMES = {name for key in ("ctrl", "shift", "alt", "tab", "enter", "escape", "esc", "home", "end", "delete",
                               "backspace", "space") for name in (key, key.capitalize())}
# What a Russian screen writes otherwise: a date as «22 ноября», «22.11.2026» (never 2026-11-22
# or a birthday's --11-22), a decimal comma («1,5», «87,7 %»). A day and month («22.11») has
# two digits after its point, a decimal here one, or a share's leading zero; a period of
# days («1.10.2026-31.10.2026») is not an ISO date.
ENGLISH_FORMATS = (re.compile(r"(?<![\d.])\d{4}-\d{2}(-\d{2})?(?![\d.])"), re.compile(r"--\d{2}-\d{2}"),
                   re.compile(r"(?<![\d.])\d+\.\d(?![\d.])"), re.compile(r"(?<![\d.])0\.\d+"))
KEYS_DESCRIBED = " (what a key does)"
LATIN = re.compile(r"[A-Za-z]+")
# The book's columns that hold what the studio wrote; codes (a service's category, a
# channel, an outcome, a status) are left out: the interface shows them translated.
BOOK_TEXT = (
    "SELECT first_name, last_name, patronymic, address_as, email, external_id, source, alerts, notes, "
    "expectations FROM clients",
    "SELECT name FROM services", "SELECT name FROM masters", "SELECT name FROM tags",
    "SELECT formula, materials, notes, liked, disliked, aftercare, products_sold, next_suggestion, feedback "
    "FROM visits",
    "SELECT topic, text FROM preferences", "SELECT text, answer FROM talking_points",
    "SELECT note, offer, would_return FROM contacts", "SELECT text, resolution FROM complaints",
    "SELECT title FROM courses", "SELECT name FROM reasons WHERE NOT builtin", "SELECT value FROM settings WHERE key != 'book_id'",
)


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory):
    """The demo studio, with two sessions today (the demo's Sunday has none) for F4's keys."""
    path = tmp_path_factory.mktemp("demo") / "studio.db"
    database = open_book(path)
    generate_demo(database, clients=120, seed=4, today=TODAY)
    for client_id, hour in ((a_full_card(path), 11), (1, 15)):
        add_visit(database, client_id, NewVisit(datetime.combine(TODAY, time(hour)), ("Маникюр без покрытия",),
                                                "Ольга Смирнова", status="planned"), today=TODAY)
    database.close()
    return path


@pytest.fixture
def russian():
    i18n.set_language("ru")  # before the app composes: its words are read then
    yield
    i18n.set_language("en")


def studio_words(path, *more: str) -> set[str]:
    """Every Latin word the studio wrote into its book (and the file names a test typed)."""
    with closing(sqlite3.connect(path)) as connection:
        texts = [str(value) for sql in BOOK_TEXT for row in connection.execute(sql) for value in row
                 if value is not None]
    return {word for text in (*texts, *more) for word in LATIN.findall(text)}


def a_declined_call(path) -> int:
    """A client who declined on a call, with the reason."""
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("SELECT client_id FROM contacts WHERE outcome = 'declined' "
                                  "AND reason_id IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]


def a_full_card(path) -> int:
    """A client whose card has it all to show: a birthday without the year, visits on two
    tracks, calls, a talking point to ask about (F4's «a» answers it)."""
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("""
            SELECT c.id FROM clients c
            WHERE c.birth_year IS NULL AND c.birth_month IS NOT NULL
              AND EXISTS (SELECT 1 FROM contacts k WHERE k.client_id = c.id AND k.channel = 'call')
              AND EXISTS (SELECT 1 FROM talking_points t WHERE t.client_id = c.id AND t.ask_next_time = 1)
              AND (SELECT count(DISTINCT s.category) FROM visits v
                   JOIN visit_services vs ON vs.visit_id = v.id JOIN services s ON s.id = vs.service_id
                   WHERE v.client_id = c.id AND v.status = 'done') >= 2
            ORDER BY c.id LIMIT 1""").fetchone()[0]


# -- reading the screen ------------------------------------------------------------------------


def plain(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Text):
        return value.plain
    if isinstance(value, Content):
        return value.plain
    if isinstance(value, Align):
        return plain(value.renderable)
    return str(value)


def drawn(widget) -> str:
    """What the widget draws in its region now."""
    width, height = widget.outer_size  # with its padding and border: a label's last letter too
    if not width or not height:
        return ""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def screen_texts(app) -> list[tuple[str, str]]:
    """(where, text) for what the screen in front shows, and for the toasts."""
    found = []
    for widget in app.screen.query("*"):
        where = f"{type(widget).__name__}#{widget.id or ''}"
        if isinstance(widget, DataTable):
            found.append((where + " headers", "  ".join(plain(c.label) for c in widget.columns.values())))
            found += [(f"{where} row {r}", "  ".join(plain(cell) for cell in widget.get_row_at(r)))
                      for r in range(widget.row_count)]
        elif isinstance(widget, OptionList):
            found += [(f"{where} option {i}", plain(widget.get_option_at_index(i).prompt))
                      for i in range(widget.option_count)]
        elif isinstance(widget, Input):
            found += [(where + " placeholder", widget.placeholder), (where + " value", widget.value)]
        elif isinstance(widget, TextArea):
            found += [(where + " placeholder", plain(widget.placeholder)), (where + " text", widget.text)]
        elif isinstance(widget, FooterKey):
            found.append((where + KEYS_DESCRIBED, widget.description))  # its key is a key
        elif isinstance(widget, BindingsTable):
            table = widget.render()  # F1: keys, then what each does
            found += [(where + KEYS_DESCRIBED, plain(cell)) for cell in table.columns[1].cells]
        elif not widget.children:
            found.append((where, drawn(widget)))
    found += [("toast", f"{n.title or ''} {n.message}") for n in app._notifications]
    return found


class Walk:
    """What was seen, step by step; the Latin words no rule allows."""

    def __init__(self, app, allowed: set[str]):
        self.app, self.allowed = app, allowed
        self.seen: list[tuple[str, str, str]] = []

    def look(self, step: str) -> None:
        self.seen += [(step, where, text) for where, text in screen_texts(self.app)]

    def foreign(self) -> list[str]:
        """Each Latin word no rule allows, once per word and place, and each kind of English
        format (an ISO date, a decimal point) once per place, with where it was seen."""
        failures = {}
        for step, where, text in self.seen:
            place = re.sub(r" (row|option) \d+", "", where)  # one line for a word in a whole table
            keys = set() if KEYS_DESCRIBED in where else KEY_NAMES  # "Home" is a key's name, not its description
            found = [(word, word) for word in LATIN.findall(text)
                     if not (len(word) == 1 or word in self.allowed or word in PROPER_NAMES or word in keys)]
            found += [(match.group(), pattern.pattern) for pattern in ENGLISH_FORMATS for match in pattern.finditer(text)]
            for word, kind in found:
                failures.setdefault((kind, place), f"{word!r} — {step} / {where}: {text.strip()[:100]!r}")
        return sorted(failures.values())


# -- walking ------------------------------------------------------------------------------------


def on(app, kind) -> bool:
    return isinstance(app.screen, kind)


async def settled(pilot, check, what: str) -> None:
    """Until check() is true (`until` passes on anything but False: an empty text would do)."""
    await until(pilot, lambda: bool(check()), what=what)


async def dialog(pilot, walk: Walk, step: str, *keys: str, kind=None, then=(), problem: str = "") -> None:
    """Press `keys`, look at the dialog they open; type `then` and look at the `problem` it shows; Escape."""
    app = pilot.app
    beneath = app.screen
    await pilot.press(*keys)
    await settled(pilot, lambda: app.screen is not beneath and (kind is None or on(app, kind)),
                  f"the dialog of {step}")
    await pilot.pause(0)  # its compose has run
    walk.look(step)
    if then:
        await pilot.press(*then)
        await settled(pilot, lambda: "shown" in app.screen.query_one(problem).classes
                    or shown(app, problem).strip(), what=f"the problem in {step}")
        walk.look(step + ", a problem typed")
    await pilot.press("escape")
    await settled(pilot, lambda: app.screen is beneath, what=f"back from {step}")


async def toast(pilot, walk: Walk, step: str, key: str) -> None:
    """Press `key`, look at the toast it brings."""
    app = pilot.app
    before = {n.identity for n in app._notifications}
    await pilot.press(key)
    await settled(pilot, lambda: {n.identity for n in app._notifications} - before, f"the toast of {step}")
    walk.look(step)


async def help_panel(pilot, walk: Walk, step: str) -> None:
    app = pilot.app
    await pilot.press("f1")
    await settled(pilot, lambda: app.screen.query("HelpPanel BindingsTable"), what="F1's keys")
    walk.look(step + ", F1")
    await pilot.press("f1")
    await settled(pilot, lambda: not app.screen.query("HelpPanel"), what="F1's keys to hide")


def rows(app, selector: str) -> int:
    return app.screen.query_one(selector, DataTable).row_count


async def clients_and_card(pilot, walk: Walk, client_id: int, file: str) -> None:
    app = pilot.app
    await settled(pilot, lambda: on(app, HomeScreen) and "studio.db" in shown(app, "#summary")
                and rows(app, "#results"), what="the client list")
    walk.look("F2")
    await help_panel(pilot, walk, "F2, the search box")
    await pilot.press("down")
    await settled(pilot, lambda: "open" in app.screen.query_one("#card-panel").classes
                and shown(app, "#card").strip(), what="the preview")
    walk.look("F2, the preview")
    await help_panel(pilot, walk, "F2, the list")
    await toast(pilot, walk, "ctrl+c, which quits other programs", "ctrl+c")
    await pilot.press("escape", "escape")
    await focused_on(pilot, "#search", Input)
    await dialog(pilot, walk, "ctrl+n, a new client", "ctrl+n", then=("ctrl+s",), problem="#problem-name")
    await dialog(pilot, walk, "ctrl+o, import", "ctrl+o", then=(*file, "enter"), problem="#import-result")

    app.push_screen(CardScreen(client_id))
    await settled(pilot, lambda: on(app, CardScreen) and f"#{client_id}" in shown(app, "#card-title")
                and shown(app, "#overview").strip(), what="the card")
    walk.look("the card")
    tabs = app.screen.query_one("#card-tabs", TabbedContent)
    tabs.active = "tab-details"
    await settled(pilot, lambda: app.screen.query_one("#field-first_name", Input).value, what="the details")
    walk.look("the card's Details")
    app.screen.query_one("#field-alerts", TextArea).focus()
    await help_panel(pilot, walk, "the card's Details, a notes box")
    app.screen.query_one("#field-birthday", Input).focus()
    await help_panel(pilot, walk, "the card's Details, a field")
    app.screen.query_one("#field-birthday", Input).value = "31.02"
    await pilot.press("ctrl+s")
    await settled(pilot, lambda: shown(app, "#problem-birthday").strip(), what="the birthday's problem")
    walk.look("the card's Details, a bad birthday")
    tabs.active = "tab-visits"
    await settled(pilot, lambda: rows(app, "#visits"), what="the visits")
    app.screen.query_one("#visits", DataTable).focus()
    walk.look("the card's Visits")
    await dialog(pilot, walk, "a visit's status, s", "s", kind=Choose)
    await dialog(pilot, walk, "deleting a visit, x", "x", kind=Choose)
    await dialog(pilot, walk, "correcting a visit, e", "e")
    tabs.active = "tab-calls"
    await settled(pilot, lambda: rows(app, "#contacts"), what="the calls")
    walk.look("the card's Calls")
    tabs.active = "tab-overview"
    await dialog(pilot, walk, "a visit, v", "v", then=(*"когда-то", "ctrl+s"), problem="#problem")
    await dialog(pilot, walk, "a preference, p", "p", kind=Ask, then=("enter",), problem="#problem")
    await dialog(pilot, walk, "a talking point, t", "t", kind=Ask, then=("enter",), problem="#problem")
    await dialog(pilot, walk, "the interval, i", "i", kind=Ask, then=(*"раз", "enter"), problem="#problem")
    await dialog(pilot, walk, "the talking points, T", "T", kind=Choose)
    await dialog(pilot, walk, "a course, o", "o", kind=Ask, then=(*"нет такой", "enter"), problem="#problem")
    await dialog(pilot, walk, "bonuses, b", "b", kind=Choose)
    await dialog(pilot, walk, "the win-back case, w", "w", kind=CaseForm)
    await dialog(pilot, walk, "a complaint, c", "c", kind=Choose)
    await pilot.press("c")
    await settled(pilot, lambda: on(app, Choose), what="a complaint's kind")
    await pilot.press("enter")
    await settled(pilot, lambda: on(app, Choose) and "визит" in app.screen.prompt, what="a complaint's visit")
    walk.look("a complaint's visit, c then Enter")
    await pilot.press("escape")
    await settled(pilot, lambda: on(app, CardScreen), what="back from a complaint's visit")
    await toast(pilot, walk, "leaving with unsaved details", "escape")  # a warning first
    await pilot.press("escape")
    await settled(pilot, lambda: on(app, HomeScreen), what="back on the list")

    app.push_screen(CardScreen(a_declined_call(app.book_path)))
    await settled(pilot, lambda: on(app, CardScreen) and shown(app, "#overview").strip(), "a card with a refusal")
    app.screen.query_one("#card-tabs", TabbedContent).active = "tab-calls"
    await settled(pilot, lambda: rows(app, "#contacts"), what="the calls")
    walk.look("the Calls tab of a client who declined")
    await pilot.press("escape")
    await settled(pilot, lambda: on(app, HomeScreen), what="back on the list")


async def calls(pilot, walk: Walk) -> None:
    app = pilot.app
    await pilot.press("f3")
    await settled(pilot, lambda: on(app, CallsScreen) and rows(app, "#calls") and shown(app, "#brief").strip(),
                what="the call list")
    screen = app.screen
    seen_reasons = set()
    for index, item in enumerate(screen.items):
        if item.reason in seen_reasons:
            continue
        seen_reasons.add(item.reason)
        screen.query_one("#calls", DataTable).move_cursor(row=index)
        await settled(pilot, lambda item=item: screen.current_brief and screen.current_brief[0].id == item.id
                    and item.name in shown(app, "#brief"), what=f"the brief of a {item.reason} call")
        walk.look(f"F3, a {item.reason} call")
    screen.query_one("#calls", DataTable).move_cursor(row=0)
    await settled(pilot, lambda: screen.current_brief and screen.current_brief[0].id == screen.items[0].id,
                what="the first brief")
    await help_panel(pilot, walk, "F3")
    await dialog(pilot, walk, "booking, b", "b")
    await dialog(pilot, walk, "declined, d", "d", kind=Choose)
    await dialog(pilot, walk, "call back, r", "r", kind=Ask, then=(*"когда-нибудь", "enter"), problem="#problem")
    await dialog(pilot, walk, "wrong number, w", "w", kind=Choose)
    await dialog(pilot, walk, "do not contact, x", "x", kind=Choose)
    await toast(pilot, walk, "F3, no answer recorded", "n")
    await toast(pilot, walk, "F3, undone", "u")
    await toast(pilot, walk, "F3, the message copied", "c")


async def today(pilot, walk: Walk) -> None:
    app = pilot.app
    await pilot.press("f4")
    await settled(pilot, lambda: on(app, TodayScreen) and shown(app, "#today-title").strip()
                and rows(app, "#sessions") and shown(app, "#today-brief").strip(), what="Today")
    walk.look("F4")
    await help_panel(pilot, walk, "F4")
    await dialog(pilot, walk, "whose sessions, m", "m", kind=Choose)
    await dialog(pilot, walk, "cancelling a session, x", "x", kind=Choose)
    await toast(pilot, walk, "F4, came", "d")
    await toast(pilot, walk, "F4, undone", "u")
    await dialog(pilot, walk, "F4, the answer to a talking point, a", "a", kind=Ask)


async def reports(pilot, walk: Walk) -> None:
    app = pilot.app
    await pilot.press("f6")
    await settled(pilot, lambda: on(app, ReportsScreen) and app.screen.query(".report-table"), what="the reports")
    walk.look("F6")
    await dialog(pilot, walk, "the period, p", "p", kind=Ask, then=(*"давно", "enter"), problem="#problem")


async def price_list(pilot, walk: Walk) -> None:
    app = pilot.app
    await pilot.press("f7")
    await settled(pilot, lambda: on(app, CatalogScreen) and rows(app, "#services") and rows(app, "#masters"),
                what="the price list")
    await focused_on(pilot, "#services", DataTable)
    walk.look("F7")
    await help_panel(pilot, walk, "F7")
    await dialog(pilot, walk, "a new service", "ctrl+n", then=("ctrl+s",), problem="#problem")
    await dialog(pilot, walk, "editing a service", "e")
    await pilot.press("tab")
    await focused_on(pilot, "#masters", DataTable)
    await dialog(pilot, walk, "a new master", "ctrl+n", then=("ctrl+s",), problem="#problem")
    await dialog(pilot, walk, "editing a master", "e")
    await dialog(pilot, walk, "merging a master", "m", kind=Choose)


async def settings(pilot, walk: Walk) -> None:
    app = pilot.app
    await pilot.press("f9")
    await settled(pilot, lambda: on(app, SettingsScreen) and app.screen.query_one("#value-tier_due", Input).value,
                what="the settings")
    walk.look("F9")
    await help_panel(pilot, walk, "F9")
    field = app.screen.query_one("#value-tier_due", Input)
    field.focus()
    field.value = "много"
    await pilot.press("enter")
    await settled(pilot, lambda: shown(app, "#problem-tier_due").strip(), what="the setting's problem")
    walk.look("F9, a bad value")
    await pilot.press("escape")


async def palette(pilot, walk: Walk) -> None:
    app = pilot.app
    await pilot.press("ctrl+p")
    await settled(pilot, lambda: on(app, CommandPalette) and app.screen.query_one(CommandList).option_count,
                what="the palette")
    walk.look("the palette")
    await pilot.press(*"щщщщ")
    await settled(pilot, lambda: app.screen.query_one(CommandList).option_count
                and app.screen.query_one(CommandList).get_option_at_index(0).disabled, what="nothing found")
    walk.look("the palette, nothing found")
    await pilot.press(*["backspace"] * 4, *"цвета")
    await settled(pilot, lambda: app.screen.query_one(CommandList).option_count
                  and not app.screen.query_one(CommandList).get_option_at_index(0).disabled, "the Colours command")
    await pilot.press("enter")
    await settled(pilot, lambda: on(app, CommandPalette) and app.screen.query_one(CommandList).option_count > 3,
                  "the colour themes")
    walk.look("the colour themes")
    await pilot.press("escape")
    await settled(pilot, lambda: not on(app, CommandPalette), "the palette to close")


@pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))
async def test_no_english_word_on_a_russian_screen(demo_master, tmp_path, monkeypatch, russian, size):
    shutil.copy(demo_master, tmp_path / "studio.db")
    monkeypatch.chdir(tmp_path)
    file = tmp_path / "клиенты.csv"
    file.write_text("Имя,Телефон\nАнна Петрова,8 916 555-44-33\n", encoding="utf-8")
    client_id = a_full_card("studio.db")
    app = ClientbookApp(open_book("studio.db"), "studio.db", TODAY)
    themes = " ".join(app.available_themes)  # the colour themes' own names: Nord, Gruvbox, textual-dark…
    walk = Walk(app, studio_words("studio.db", str(file), "studio.db", themes))
    async with app.run_test(size=size) as pilot:
        await clients_and_card(pilot, walk, client_id, str(file))
        await calls(pilot, walk)
        await today(pilot, walk)
        await reports(pilot, walk)
        await price_list(pilot, walk)
        await settings(pilot, walk)
        await palette(pilot, walk)
    failures = walk.foreign()
    assert not failures, f"{len(failures)} English words on Russian screens:\n" + "\n".join(failures)


def test_the_walk_sees_an_english_word():
    """The check itself: a raw track code, an ISO date and a decimal point are caught; the
    studio's own Latin words, proper names, keys and Russian formats are not."""
    walk = Walk(None, {"Igora", "Royal"})
    walk.seen = [("F3", "DataTable#calls row 0", "пора  23.11  Анна  nails"),
                 ("F3", "DataTable#calls row 1", "пора  23.11 15:00  Анна  ногти"),
                 ("the card", "Static#overview", "Igora Royal 7-1, WhatsApp, u вернёт, ctrl+s, 1.12.2026, «1,5»"),
                 ("F6", "DataTable# row 0", "2026-09  76  2.6 %"),
                 ("F9", "Input#value-tier_due value", "0.85"),
                 ("F1", "BindingsTable#" + KEYS_DESCRIBED, "Home")]
    assert walk.foreign() == ["'0.85' — F9 / Input#value-tier_due value: '0.85'",
                              "'2.6' — F6 / DataTable# row 0: '2026-09  76  2.6 %'",
                              "'2026-09' — F6 / DataTable# row 0: '2026-09  76  2.6 %'",
                              "'Home' — F1 / BindingsTable# (what a key does): 'Home'",
                              "'nails' — F3 / DataTable#calls row 0: 'пора  23.11  Анна  nails'"]
