"""The installed clientbook in a real terminal (tmux): type keys, read the screen."""
from __future__ import annotations

import json
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
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "120", "-y", "35", command],
                       check=True)
        # Keep the pane when clientbook ends, so a crash leaves its last words to be read.
        subprocess.run(["tmux", "set-option", "-t", self.name, "remain-on-exit", "on"], capture_output=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

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
        shown = subprocess.run(["tmux", "display-message", "-p", "-t", self.name, "#{pane_dead}"],
                               capture_output=True, text=True)
        return shown.returncode == 0 and shown.stdout.strip() == "0"

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def demo_book(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    path = tmp_path / "studio.db"
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
    terminal = Terminal(f"{CLIENTBOOK} --db {demo_book} --today {TODAY} --lang en")
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
        screen = terminal.wait_for(f"Calls for {TODAY}: {len(to_call)}", to_call[0]["name"], "Script")
        assert to_call[0]["name"] in screen and "Script" in screen
        row = next(n for n, item in enumerate(to_call) if item["reason"] in ("due", "at_risk"))
        called = to_call[row]
        for _ in range(row):
            terminal.keys("Down")
        terminal.wait_for(f"{called['name'].split()[1]}, hello!")  # the script greets them
        terminal.keys("n")  # no answer: recorded, and off today's list
        terminal.wait_for(f"Recorded: {called['name']} — no answer")  # who and what, once it is in the book
        terminal.wait_for(f"Calls for {TODAY}: {len(to_call) - 1}")
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


def test_import_from_the_terminal_interface_then_export_and_back_up(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    book = tmp_path / "studio.db"
    sheet = tmp_path / "клиенты.csv"
    sheet.write_bytes("Фамилия;Имя;Телефон;Дата рождения;Пол\r\nИванова;Анна;8 916 123-45-67;"
                      "16.02.1992;ж\r\nНовикова;Вера;8 999 000 11 22;01.01.90;ж\r\n".encode("cp1251"))
    terminal = Terminal(f"{CLIENTBOOK} --db {book} --lang en --today {TODAY}")
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
