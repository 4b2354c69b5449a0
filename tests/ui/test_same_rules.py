"""The command line and the terminal interface refuse the same input with the same sentence:
each rule lives once, in services/ or domain/, and both front ends call it."""
from __future__ import annotations

from click.testing import CliRunner
from textual.widgets import Input, OptionList, Select

from clientbook.cli import cli
from clientbook.tui.screens.card import CardScreen
from tests.conftest import write
from tests.ui.pilot import TODAY, focused_on, make_app, rows, shows

IN_THE_FUTURE = "A visit that took place cannot be in the future; choose booked."
PASSED = "That day has passed; choose today or later."
NOT_AN_INTERVAL = "“0” is not a usual interval: give 1 to 3650 days, or auto for the learned rhythm."


def cli_refuses(path, *args) -> str:
    """What `clientbook ARGS` says on the book at TODAY, refusing: its output."""
    result = CliRunner().invoke(cli, [*map(str, args), "--db", str(path), "--today", TODAY.isoformat()])
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    return result.output


async def open_card(pilot) -> None:
    pilot.app.push_screen(CardScreen(1))
    await shows(pilot, "#overview", "Ёлкина Анна")


async def test_a_usual_interval_out_of_range(due_book):
    said = cli_refuses(due_book, "interval", 1, 0)
    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        await pilot.press("i")
        await focused_on(pilot, "#answer", Input)
        await pilot.press("0", "enter")
        await shows(pilot, "#problem", NOT_AN_INTERVAL)
    assert NOT_AN_INTERVAL in said
    assert rows(due_book, "SELECT interval_override_days FROM clients WHERE id = 1") == [(None,)]


async def test_a_booking_on_a_call_for_a_day_that_has_passed(due_book):
    said = cli_refuses(due_book, "log-call", 1, "--outcome", "booked", "--on", "2026-11-01 10:00")
    app = make_app(due_book)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")
        await shows(pilot, "#brief", "Ёлкина Анна")
        await pilot.press("b")
        await focused_on(pilot, "#booking-slots", OptionList)
        await pilot.press("shift+tab")  # from the free slots to the typed moment
        (await focused_on(pilot, "#booking-when", Input)).value = ""
        await pilot.press(*"01.11.2026 10:00", "enter")
        await shows(pilot, "#booking-problem", PASSED)
    assert f"Error: {PASSED}" in said
    assert rows(due_book, "SELECT count(*) FROM contacts") == [(0,)]


async def test_a_visit_done_tomorrow(due_book, tmp_path):
    visits = write(tmp_path, "visits.csv", "name,date,service,status\nЁлкина Анна,2026-11-23 10:00,Маникюр,done\n")
    said = cli_refuses(due_book, "import", visits)
    app = make_app(due_book)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(pilot)
        await pilot.press("v")
        form = await focused_on(pilot, "#when", Input)
        form.screen.query_one("#status", Select).value = "done"
        form.value = "23.11.2026 10:00"
        form.screen.query_one("#services", Input).value = "Маникюр"
        await pilot.press("ctrl+s")
        await shows(pilot, "#problem", IN_THE_FUTURE)
    assert f"line 2, date: {IN_THE_FUTURE}" in said
    assert rows(due_book, "SELECT count(*) FROM visits WHERE starts_at > '2026-11-22 23:59'") == [(0,)]
