"""Benchmark: today's call list and the full rebuild of the figures, on demo books.

Prints one JSON object of figures (medians over repeats); asserts nothing.
    .venv/bin/python tests/bench/bench_calls.py --clients 1000 10000 100000

Beside each figure stands the plain SQL baseline measured on the same book in the same
run (the overdue part of the list, straight from client_tracks), so the layers' overhead
shows as a ratio whatever the machine's mood.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 22)


def median_seconds(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def make_book(folder: Path, clients: int) -> Path:
    path = folder / f"demo-{clients}.db"
    if not path.exists():
        subprocess.run(
            [sys.executable, "-m", "clientbook", "demo", "--db", str(path), "--clients", str(clients),
             "--seed", "1", "--today", TODAY.isoformat()],
            check=True, stdout=subprocess.DEVNULL,
        )
    return path


def measure(path: Path, repeats: int) -> dict:
    from clientbook.services.book import open_book
    from clientbook.services.calls import call_list
    from clientbook.services.figures import rebuild_all

    book = open_book(path)
    today = TODAY.isoformat()
    baseline_sql = (
        "SELECT client_id, max((julianday(?) - julianday(last_visit)) / interval_days) AS r "
        "FROM client_tracks WHERE due_on <= ? AND lost_on > ? GROUP BY client_id "
        "ORDER BY r DESC LIMIT 30"
    )
    items = call_list(book, TODAY).items
    figures = {
        "clients": book.execute_sql("SELECT count(*) FROM clients").fetchone()[0],
        "visits": book.execute_sql("SELECT count(*) FROM visits").fetchone()[0],
        "call_list_items": len(items),
        "call_list_ms": 1000 * median_seconds(lambda: call_list(book, TODAY), repeats),
        "call_list_uncapped_ms": 1000 * median_seconds(lambda: call_list(book, TODAY, 0), max(1, repeats // 3)),
        "baseline_sql_ms": 1000 * median_seconds(
            lambda: book.execute_sql(baseline_sql, (today, today, today)).fetchall(), repeats),
    }
    figures["call_list_vs_sql"] = round(figures["call_list_ms"] / max(figures["baseline_sql_ms"], 1e-6), 2)

    def rebuild():
        with book.atomic():
            rebuild_all(book)

    figures["rebuild_s"] = median_seconds(rebuild, 1 if figures["clients"] > 20000 else 3)
    book.close()
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--folder", type=Path, default=None, help="Keep the demo books here.")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="clientbook-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    report = {}
    for clients in args.clients:
        start = time.perf_counter()
        path = make_book(folder, clients)
        report[str(clients)] = {"demo_s": round(time.perf_counter() - start, 2), **measure(path, args.repeats)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
