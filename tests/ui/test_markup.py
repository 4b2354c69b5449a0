"""Names are never markup: a client's name, notes and records are shown as they were typed.

The book below is full of text that Rich/Textual markup would eat ("[b]…[/b]" turns bold
and loses its brackets; "[link=x]" becomes a link; a lone "[/]" fails to parse and used to
bring the screen down). Every screen and dialog that shows such text must show the
brackets, as a person reads them on the terminal.
"""
from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input, OptionList, TabbedContent
from textual.widgets._toast import Toast

from clientbook.errors import UserError
from clientbook.services.book import open_book
from clientbook.services.client_edit import add_preference, add_talking_point
from clientbook.services.clients import NewClient, add_client
from clientbook.services.contacts import Outcome, record_contact
from clientbook.services.figures import refresh_clients
from clientbook.services.settings import change_setting
from clientbook.services.visits import NewVisit, insert_visit
from clientbook.tui.screens.base import ask_book
from clientbook.tui.screens.card import CardScreen
from tests.ui.pilot import TODAY, make_app, until

FIRST, LAST = "[b]Ann[/b]", "[red]X[/red]"
NAME = f"{LAST} {FIRST}"  # surname first, as the lists show it
OTHER = "[/] [b]Bo[/b]"  # a second client, due for a call: a lone "[/]" in her surname
ALERT = "[b]latex[/b] [/]"
NOTE = "[link=x]y[/link]"
PREFERENCE = "[i]coffee[/i]"
POINTS = ("[b]wedding[/b]", "[u]dog[/u] [/]")
MASTER = "[green]Olga[/green]"
SERVICE = "[i]Gel[/i]"
TRACK = "[s]nails[/s]"
FORMULA = "[dim]Kodi[/dim]"
SOURCE = "[blink]Insta[/blink]"
STUDIO_ID = "[x]7"
REASON = "[b]moved[/b] [/]"
CHANNEL = "[tg]"
CALL_NOTE = "[i]after 6[/i]"
STUDIO = "[b]Studio[/b]"

SIZE = (180, 60)


@pytest.fixture
def odd_book(book_path):
    """Ann is pencilled in for today (to confirm); Bo is due; Dee declined for an odd reason."""
    database = open_book(book_path)
    track = {SERVICE: TRACK}
    ann = add_client(database, NewClient(FIRST, LAST, phone="8 916 000-00-01", alerts=ALERT, notes=NOTE,
                                         source=SOURCE, external_id=STUDIO_ID))
    bo = add_client(database, NewClient("[b]Bo[/b]", "[/]", phone="8 916 000-00-02"))
    for client in (ann, bo):
        for k in range(4):
            insert_visit(database, client, NewVisit(datetime(2026, 10, 8, 11) - timedelta(days=28 * k), (SERVICE,),
                                                    master=MASTER, price_cents=200000,
                                                    formula=FORMULA if k == 0 else ""), track)
    insert_visit(database, ann, NewVisit(datetime(2026, 11, 22, 15), (SERVICE,), master=MASTER, status="tentative"))
    add_preference(database, ann, PREFERENCE)
    for point in POINTS:
        add_talking_point(database, ann, point, TODAY)
    record_contact(database, ann, datetime(2026, 11, 20, 12), Outcome("no_answer", note=CALL_NOTE, channel=CHANNEL))
    database.execute_sql("INSERT INTO reasons (code, name, name_ru) VALUES ('odd', ?, ?)", (REASON, REASON))
    dee = add_client(database, NewClient("Dee", "Dee", phone="8 916 000-00-03"))
    insert_visit(database, dee, NewVisit(datetime(2026, 9, 1, 11), (SERVICE,), master=MASTER))
    record_contact(database, dee, datetime(2026, 11, 20, 12), Outcome("declined", reason="odd"))
    refresh_clients(database, [ann, bo, dee])
    change_setting(database, "studio_name", STUDIO)
    database.close()
    return book_path


