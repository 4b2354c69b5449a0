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


class Terminal:
    def __init__(self, command: str):
        self.name = f"clientbook-e2e-{uuid.uuid4().hex[:8]}"
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", "120", "-y", "35", command],
                       check=True)

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never showed; the screen was:\n{self.screen()}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

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
    first = json.loads(clientbook("search", "--db", demo_book, "--format", "json", "--limit", "1"))[0]
    surname = first["name"].split()[0]
    to_call = json.loads(clientbook("calls", "--db", demo_book, "--today", TODAY, "--format", "json"))["items"]
    terminal = Terminal(f"{CLIENTBOOK} --db {demo_book} --today {TODAY} --lang en")
    try:
        terminal.wait_for("60 clients")
        terminal.keys(surname[:4].lower())
        terminal.wait_for(first["name"])
        terminal.keys("Enter")  # from the search box to the results
        terminal.wait_for("Address as:")  # the card's preview beside them
        terminal.keys("Enter")  # open the card
        screen = terminal.wait_for("Details")  # the card's tabs
        assert f"{first['name']}  #{first['id']}" in screen and "Rhythm" in screen
        terminal.keys("Escape")  # back to the results
        terminal.wait_for("Search")
        terminal.keys("F3")  # the call list
        screen = terminal.wait_for(f"Calls for {TODAY}: {len(to_call)}")
        assert to_call[0]["name"] in screen and "Script" in screen
        row = next(n for n, item in enumerate(to_call) if item["reason"] in ("due", "at_risk"))
        called = to_call[row]
        for _ in range(row):
            terminal.keys("Down")
        terminal.wait_for(f"{called['name'].split()[1]}, hello!")  # the script greets them
        terminal.keys("n")  # no answer: recorded, and off today's list
        terminal.wait_for("Recorded: no answer")
        terminal.wait_for(f"Calls for {TODAY}: {len(to_call) - 1}")
        terminal.keys("q")
        deadline = time.monotonic() + 10
        while terminal.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not terminal.alive(), "q did not quit clientbook"
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
        terminal.wait_for("would be 2 added, 0 updated, 0 unchanged;")
        assert "Columns not read: Пол." in terminal.screen()
        terminal.keys("Enter")
        terminal.wait_for("studio · 2 clients")  # the import landed and the list follows
        terminal.keys("нови")
        terminal.wait_for("Новикова Вера")
        terminal.keys("C-q")
        deadline = time.monotonic() + 10
        while terminal.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        terminal.close()
    exported = clientbook("export", "--db", book, "--format", "vcard")
    assert exported.count("BEGIN:VCARD") == 2 and "BDAY:1990-01-01" in exported
    assert "Backed up" in clientbook("backup", tmp_path / "copy.db", "--db", book)
    assert "is sound: clients: 2" in clientbook("check", "--db", tmp_path / "copy.db")
