"""The benchmark runner at a solo master's size, as a smoke check: it must finish and print
its figures. Nothing is timed here (machines are shared and noisy)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_the_runner_measures_a_small_book(tmp_path):
    done = subprocess.run([sys.executable, str(RUNNER), "--sizes", "1000", "--repeats", "1",
                           "--books", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    print(done.stdout)  # the figures, for whoever reads the CI log
    report = json.loads(done.stdout)
    figures = report["sizes"]["1000"]
    assert figures["clients"] == 1000 and figures["visits"] > 10_000
    assert figures["demo_s"] > 0  # the book was made by `clientbook demo` in this run
    for name in ("search_1_char", "search_2_chars", "search_3_plus", "search_phone", "call_list",
                 "add_visit", "log_call", "rebuild", "export", "import"):
        assert figures[f"{name}_vs_sql"] > 0, name  # each figure stands beside its SQL baseline
    assert figures["import_xlsx_vs_csv"] > 0  # an Excel workbook's import beside the CSV's
    assert figures["first_screen_s"] > 0 and figures["peak_mb"] > 0  # the TUI, at the largest size
    assert report["misses"] == []  # targets are judged at 100,000 clients only


def test_the_cli_bench_times_the_commands_beside_the_click_floor(tmp_path):
    done = subprocess.run([sys.executable, str(RUNNER.parent / "bench_cli.py"), "--clients", "50", "--repeats", "1",
                           "--books", str(tmp_path), "--json"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    print(done.stdout)
    figures = json.loads(done.stdout)
    assert set(figures["rows"]) >= {"python", "import click", "search", "show", "calls", "--help"}
    assert figures["floor_ms"] == figures["rows"]["import click"]["median_ms"] > 0
    assert set(figures["first_use_ms"]) == {"search", "show", "calls"}


def test_the_runner_measures_a_small_book_on_a_postgresql_server(tmp_path):
    """`--backend postgresql`: the demo book copied to a throwaway cluster (the tests' own,
    started by the runner) and the same figures taken there, each beside bare psycopg. Skipped
    where PostgreSQL is not installed; CI installs it, and there a skip would be a failure."""
    import os

    sys.path.insert(0, str(RUNNER.parent))
    import pg_server

    why = pg_server.missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the benchmark on PostgreSQL, but {why}; .ci/run installs it")
        pytest.skip(why)
    done = subprocess.run([sys.executable, str(RUNNER), "--backend", "postgresql", "--sizes", "300",
                           "--repeats", "1", "--books", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    print(done.stdout)
    report = json.loads(done.stdout)
    assert report["backend"] == "postgresql" and report["server_version"]
    figures = report["sizes"]["300"]
    assert figures["clients"] == 300 and figures["visits"] > 3000
    assert figures["copy_s"] > 0  # copied to the server by copy-book's service in this run
    for name in ("search_1_char", "search_2_chars", "search_3_plus", "search_phone", "call_list",
                 "add_visit", "log_call", "rebuild", "outlook"):
        assert figures[f"{name}_vs_sql"] > 0, name  # each figure beside bare psycopg on the same server
    assert report["misses"] == []