def screen_text(app, within: str = "") -> str:
    """The terminal as a person reads it (a dialog over a screen too), no styles; `within`: only
    the cells of that widget of the current screen."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False,
                      force_terminal=True, color_system=None)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    lines = console.export_text().splitlines()
    if within:
        region = app.screen.query_one(within).region
        lines = [line[region.x:region.right] for line in lines[region.y:region.bottom]]
    return "\n".join(line.rstrip() for line in lines)


def toasts(app) -> list[str]:
    """The notifications on show, as rendered."""
    return [str(toast.render()) for toast in app.screen.query(Toast)]


async def sees(pilot, *texts: str, within: str = "") -> None:
    """Until the screen (or the widget `within`) shows every one of `texts`, brackets and all."""
    def there() -> str:
        try:
            return "\n".join(line for line in screen_text(pilot.app, within).splitlines() if line.strip())
        except Exception as error:  # the widget is not there
            return repr(error)

    await until(pilot, lambda: all(text in screen_text(pilot.app, within) for text in texts),
                what=f"{within or 'the screen'} to show {texts!r}", show=there)


async def told(pilot, text: str) -> None:
    """Until a notification on show says `text`, brackets and all."""
    await until(pilot, lambda: any(text in toast for toast in toasts(pilot.app)),
                what=f"a notification saying {text!r}", show=lambda: toasts(pilot.app))


def started(odd_book, size=SIZE):
    """The app on the odd book, its notifications on show (run_test hides them by default)."""
    return make_app(odd_book).run_test(size=size, notifications=True)


async def open_card(pilot) -> TabbedContent:
    pilot.app.push_screen(CardScreen(1))
    await until(pilot, lambda: pilot.app.screen.found is not None, what="the card to be read")
    return pilot.app.screen.query_one("#card-tabs", TabbedContent)


async def test_clients_list_search_and_card_panel(odd_book):
    async with started(odd_book) as pilot:
        await sees(pilot, STUDIO, within="#summary")
        await sees(pilot, NAME, STUDIO_ID, OTHER, within="#results")
        await pilot.press(*"Ann")
        await until(pilot, lambda: pilot.app.screen.query_one("#results", DataTable).row_count == 1)
        await sees(pilot, NAME, STUDIO_ID, within="#results")
        await pilot.press("enter")  # the card beside the list
        await sees(pilot, f"⚠ {ALERT}", NAME, NOTE, PREFERENCE, *POINTS, TRACK, within="#card")


async def test_card_overview_and_details(odd_book):
    async with started(odd_book) as pilot:
        tabs = await open_card(pilot)
        await sees(pilot, f"{NAME}  #1", within="#card-title")
        await sees(pilot, f"⚠ {ALERT}", f"{NAME}  #1 · {STUDIO_ID}", NOTE, PREFERENCE, *POINTS, TRACK,
                   within="#overview")
        tabs.active = "tab-details"
        await sees(pilot, FIRST, LAST, ALERT, SOURCE, STUDIO_ID, within="#details")


async def test_card_visits(odd_book):
    async with started(odd_book) as pilot:
        tabs = await open_card(pilot)
        tabs.active = "tab-visits"
        await sees(pilot, SERVICE, MASTER, FORMULA, within="#visits")


async def test_card_calls(odd_book):
    async with started(odd_book) as pilot:
        tabs = await open_card(pilot)
        tabs.active = "tab-calls"
        await sees(pilot, CHANNEL, CALL_NOTE, within="#contacts")


async def test_card_refusal_quotes_what_was_typed(odd_book):
    async with started(odd_book) as pilot:
        tabs = await open_card(pilot)
        tabs.active = "tab-details"
        await until(pilot, lambda: pilot.app.screen.query_one("#field-first_name", Input).value)  # built and filled
        pilot.app.screen.query_one("#field-email", Input).value = "[b]x[/b] [/]"
        await pilot.press("ctrl+s")
        await told(pilot, "“[b]x[/b] [/]”")
        await sees(pilot, "“[b]x[/b] [/]”", within="#problem-email")


async def test_visit_form_quotes_what_was_typed(odd_book):
    async with started(odd_book) as pilot:
        await open_card(pilot)
        await pilot.press("v")
        await until(pilot, lambda: pilot.app.screen.query_one("#services", Input))
        pilot.app.screen.query_one("#when", Input).value = "20.11.2026 11:00"
        pilot.app.screen.query_one("#services", Input).value = "[u]Zz[/u] [/]"
        await pilot.press("ctrl+s")
        await sees(pilot, "[u]Zz[/u] [/]", within="#problem")  # the problem quotes it


async def test_today_sessions_and_brief(odd_book):
    async with started(odd_book) as pilot:
        await pilot.press("f4")
        await sees(pilot, f"⚠ {NAME}", SERVICE, MASTER, within="#sessions")
        await sees(pilot, f"⚠ {ALERT}", NAME, f"Address as: {FIRST}", *POINTS, PREFERENCE, FORMULA,
                   within="#today-brief")


async def test_today_which_talking_point_was_asked(odd_book):
    async with started(odd_book) as pilot:
        await pilot.press("f4")
        await sees(pilot, *POINTS, within="#today-brief")
        await pilot.press("a")  # two talking points: the choice dialog offers both
        await sees(pilot, *POINTS, within="#choices")


async def test_today_whose_sessions(odd_book):
    async with started(odd_book) as pilot:
        await pilot.press("f4")
        await sees(pilot, f"⚠ {NAME}", within="#sessions")
        await pilot.press("m")  # the masters as they are named
        await sees(pilot, MASTER, within="#choices")
        await pilot.press("down", "enter")
        await sees(pilot, f"· {MASTER} · sessions: 1", within="#today-title")
        await sees(pilot, f"⚠ {NAME}", within="#sessions")


async def test_calls_list_and_script(odd_book):
    async with started(odd_book) as pilot:
        await pilot.press("f3")
        await sees(pilot, NAME, OTHER, TRACK, within="#calls")
        await sees(pilot, f"⚠ {ALERT}", NAME, f"“{FIRST}, hello! This is {STUDIO}.", *POINTS, PREFERENCE,
                   FORMULA, within="#brief")  # the brief and the script
        await pilot.press("down")
        await sees(pilot, OTHER, f"“[b]Bo[/b], hello! This is {STUDIO}.", within="#brief")


async def test_calls_why_did_they_decline(odd_book):
    async with started(odd_book) as pilot:
        await pilot.press("f3")
        await sees(pilot, NAME, OTHER, within="#calls")
        await pilot.press("down")
        await sees(pilot, OTHER, within="#brief")
        await pilot.press("d")  # the studio's own reasons are offered too
        await sees(pilot, REASON, within="#choices")
        options = pilot.app.screen.query_one("#choices", OptionList)
        options.highlighted = [o.id for o in options._options].index("odd")
        await pilot.press("enter")
        await until(pilot, lambda: OTHER not in screen_text(pilot.app, "#calls"), what="Bo off the list")
        await sees(pilot, NAME, within="#calls")


async def test_reports_tables(odd_book):
    async with started(odd_book, size=(180, 90)) as pilot:
        await pilot.press("f6")
        await sees(pilot, "Most valuable clients", MASTER, SOURCE, REASON, NAME, within="#report-tables")


async def test_settings_and_its_notification(odd_book):
    async with started(odd_book) as pilot:
        await pilot.press("f9")
        await sees(pilot, STUDIO, within="#value-studio_name")
        box = pilot.app.screen.query_one("#value-studio_name", Input)
        box.focus()
        box.value = "[i]New[/i] [/]"
        await pilot.press("enter")
        await told(pilot, "Studio name = [i]New[/i] [/]")


async def test_import_dialog_and_its_notification(odd_book, tmp_path):
    path = tmp_path / "[i]list[dim].csv"  # no "/" in a file name
    path.write_text("ФИО;Телефон\n[i]Zoe[/i] Smith;8 916 555-00-01\n", encoding="utf-8")
    async with started(odd_book) as pilot:
        await sees(pilot, NAME, within="#results")
        await pilot.press("ctrl+o")
        await until(pilot, lambda: pilot.app.screen.query_one("#import-path", Input))
        pilot.app.screen.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        await sees(pilot, "Dry run of [i]list[dim].csv", within="#import-result")
        await pilot.press("enter")
        await told(pilot, "Imported [i]list[dim].csv")
        await sees(pilot, "[i]Zoe[/i]", within="#results")


async def test_a_refusal_quoting_the_user_is_notified_as_written(odd_book):
    """ask_book turns an expected failure into a notification: its sentence may quote a name."""
    async with started(odd_book) as pilot:
        await sees(pilot, NAME, within="#results")

        def refuse(_database):
            raise UserError(f"“{NAME}” cannot be found {ALERT}")

        screen = pilot.app.screen
        screen.run_worker(lambda: ask_book(screen, refuse, print), thread=True)
        await told(pilot, f"“{NAME}” cannot be found {ALERT}")
