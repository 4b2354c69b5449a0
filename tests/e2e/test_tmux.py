"""The installed clientbook in a real terminal (tmux): type keys, read the screen."""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
CLIENTBOOK = Path(sys.executable).parent / "clientbook"
TODAY = "2026-11-22"


def clientbook(*args) -> str:
    done = subprocess.run([str(CLIENTBOOK), *map(str, args)], capture_output=True, text=True, check=True)
    return done.stdout


# -- the terminal: type keys, wait for what is then read ----------------------------------------

WAIT = 30.0  # seconds: the deadline of every wait on the screen; generous, the machine may be busy
STEP = 0.1  # seconds between two captures


class Terminal:
    """clientbook in a tmux pane. Waits poll the captured screen for the very text a test then reads:
    never a fixed sleep, never "something was drawn" (the chrome comes before the workers' answers)."""

    def __init__(self, command: str):
        self.name = f"clientbook-e2e-{uuid.uuid4().hex[:8]}"
        # A server of its own: a client someone attached to the default server would size its windows.
        # -u and a UTF-8 locale: Cyrillic typed with send-keys reaches clientbook whole whatever
        # the locale the tests run in (CI may have none).
        self.tmux = ["tmux", "-u", "-L", self.name]
        # The pane waits (cat) until the window has its size, then clientbook replaces it: started
        # at once, it could read the default 80×24 and, on a busy machine, miss the resize.
        # COLUMNS and LINES are left out: pytest-xdist sets them (80×24) in its workers, and
        # Textual would take them over the pane's real size.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, "-x", "120", "-y", "35", "cat"],
                       check=True, env={**env, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
        self.sized(120, 35)
        subprocess.run([*self.tmux, "respawn-pane", "-k", "-t", self.name, command], check=True)
        # Keep the pane when clientbook ends, so a crash leaves its last words to be read.
        subprocess.run([*self.tmux, "set-option", "-t", self.name, "remain-on-exit", "on"], capture_output=True)

    def sized(self, width: int, height: int) -> None:
        """Until the window is width×height: a detached server may first give it its default
        80×24, and clientbook would lay its screens out for that."""
        deadline = time.monotonic() + WAIT
        while True:
            subprocess.run([*self.tmux, "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)],
                           capture_output=True)
            size = subprocess.run([*self.tmux, "display-message", "-p", "-t", self.name,
                                   "#{window_width}x#{window_height}"], capture_output=True, text=True).stdout
            if size.strip() == f"{width}x{height}":
                return
            if time.monotonic() >= deadline:
                raise AssertionError(f"the tmux window stayed {size.strip()}, not {width}x{height}")
            time.sleep(STEP)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, *texts: str, absent: tuple[str, ...] = (), timeout: float = WAIT) -> str:
        """The screen, captured once it shows every one of `texts` and none of `absent`.

        On the deadline, or if clientbook has ended, fail with the last capture.
        """
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if all(t in shown for t in texts) and not any(t in shown for t in absent):
                return shown
            if not self.alive():
                raise AssertionError(f"clientbook ended while waiting for {texts!r}; the screen was:\n{shown}")
            if time.monotonic() >= deadline:
                missing = [t for t in texts if t not in shown]
                still = [t for t in absent if t in shown]
                raise AssertionError(f"after {timeout:g} s, missing {missing!r}" +
                                     (f", still there {still!r}" if still else "") +
                                     f"; the screen was:\n{shown}")
            time.sleep(STEP)

    def cursor_row(self) -> int:
        """The row of the terminal's cursor: Textual puts it in the focused field, hidden."""
        shown = subprocess.run([*self.tmux, "display-message", "-p", "-t", self.name, "#{cursor_y}"],
                               capture_output=True, text=True)
        return int(shown.stdout.strip() or -1)

    def wait_field(self, label: str, timeout: float = WAIT) -> None:
        """Until the focused field is the one labelled `label` (on its row, or the row above):
        keys typed before a form has focused its field would land nowhere."""
        deadline = time.monotonic() + timeout
        while True:
            lines, row = self.screen().splitlines(), self.cursor_row()
            if any(0 <= r < len(lines) and label in lines[r] for r in (row, row - 1)):
                return
            if time.monotonic() >= deadline:
                raise AssertionError(f"after {timeout:g} s, the cursor is on row {row}, not at {label!r}; "
                                     f"the screen was:\n{self.screen()}")
            time.sleep(STEP)

    def fill(self, label: str, text: str) -> None:
        """Type into the field labelled `label` once it has the focus, and see the text there."""
        self.wait_field(label)
        self.keys(text)
        deadline = time.monotonic() + WAIT
        while text not in self.screen().splitlines()[self.cursor_row()]:  # in the field, not its hint
            if time.monotonic() >= deadline:
                raise AssertionError(f"{text!r} is not in the focused field; the screen was:\n{self.screen()}")
            time.sleep(STEP)

    def wait_closed(self, timeout: float = WAIT) -> None:
        """Until clientbook has ended; fail with the last capture if it has not."""
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() >= deadline:
                raise AssertionError(f"clientbook still running after {timeout:g} s; the screen was:\n"
                                     f"{self.screen()}")
            time.sleep(STEP)

    def alive(self) -> bool:
        """clientbook is still running in the pane."""
        shown = subprocess.run([*self.tmux, "display-message", "-p", "-t", self.name, "#{pane_dead}"],
                               capture_output=True, text=True)
        return shown.returncode == 0 and shown.stdout.strip() == "0"

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


@pytest.fixture
def demo_book(book_path):
    """A demo studio: a file, or a database on the server (tests/postgres/test_tmux_pg.py)."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    path = book_path
    clientbook("demo", "--db", path, "--clients", "60", "--seed", "2", "--today", TODAY)
    return path


def test_search_card_call_list_outcome_then_the_book_from_the_cli(demo_book):
    """A person's round: find a client, read the card, work the first call, quit; the CLI agrees."""
    book = json.loads(clientbook("search", "--db", demo_book, "--format", "json", "--limit", "20"))
    first = book[0]
    typed = first["name"].split()[0][:4].lower()
    found = json.loads(clientbook("search", typed, "--db", demo_book, "--format", "json"))
    assert found[0]["id"] == first["id"]  # the search puts this client first
    other = next(c["name"] for c in book if c["id"] not in {f["id"] for f in found})  # on screen until then
    to_call = json.loads(clientbook("calls", "--db", demo_book, "--today", TODAY, "--format", "json"))["items"]
    terminal = Terminal(f"{CLIENTBOOK} --db {shlex.quote(str(demo_book))} --today {TODAY} --lang en")
    try:
        terminal.wait_for("60 clients", other)  # the book is read: the search box takes the typing
        terminal.keys(typed)
        terminal.wait_for(first["name"], absent=(other,))  # the answer to the search, not the whole book
        terminal.keys("Enter")  # from the search box to the results
        terminal.wait_for(f"{first['name']}  #{first['id']}", "Address as:")  # the card's preview beside them
        terminal.keys("Enter")  # open the card
        screen = terminal.wait_for("Details", f"{first['name']}  #{first['id']}", "Rhythm")  # tabs, title, body
        assert f"{first['name']}  #{first['id']}" in screen and "Rhythm" in screen
        terminal.keys("Escape")  # back to the results
        terminal.wait_for("Search", first["name"], absent=("Details",))
        terminal.keys("F3")  # the call list
        screen = terminal.wait_for(f"Calls for November 22: {len(to_call)}", to_call[0]["name"], "What to say to")
        assert to_call[0]["name"] in screen and "What to say to" in screen
        row = next(n for n, item in enumerate(to_call) if item["reason"] in ("due", "at_risk"))
        called = to_call[row]
        for _ in range(row):
            terminal.keys("Down")
        terminal.wait_for(f"{called['name'].split()[1]}, hello!")  # the script greets them
        terminal.keys("n")  # no answer: recorded, and off today's list
        terminal.wait_for(f"Recorded: {called['name']} — no answer")  # who and what, once it is in the book
        terminal.wait_for(f"Calls for November 22: {len(to_call) - 1}")
        terminal.keys("q")
        terminal.wait_closed()  # q quits clientbook
    finally:
        terminal.close()
    card = clientbook("--lang", "en", "show", called["id"], "--db", demo_book, "--today", TODAY)
    assert "  call  no answer" in card.split("\nCalls\n", 1)[1].splitlines()[0]  # the newest contact
    after = json.loads(clientbook("calls", "--db", demo_book, "--today", TODAY, "--format", "json"))["items"]
    assert [item["id"] for item in after] == [item["id"] for item in to_call if item is not called]


def test_calls_after_logging_an_outcome(demo_book):
    calls = json.loads(clientbook("calls", "--db", demo_book, "--today", TODAY, "--format", "json"))
    first = calls["items"][0]
    clientbook("log-call", first["id"], "--outcome", "no_answer", "--db", demo_book, "--today", TODAY)
    after = json.loads(clientbook("calls", "--db", demo_book, "--today", TODAY, "--format", "json"))
    assert first["id"] not in [i["id"] for i in after["items"]] or first["reason"] == "confirm"


@pytest.mark.sqlite_only("a file book backed up into a file, and that copy checked as a book")
def test_import_from_the_terminal_interface_then_export_and_back_up(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    book = tmp_path / "studio.db"
    sheet = tmp_path / "клиенты.csv"
    sheet.write_bytes("Фамилия;Имя;Телефон;Дата рождения;Пол\r\nИванова;Анна;8 916 123-45-67;"
                      "16.02.1992;ж\r\nНовикова;Вера;8 999 000 11 22;01.01.90;ж\r\n".encode("cp1251"))
    terminal = Terminal(f"{CLIENTBOOK} --db {shlex.quote(str(book))} --lang en --today {TODAY}")
    try:
        terminal.wait_for("This book is empty")
        terminal.keys("C-o")
        terminal.wait_for("Import clients, visits or calls")
        terminal.keys(str(sheet), "Enter")
        screen = terminal.wait_for("would be 2 added, 0 updated, 0 unchanged;", "Columns not read: Пол.")
        assert "Columns not read: Пол." in screen
        terminal.keys("Enter")
        terminal.wait_for("studio · 2 clients", "Иванова Анна", "Новикова Вера")  # the import landed, the list follows
        terminal.keys("нови")
        terminal.wait_for("Новикова Вера", absent=("Иванова Анна",))  # the answer to the search
        terminal.keys("C-q")
        terminal.wait_closed()
    finally:
        terminal.close()
    exported = clientbook("export", "--db", book, "--format", "vcard")
    assert exported.count("BEGIN:VCARD") == 2 and "BDAY:1990-01-01" in exported
    assert "Backed up" in clientbook("backup", tmp_path / "copy.db", "--db", book)
    assert "is sound: clients: 2" in clientbook("check", "--db", tmp_path / "copy.db")


def test_a_solo_masters_first_day_from_an_empty_book(book_path):
    """Nothing loaded: the price list and a master on F7, a client with ctrl+n, a booking from
    her card, came on Today, her figures; three weeks on, booked from the call list into a
    free slot of her master. The book is read back with the shell."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    book = book_path

    terminal = Terminal(f"{CLIENTBOOK} --db {shlex.quote(str(book))} --lang en --today 2026-11-23")
    try:
        terminal.wait_for("This book is empty")
        terminal.keys("F7")
        terminal.wait_for("No services yet")
        for name, category, price, minutes, days in (("Маникюр с покрытием", "nails", "2500", "90", "21"),
                                                     ("Педикюр", "pedicure", "3000", "60", "35")):
            terminal.keys("C-n")
            terminal.wait_for("A new service on the price list")
            for label, text in (("Service", name), ("Category", category), ("Price", price),
                                ("Duration", minutes), ("Interval", days)):
                terminal.fill(label, text)
                terminal.keys("Tab")
            terminal.keys("C-s")
            terminal.wait_for(name, absent=("A new service on the price list",))  # saved, the form closed
        terminal.keys("Tab")  # to the masters
        terminal.keys("C-n")
        terminal.wait_for("A new master", "mon-sat 10:00-20:00")  # the default week, kept
        terminal.fill("Name", "Ольга Смирнова")
        terminal.keys("C-s")
        terminal.wait_for("Ольга Смирнова", absent=("A new master",))

        terminal.keys("F2")
        terminal.wait_for("2 services")
        terminal.keys("C-n")
        terminal.wait_for("A new client")
        terminal.fill("Name", "Соколова Анна Сергеевна")
        terminal.keys("Tab")
        terminal.fill("Phone", "+7 916 123 45 67")
        terminal.keys("C-s")
        terminal.wait_for("Соколова Анна Сергеевна  #1", "Client added.")

        terminal.keys("v")  # a booking from her card, for this afternoon
        terminal.wait_for("A visit or a booking", "23.11.2026 11:00; empty: now")
        terminal.keys("23.11.2026 15:00")  # "when" has the focus as the form opens
        terminal.wait_for("23.11.2026 15:00")
        for label, text in (("Services", "ман"), ("Master", "оль")):
            terminal.keys("Tab")
            terminal.fill(label, text)
        terminal.keys("BTab", "BTab", "BTab")  # back to the status: a booking, not a visit done
        terminal.keys("Enter")
        terminal.wait_for("pencilled in, to confirm")  # the choices are open
        terminal.keys("Down")
        terminal.keys("Enter")
        terminal.wait_for("booked", absent=("pencilled in, to confirm",))  # chosen, the choices closed
        terminal.keys("C-s")
        terminal.wait_for("Visit saved.")

        terminal.keys("Escape")
        terminal.keys("F4")
        terminal.wait_for("15:00", "Соколова Анна Сергеевна", "booked")
        terminal.keys("d")  # she came
        terminal.wait_for("done", absent=("booked",))  # the session's status
        terminal.keys("F6")
        terminal.wait_for("Average check (AOV)", "2,500")  # her visit is the studio's figures
        terminal.keys("C-q")
        terminal.wait_closed()
    finally:
        terminal.close()

    card = json.loads(clientbook("show", "1", "--db", book, "--format", "json", "--today", "2026-11-23"))
    assert [(v["status"], v["master"], v["services"], v["price_cents"]) for v in card["visits"]] == [
        ("done", "Ольга Смирнова", ["Маникюр с покрытием"], 250000)]
    other = json.loads(clientbook("add", "Петрова Мария", "--db", book, "--format", "json"))["id"]
    clientbook("visit", other, "--when", "16.12.2026 12:00", "--service", "Педикюр", "--master", "Ольга",
               "--status", "planned", "--db", book, "--today", "2026-12-16")

    terminal = Terminal(f"{CLIENTBOOK} --db {shlex.quote(str(book))} --lang en --today 2026-12-16")
    try:
        terminal.wait_for("2 clients")
        terminal.keys("F3")
        terminal.wait_for("Calls for December 16: 1", "Соколова Анна Сергеевна", "due")
        terminal.keys("b")
        terminal.wait_for("Booking: Соколова Анна Сергеевна", "Free slots", "December 17")  # the slots read
        terminal.keys("Enter")  # the first free slot
        terminal.wait_for("Recorded: Соколова", "Nobody to call today.")
        terminal.keys("C-q")
        terminal.wait_closed()
    finally:
        terminal.close()

    visits = json.loads(clientbook("show", "1", "--db", book, "--format", "json", "--today", "2026-12-16"))["visits"]
    booked = [v for v in visits if v["status"] == "planned"]
    assert [(v["master"], v["services"], v["duration_min"]) for v in booked] == [
        ("Ольга Смирнова", ["Маникюр с покрытием"], 90)]
    start = booked[0]["starts_at"]
    # Free: not in Петрова's hour, and within Ольга's day (10:00–20:00).
    assert not ("2026-12-16 10:31" < start < "2026-12-16 13:00"), start
    assert start[11:16] >= "10:00" and start[11:16] <= "18:30", start


def test_two_desks_on_one_book_see_each_others_calls(demo_book):
    """Two windows on one book, as a studio's two desks: the client one desk has open is marked
    at the other, and an outcome recorded at one leaves the other's list without a key pressed."""
    two_desks_see_each_others_calls(demo_book)


def two_desks_see_each_others_calls(book) -> float:
    """Two windows on `book` (a file, or a server's URL: tests/postgres/test_desks_tmux_pg.py);
    the seconds from the outcome shown recorded at one desk to its client gone at the other."""
    to_call = json.loads(clientbook("calls", "--db", book, "--today", TODAY, "--format", "json"))["items"]
    row = next(n for n, item in enumerate(to_call) if item["reason"] in ("due", "at_risk"))
    called = to_call[row]
    opened = f"{CLIENTBOOK} --db {shlex.quote(str(book))} --today {TODAY} --lang en"
    hall = Terminal(f"env CLIENTBOOK_DESK=Hall {opened}")
    desk = Terminal(f"env CLIENTBOOK_DESK=Reception {opened}")
    try:
        for terminal in (hall, desk):
            terminal.wait_for("60 clients")
            terminal.keys("F3")
            terminal.wait_for(f"Calls for November 22: {len(to_call)}", "What to say to")
        for _ in range(row):
            hall.keys("Down")
        hall.wait_for(f"{called['name'].split()[1]}, hello!")
        desk.wait_for("Hall is calling")  # the row the hall has open, marked at the reception
        hall.keys("n")
        hall.wait_for(f"Recorded: {called['name']} — no answer")
        recorded = time.monotonic()
        desk.wait_for(f"Calls for November 22: {len(to_call) - 1}")  # no key pressed at the reception
        seen = time.monotonic() - recorded
        hall.keys("q")
        desk.keys("q")
        hall.wait_closed()
        desk.wait_closed()
    finally:
        hall.close()
        desk.close()
    return seen
