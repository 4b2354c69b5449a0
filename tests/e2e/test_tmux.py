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


def test_search_open_card_and_quit(demo_book):
    first = json.loads(clientbook("search", "--db", demo_book, "--format", "json", "--limit", "1"))[0]
    surname = first["name"].split()[0]
    terminal = Terminal(f"{CLIENTBOOK} --db {demo_book} --today {TODAY}")
    try:
        terminal.wait_for("60 clients")
        terminal.keys(surname[:4].lower())
        terminal.wait_for(first["name"])
        terminal.keys("Enter")  # from the search box to the results
        time.sleep(0.5)
        terminal.keys("Enter")  # open the card
        screen = terminal.wait_for(f"(#{first['id']}")
        assert "Visits (" in screen or "Phone:" in screen
        terminal.keys("Escape")  # close the card
        time.sleep(0.5)  # a person's pause: ESC then q at once would read as alt+q
        terminal.keys("q")
        deadline = time.monotonic() + 10
        while terminal.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not terminal.alive(), "q did not quit clientbook"
    finally:
        terminal.close()


def test_calls_after_logging_an_outcome(demo_book):
    calls = json.loads(clientbook("calls", "--db", demo_book, "--today", TODAY, "--format", "json"))
    first = calls["items"][0]
    clientbook("log-call", first["id"], "--outcome", "no_answer", "--db", demo_book, "--today", TODAY)
    after = json.loads(clientbook("calls", "--db", demo_book, "--today", TODAY, "--format", "json"))
    assert first["id"] not in [i["id"] for i in after["items"]] or first["reason"] == "confirm"
