"""Benchmark: the TUI's time to its first settled screen and its peak memory, on a demo book.

Prints one JSON object of figures (medians over repeats); asserts nothing.
    .venv/bin/python tests/bench/bench_tui.py                  # 100,000 clients
    .venv/bin/python tests/bench/bench_tui.py --clients 1000 --repeats 5

Targets on a 2-core machine: the first screen under 1 s, the peak under 200 MB.

Every figure comes from a fresh Python process, so the imports count:
- "floor": Python starts and imports textual and clientbook.tui.app, nothing more;
- "tiny": the headless app (App.run_test, 120x40) on a small book (--tiny clients);
- "book": the same on the book under test (--clients).
"first_screen_s" runs from the child's first line to the moment the home screen has
settled: the workers are done, the #results table has rows and #summary shows
"{N} clients". "spawn_to_screen_s" adds the interpreter's own start (the parent's
clock at spawn; perf_counter is CLOCK_MONOTONIC in both processes). "peak_mb" is the
child's ru_maxrss at that moment.
Then the installed `clientbook` command in a real terminal (tmux, its own server on its
own socket, 120x40): from `new-session` until the pane shows "{N} clients", and the
process's VmHWM once the screen has stood for --settle seconds. Skipped without tmux.
One warm-up run of each child is made first and dropped (.pyc files, the page cache).
The figures are medians; "*_min" is the best run, the one least disturbed by other work
on the machine (see "loadavg_1m").
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DEFAULT_BOOKS, TODAY, ready_book

SIZE = (120, 40)
TARGETS = {"first_screen_s": 1.0, "peak_mb": 200.0}

# The children. Each takes its clock on its first line, prints one JSON line at the end.
FLOOR_CHILD = """\
import time
T0 = time.perf_counter()
import json, resource
import textual
import clientbook.tui.app
now = time.perf_counter()
print(json.dumps({"done_at": now, "first_screen_s": now - T0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

APP_CHILD = """\
import time
T0 = time.perf_counter()
import asyncio, json, resource, sys
from datetime import date
from clientbook.tui.app import ClientbookApp
from clientbook.services.book import open_book
from clientbook.i18n import set_language
T_IMPORTED = time.perf_counter()
PATH, TODAY, EXPECTED, WIDTH, HEIGHT = sys.argv[1], date.fromisoformat(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


async def main():
    set_language("en")
    database = open_book(PATH)
    t_opened = time.perf_counter()
    app = ClientbookApp(database, PATH, TODAY)
    figures = {}
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        deadline = time.perf_counter() + 120
        while True:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            screen = pilot.app.screen
            try:
                rows = screen.query_one("#results").row_count
                shown = str(screen.query_one("#summary").content)
            except Exception:  # the home screen is not up yet
                rows, shown = 0, ""
            if rows and EXPECTED in shown:
                break
            if time.perf_counter() > deadline:
                raise SystemExit(f"no settled screen after 120 s: rows={rows} summary={shown!r}")
        now = time.perf_counter()
        figures = {"done_at": now, "first_screen_s": now - T0, "imports_s": T_IMPORTED - T0,
                   "open_book_s": t_opened - T_IMPORTED, "app_s": now - t_opened,
                   "peak_mb": peak_mb(), "rows": rows}
    print(json.dumps(figures))


asyncio.run(main())
"""


# Keypress to settled screen, as a person waits between keys. One headless app (120x40) on
# the book, once its home screen has settled. A key goes to the driver as a terminal's would;
# then every 2 ms a look: the screen is settled when what the step names is on it, no worker
# runs, no message waits in any queue and the screen has nothing left to lay out or paint,
# twice in a row. (Pilot's own press and pause wait for the process to idle in 20 ms steps,
# which added some 60 ms to every key.) The same harness times bare Textual screens of the
# same shape (FLOOR_KEYS_CHILD): what any Textual app of this layout costs.
HARNESS = """\
import asyncio, json, sys, time
from textual import events


async def press(app, key):
    char = key if len(key) == 1 else None
    event = events.Key({" ": "space"}.get(key, key), char)
    event.set_sender(app)
    app._driver.send_message(event)


def quiet(app):
    screen = app.screen
    if screen._layout_required or screen._repaint_required or screen._dirty_widgets:
        return False
    if any(w.is_running for w in app.workers):
        return False
    return all(node._message_queue.qsize() == 0 for node in (app, screen, *screen.walk_children()))


async def settled(app, ready, timeout=60):
    deadline = time.perf_counter() + timeout
    calm = 0
    while calm < 2:
        await asyncio.sleep(0.002)
        calm = calm + 1 if ready(app) and quiet(app) else 0
        if time.perf_counter() > deadline:
            raise SystemExit(f"not settled after {timeout} s on {app.screen!r}")


async def step(app, keys, ready):
    start = time.perf_counter()
    for key in keys:
        await press(app, key)
        await asyncio.sleep(0)
    await settled(app, ready)
    return round((time.perf_counter() - start) * 1000, 1)
"""

KEYS_CHILD = HARNESS + """\
from datetime import date
from clientbook.tui.app import PRELOAD_AFTER_S, ClientbookApp
from clientbook.tui.screens.card import CardScreen
from clientbook.services.book import open_book
from clientbook.i18n import set_language
PATH, TODAY, EXPECTED = sys.argv[1], date.fromisoformat(sys.argv[2]), sys.argv[3]


def text(app, selector):
    try:
        return str(app.screen.query_one(selector).content)
    except Exception:
        return ""


async def main():
    set_language("en")
    app = ClientbookApp(open_book(PATH), PATH, TODAY)
    figures = {}
    async with app.run_test(size=(120, 40)):
        await settled(app, lambda a: EXPECTED in text(a, "#summary"))
        await asyncio.sleep(PRELOAD_AFTER_S + 0.5)  # as a person finds the window a moment after start
        await app.workers.wait_for_complete()
        figures["noop_key_ms"] = await step(app, ["f24"], lambda a: True)
        calls = lambda a: text(a, "#calls-title").startswith("Calls for") and text(a, "#brief") != ""
        screens = [("F3_calls", "f3", calls),
                   ("F4_today", "f4", lambda a: type(a.screen).__name__ == "TodayScreen"
                    and text(a, "#today-title") != ""),
                   ("F6_reports", "f6", lambda a: text(a, "#reports-title") not in ("", "Reading the book…")),
                   ("F2_clients", "f2", lambda a: EXPECTED in text(a, "#summary"))]
        for round_ in (1, 2):
            for name, key, ready in screens:
                figures[f"{name}_{round_}_ms"] = await step(app, [key], ready)
        client = int(app.screen.query_one("#results").coordinate_to_cell_key((0, 0)).row_key.value)
        start = time.perf_counter()
        app.push_screen(CardScreen(client))
        await settled(app, lambda a: f"#{client}" in text(a, "#card-title"))
        figures["open_card_ms"] = round((time.perf_counter() - start) * 1000, 1)
        await step(app, ["escape"], lambda a: EXPECTED in text(a, "#summary"))
        await step(app, ["f3"], calls)
        row = next(i for i, item in enumerate(app.screen.items) if item.reason in ("due", "at_risk"))
        app.screen.query_one("#calls").move_cursor(row=row)  # a routine call: no answer takes her off
        await settled(app, calls)
        called = app.screen.items[row].id
        # no answer: recorded, the list read again without her (the cap brings in another)
        figures["outcome_key_ms"] = await step(app, ["n"], lambda a: all(item.id != called for item in a.screen.items))
        await step(app, ["f6"], screens[2][2])
        asked = app.screen.asked
        await step(app, ["p"], lambda a: type(a.screen).__name__ == "Ask")
        figures["period_change_ms"] = await step(
            app, [*"last month", "enter"],
            lambda a: type(a.screen).__name__ == "ReportsScreen" and a.screen.asked > asked
            and "Period:" in text(a, "#reports-title"))
    print(json.dumps(figures))


asyncio.run(main())
"""

# Bare Textual in the same harness: four screens of the call list's shape (a title, a table
# of 40 rows beside a panel of text, a footer of a dozen keys), switched by the same keys.
FLOOR_KEYS_CHILD = HARNESS + """\
from textual.app import App
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static


class Shaped(Screen):
    BINDINGS = [Binding(key, "nothing", f"Action {key}") for key in "bnmrdxcuq"]

    def compose(self):
        yield Static("title", id="title")
        with Horizontal():
            yield DataTable(id="table")
            with VerticalScroll():
                yield Static("\\n".join(f"line {i} of the brief" for i in range(20)), id="brief")
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("why", "name", "track", "days")
        table.add_rows([f"due {i}", f"Client Name {i}", "nails", str(i)] for i in range(40))
        table.focus()

    def action_nothing(self):
        pass


class Bare(App):
    MODES = {mode: Shaped for mode in ("a", "b", "c", "d")}
    DEFAULT_MODE = "a"
    BINDINGS = [Binding("f2", "switch_mode('a')"), Binding("f3", "switch_mode('b')"),
                Binding("f4", "switch_mode('c')"), Binding("f6", "switch_mode('d')")]


async def main():
    app = Bare()
    figures = {}
    async with app.run_test(size=(120, 40)):
        await settled(app, lambda a: True)
        figures["noop_key_ms"] = await step(app, ["f24"], lambda a: True)
        for round_ in (1, 2):
            for name, key in (("F3_calls", "f3"), ("F4_today", "f4"), ("F6_reports", "f6"), ("F2_clients", "f2")):
                figures[f"{name}_{round_}_ms"] = await step(app, [key], lambda a: True)
    print(json.dumps(figures))


asyncio.run(main())
"""
KEY_TARGETS_MS = {"small": 100, "large": 250}  # at 300 clients, at 100,000


def measure_keys(path: Path, repeats: int) -> dict:
    """Each step's median over `repeats` runs of KEYS_CHILD, in milliseconds, each on a fresh
    copy of the book (a run records a call), and the same steps of bare Textual beside them."""
    runs, floors = [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="clientbook-keys-") as scratch:
            copy = Path(scratch) / path.name
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source, sqlite3.connect(copy) as target:
                source.backup(target)
            args = [str(copy), TODAY.isoformat(), f"{active_clients(copy)} clients"]
            runs.append(run_keys(KEYS_CHILD, *args))
        floors.append(run_keys(FLOOR_KEYS_CHILD))
    ours = {k: round(statistics.median(run[k] for run in runs), 1) for k in runs[0]}
    floor = {k: round(statistics.median(run[k] for run in floors), 1) for k in floors[0]}
    return {"clientbook": ours, "bare_textual": floor}


def run_keys(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"keys child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def active_clients(path: Path) -> int:
    """What the summary line counts: clients not archived."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT count(*) FROM clients WHERE archived_at IS NULL").fetchone()[0]


def run_child(code: str, *args: str) -> dict:
    spawned = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["spawn_to_screen_s"] = figures.pop("done_at") - spawned
    return figures


def medians(runs: list[dict]) -> dict:
    keys = [k for k in ("first_screen_s", "spawn_to_screen_s", "peak_mb", "imports_s", "open_book_s",
                        "app_s", "rows") if k in runs[0]]
    figures = {k: statistics.median(run[k] for run in runs) for k in keys}
    figures["first_screen_s_min"] = min(run["first_screen_s"] for run in runs)  # the least disturbed
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}


def measure(code: str, args: list[str], repeats: int) -> dict:
    run_child(code, *args)  # warm-up, dropped
    return medians([run_child(code, *args) for _ in range(repeats)])


def measure_app(path: Path, repeats: int) -> dict:
    clients = active_clients(path)
    args = [str(path), TODAY.isoformat(), f"{clients} clients", str(SIZE[0]), str(SIZE[1])]
    return {"clients": clients, "book_mb": round(path.stat().st_size / 2**20, 1), **measure(APP_CHILD, args, repeats)}


# -- the installed command in a real terminal ---------------------------------------------


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def clientbook_pid(pane_pid: int) -> int:
    """The pane's process, or the first of its descendants running clientbook."""
    for pid in descendants(pane_pid):
        try:
            if b"clientbook" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except OSError:
            continue
    return pane_pid


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    raise RuntimeError(f"no VmHWM for {pid}")


def tmux_once(path: Path, expected: str, settle: float) -> dict:
    command = shutil.which("clientbook", path=str(Path(sys.executable).parent)) or "clientbook"
    folder = Path(tempfile.mkdtemp(prefix="clientbook-bench-tmux-"))
    socket = str(folder / "socket")  # a server of our own, a fresh one each run

    def tmux(*args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-S", socket, *args], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    # The server starts before the clock does, so its own start is not counted.
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "idle", "-x", str(SIZE[0]), "-y", str(SIZE[1]), "cat")
    try:
        tmux("set-option", "-g", "remain-on-exit", "on")
        start = time.perf_counter()
        tmux("new-session", "-d", "-s", "book", "-x", str(SIZE[0]), "-y", str(SIZE[1]),
             f"{command} --db {path} --today {TODAY.isoformat()} --lang en")
        pane_pid = int(tmux("list-panes", "-t", "book", "-F", "#{pane_pid}").split()[0])
        deadline, polls, screen = start + 120, 0, ""
        while expected not in screen:
            polls += 1
            if polls % 50 == 0 and (time.perf_counter() > deadline or tmux(
                    "display", "-p", "-t", "book", "#{pane_dead}").strip() == "1"):
                raise SystemExit(f"clientbook in tmux showed no {expected!r}:\n{screen}")
            time.sleep(0.005)
            screen = tmux("capture-pane", "-p", "-t", "book")
        first_screen = time.perf_counter() - start
        time.sleep(settle)
        peak = vm_hwm_mb(clientbook_pid(pane_pid))
        tmux("send-keys", "-t", "book", "C-q")
        quit_by = time.perf_counter() + 10
        while tmux("display", "-p", "-t", "book", "#{pane_dead}", check=False).strip() != "1":
            if time.perf_counter() > quit_by:
                break
            time.sleep(0.02)
        return {"tmux_first_screen_s": first_screen, "tmux_peak_mb": peak}
    finally:
        tmux("kill-server", check=False)
        shutil.rmtree(folder, ignore_errors=True)


def measure_tmux(path: Path, repeats: int, settle: float) -> dict:
    if not shutil.which("tmux"):
        return {"tmux": "skipped: no tmux"}
    expected = f"{active_clients(path)} clients"
    tmux_once(path, expected, settle)  # warm-up, dropped
    runs = [tmux_once(path, expected, settle) for _ in range(repeats)]
    figures = {k: round(statistics.median(run[k] for run in runs), 3) for k in runs[0]}
    figures["tmux_first_screen_s_min"] = round(min(run["tmux_first_screen_s"] for run in runs), 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100000)
    parser.add_argument("--tiny", type=int, default=1000, help="The small book of the baseline.")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--books", type=Path, default=DEFAULT_BOOKS, help="Keep the demo books here.")
    parser.add_argument("--settle", type=float, default=0.5,
                        help="Seconds the tmux screen stands before its VmHWM is read.")
    parser.add_argument("--no-tmux", action="store_true")
    parser.add_argument("--keys", action="store_true",
                        help="Also keypress to settled screen: F2, F3, F4, F6 twice each, a card, an outcome, a period.")
    parser.add_argument("--book", type=Path, help="Measure this book instead of a demo one.")
    args = parser.parse_args()
    args.books.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    path = args.book or ready_book(args.books, args.clients)[0]
    report: dict = {"clients": args.clients, "repeats": args.repeats, "size": f"{SIZE[0]}x{SIZE[1]}",
                    "targets": TARGETS, "book_ready_s": round(time.perf_counter() - start, 2),
                    "loadavg_1m": round(os.getloadavg()[0], 2)}  # others' work skews the figures
    report["floor"] = measure(FLOOR_CHILD, [], args.repeats)
    if args.tiny and args.tiny != args.clients:
        report["tiny"] = measure_app(ready_book(args.books, args.tiny)[0], args.repeats)
    book = report["book"] = measure_app(path, args.repeats)
    if not args.no_tmux:
        report.update(measure_tmux(path, args.repeats, args.settle))
    if args.keys:
        report["keys_ms"] = measure_keys(path, args.repeats)
    report["book_minus_floor"] = {
        "first_screen_s": round(book["first_screen_s"] - report["floor"]["first_screen_s"], 3),
        "peak_mb": round(book["peak_mb"] - report["floor"]["peak_mb"], 1),
    }
    report["within_targets"] = {
        "first_screen_s": book["first_screen_s"] < TARGETS["first_screen_s"]
        and report.get("tmux_first_screen_s", 0) < TARGETS["first_screen_s"],
        "peak_mb": book["peak_mb"] < TARGETS["peak_mb"] and report.get("tmux_peak_mb", 0) < TARGETS["peak_mb"],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
