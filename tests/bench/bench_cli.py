"""Benchmark: the installed `clientbook` command's whole-process time, as a person waits for it.

    .venv/bin/python tests/bench/bench_cli.py                      # 1,000 clients, 15 runs each
    .venv/bin/python tests/bench/bench_cli.py --repeats 31 --json  # the figures as one JSON object

Prints a table; asserts nothing. Each figure is the median of --repeats fresh processes,
from spawn to exit, in milliseconds, the commands taken in turn (round after round, so a
spell of load on the machine falls on all of them alike). Beside them, measured in the
same rounds, the floor: `python -c "import click"`, what any click program pays before
it does anything; "over floor" is the command's median minus the floor's. "python" is
the interpreter's bare start. "cpu ms" is the median CPU time (user and system) of the
process: a machine busy with other work stretches the wall time far more than it.
- search, show and calls on a demo book of --clients (made by `clientbook demo`, kept in
  --books for the next run, worked on in a copy);
- `--help`, which lists every command with its help;
- search, show and calls again, "compiling": with no bytecode cache (see `environments`).
The day's first use refits the return model and takes the daily backup (services/outlook,
services/book): "first use" is each command run once as the first of the next day, each on
a fresh copy of the book as the warm-up left it (upgraded to this version's schema), reported
beside; the table's runs come after one warm-up run each.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CLIENTBOOK, DEFAULT_BOOKS, TODAY, ready_book

TARGET_MS = 150  # search, show and calls, whole process, at 1,000 clients (issue 19)
FLOORS = {"python": [sys.executable, "-c", "pass"],
          "import click": [sys.executable, "-c", "import click"]}


def some_client(book: Path) -> int:
    """A client with visits, from the middle of the book: what `show` is timed on."""
    with sqlite3.connect(f"file:{book}?mode=ro", uri=True) as connection:
        ids = [row[0] for row in connection.execute(
            "SELECT DISTINCT client_id FROM visits ORDER BY client_id")]
    return ids[len(ids) // 2]


def commands(program: str, book: Path, client: int, day: str) -> dict[str, list[str]]:
    base = [program, "--db", str(book), "--today", day, "--lang", "en"]
    return {"search": [*base, "search", "Иван"],
            "show": [*base, "show", str(client)],
            "calls": [*base, "calls"],
            "--help": [program, "--help"]}


def environments(folder: Path) -> dict[str, dict[str, str]]:
    """"cached": the bytecode written once and read after, as an installed program has it
    (in a folder of the run's own, so the work tree stays clean); "compiling": none written,
    so every run compiles clientbook's own modules (the libraries' bytecode was written when
    they were installed): a workplace that sets PYTHONDONTWRITEBYTECODE, as this one does,
    runs an editable install so."""
    plain = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    return {"cached": {**plain, "PYTHONPYCACHEPREFIX": str(folder / "pycache")},
            "compiling": {**plain, "PYTHONDONTWRITEBYTECODE": "1"}}


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Milliseconds from spawn to exit, and of CPU (user and system) the process used:
    the one a busy machine stretches, the other hardly. The command must succeed."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    took = (time.perf_counter() - start) * 1000
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    return took, (now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime) * 1000


def copy_of(book: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    copy = folder / book.name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(book, copy)
    shutil.rmtree(folder / "backups", ignore_errors=True)
    return copy


def measure(book: Path, repeats: int, program: str = str(CLIENTBOOK)) -> dict:
    client = some_client(book)
    with tempfile.TemporaryDirectory(prefix="clientbook-cli-") as scratch:
        folder = Path(scratch)
        env = environments(folder)
        steady = copy_of(book, folder / "steady")
        made = commands(program, steady, client, TODAY.isoformat())
        runs = {name: (args, env["cached"]) for name, args in {**FLOORS, **made}.items()}
        runs |= {f"{name}, compiling": (made[name], env["compiling"]) for name in ("search", "show", "calls")}
        for args, how in runs.values():  # warm-up: .pyc files, the page cache, the day's first use
            timed(args, how)
        first_use = {}  # each on a fresh copy of the book, already upgraded: every one is the day's first use
        for days in (1, 2):  # the first round warms what only a refit imports (numpy, scipy) and is dropped
            day = (TODAY + timedelta(days=days)).isoformat()
            for name in ("search", "show", "calls"):
                args = commands(program, copy_of(steady, folder / "first"), client, day)[name]
                first_use[name] = round(timed(args, env["cached"])[0], 1)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for _ in range(repeats):
            for name, (args, how) in runs.items():
                times[name].append(timed(args, how))
    floor = statistics.median(wall for wall, _cpu in times["import click"])
    rows = {}
    for name, measured in times.items():
        walls = [wall for wall, _cpu in measured]
        rows[name] = {"median_ms": round(statistics.median(walls), 1), "min_ms": round(min(walls), 1),
                      "over_floor_ms": round(statistics.median(walls) - floor, 1),
                      "cpu_ms": round(statistics.median(cpu for _wall, cpu in measured), 1)}
    return {"client_shown": client, "floor_ms": round(floor, 1), "rows": rows, "first_use_ms": first_use,
            "misses": [name for name in ("search", "show", "calls") if rows[name]["median_ms"] > TARGET_MS]}


def table(figures: dict) -> str:
    lines = [f"{'command':<20} {'median ms':>10} {'min ms':>8} {'floor ms':>9} {'over floor':>11} {'cpu ms':>7}"]
    for name, row in figures["rows"].items():
        lines.append(f"{name:<20} {row['median_ms']:>10.1f} {row['min_ms']:>8.1f} {figures['floor_ms']:>9.1f} "
                     f"{row['over_floor_ms']:>11.1f} {row['cpu_ms']:>7.1f}")
    first = ", ".join(f"{name} {ms:.0f}" for name, ms in figures["first_use_ms"].items())
    lines.append(f"first use of a day (refit, daily backup), ms: {first}")
    lines.append(f"target {TARGET_MS} ms for search, show, calls; misses: {', '.join(figures['misses']) or 'none'}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--books", type=Path, default=DEFAULT_BOOKS)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--program", default=str(CLIENTBOOK),
                        help="the clientbook to time (another checkout's, to compare; default: this one's)")
    options = parser.parse_args()
    book, made = ready_book(options.books, options.clients)
    figures = {"clients": options.clients, "repeats": options.repeats, "book_made_s": made,
               "python": platform.python_version(), "cores": os.cpu_count(),
               "loadavg_1m": round(os.getloadavg()[0], 2), **measure(book, options.repeats, options.program)}
    figures["loadavg_1m_after"] = round(os.getloadavg()[0], 2)
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{options.clients:,} clients, median of {options.repeats} runs, Python {figures['python']}, "
          f"{figures['cores']} cores, load {figures['loadavg_1m']} to {figures['loadavg_1m_after']}")
    print(table(figures))


if __name__ == "__main__":
    main()
