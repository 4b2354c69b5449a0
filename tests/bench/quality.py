"""The return model's quality runner: how well it tells who comes back, on real data and on the demo studio.

    .venv/bin/python tests/bench/quality.py                     # CDNOW and the demo studio (about a minute)
    .venv/bin/python tests/bench/quality.py --only cdnow        # the CDNOW sample alone (a few seconds)

Each data set goes into a fresh book as a studio's history would: its calibration visits
are written as clientbook's CSV and brought in by `clientbook import` (the clients, then
their visits), with --today the last calibration day. The book's completed visits are read
back (db/history.py) and every client is scored at the end of that day by BG/GR on its
tenure clock (clientbook/domain/return_model.py), by BG/NBD and by plain recency (weeks
since the last visit), all three in this run, then judged against what happened after:

- AUC for "no visit within the horizon" (13 and 39 weeks): the chance that a client who
  did not come back is scored as more likely to lapse than one who did;
- the top decile's lapse rate: of the tenth scored most likely to lapse, how many did;
- calibration: visits expected within the horizon against those made, in total and by the
  client's repeat visits in calibration (x = 0 … 7+). Recency expects nothing.

Visits are distinct days, as the model counts them. The data sets:
- the CDNOW sample (tests/fixtures/CDNOW_sample.README.md), 39 weeks of calibration
  (1997-01-01 to 09-30) as Fader, Hardie & Lee fit BG/NBD: a client per customer, a visit
  per purchase day priced at the day's dollars;
- the demo studio (`clientbook demo --years 3`, today 2026-11-22): its first two years of
  visits as calibration (to 2025-11-22), the year after as the holdout.

BG/GR's figures are `clientbook outlook --format json` at the calibration day, one run per
horizon; the baselines are computed here from the same history. Prints tables; asserts nothing.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clientbook.domain import return_model as rm  # noqa: E402
from tests.bench.lapse import auc, top_decile_lapse  # noqa: E402
from tests.fixtures import cdnow  # noqa: E402

CLIENTBOOK = Path(sys.executable).parent / "clientbook"
HORIZONS = (13, 39)  # weeks: the holdout's first quarter, and the paper's whole holdout
DEMO_TODAY = date(2026, 11, 22)
DEMO_CUT = DEMO_TODAY - timedelta(days=365)  # two years of calibration out of three
PAPER = "paper: r=0.243 α=4.414 a=0.793 b=2.426"
MOST_REPEATS = 7  # calibration groups x = 0 … 6, then 7 and more


@dataclass
class DataSet:
    name: str
    clients_csv: Path  # clientbook's clients CSV
    visits_csv: Path  # clientbook's visits CSV, calibration only
    cut: date  # the last calibration day: the book's today
    holdout: dict[str, set[date]]  # studio id -> days with a completed visit after the cut


# -- the data sets, as clientbook's CSV --------------------------------------------------------


def write_csv(path: Path, header: list[str], rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def cdnow_data(folder: Path) -> DataSet:
    """A client per customer (her sample id as the studio id), a visit per purchase day."""
    spent: dict[tuple[int, date], float] = defaultdict(float)
    for purchase in cdnow.purchases():
        spent[purchase.customer, purchase.day] += purchase.dollars
    cut = cdnow.CALIBRATION_END
    customers = sorted({customer for customer, _day in spent})
    clients = write_csv(folder / "cdnow-clients.csv", ["client_id", "first_name"],
                        ([str(c), f"CDNOW {c}"] for c in customers))
    visits = write_csv(folder / "cdnow-visits.csv", ["client_id", "date", "service", "price"],
                       ([str(c), day.isoformat(), "CD order", f"{dollars:.2f}"]
                        for (c, day), dollars in sorted(spent.items()) if day <= cut))
    holdout = defaultdict(set)
    for customer, day in spent:
        if day > cut:
            holdout[str(customer)].add(day)
    return DataSet("CDNOW sample (2,357 customers)", clients, visits, cut, holdout)


def demo_data(folder: Path, clients: int, seed: int) -> DataSet:
    """The demo studio made by `clientbook demo`, exported, its visits cut at DEMO_CUT."""
    book = folder / "demo.db"
    run("demo", "--db", book, "--today", DEMO_TODAY, "--clients", clients, "--years", 3, "--seed", seed)
    for kind in ("clients", "visits"):
        run("export", "--db", book, "--today", DEMO_TODAY, "--kind", kind, "--output", folder / f"demo-{kind}.csv")
    with open(folder / "demo-visits.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    holdout = defaultdict(set)
    for row in rows:
        day = date.fromisoformat(row["date"][:10])
        if day > DEMO_CUT and row["status"] == "done":
            holdout[row["client_id"]].add(day)
    header = list(rows[0])
    calibration = write_csv(folder / "demo-calibration.csv", header,
                            ([row[c] for c in header] for row in rows if row["date"][:10] <= DEMO_CUT.isoformat()))
    return DataSet(f"demo studio ({clients:,} clients, seed {seed})", folder / "demo-clients.csv", calibration,
                   DEMO_CUT, holdout)


def run(*args) -> None:
    """A clientbook command, quietly; its own words if it fails."""
    done = subprocess.run([str(CLIENTBOOK), *map(str, args), "--lang", "en"], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"clientbook {' '.join(map(str, args))} failed:\n{done.stdout}{done.stderr}")


# -- the book, and the model on it -------------------------------------------------------------


def import_into_fresh_book(data: DataSet, folder: Path) -> Path:
    book = folder / f"{data.cut.isoformat()}.db"
    for path in (data.clients_csv, data.visits_csv):
        run("import", path, "--db", book, "--today", data.cut)
    return book


def book_history(book: Path, today: date) -> tuple[list[str], list[int]]:
    """Each completed visit day in the book up to `today`: the client's studio id, and the day."""
    from clientbook.services.book import open_book
    from db.history import completed_visit_days

    database = open_book(book)
    try:
        rows = completed_visit_days(database, today.isoformat())
    finally:
        database.close()
    return [row[1] for row in rows], [date.fromisoformat(row[2]).toordinal() for row in rows]


def outlook_scores(book: Path, today: date, studio_ids, summary: rm.Summary, horizons):
    """`clientbook outlook` at `today` for each horizon: what the book itself gives, in the
    summary's row order. Returns the parameters it fitted, {weeks: (P(no visit), expected
    visits)} and the seconds each outlook took, first (the fit) and later ones."""
    scores, seconds = {}, []
    for weeks in horizons:
        start = time.perf_counter()
        done = subprocess.run([str(CLIENTBOOK), "outlook", "--db", str(book), "--today", today.isoformat(),
                               "--horizon", str(weeks * 7), "--format", "json"], capture_output=True, text=True)
        seconds.append(time.perf_counter() - start)
        if done.returncode:
            sys.exit(f"clientbook outlook failed:\n{done.stderr}")
        by_id = {item["external_id"]: item for item in json.loads(done.stdout)["items"]}
        items = [by_id[studio_ids[row]] for row in summary.clients]
        scores[weeks] = (1 - np.array([i["p_return"] for i in items]), np.array([i["expected_visits"] for i in items]))
    from clientbook.services.book import open_book

    database = open_book(book)
    try:
        params = rm.Params.from_json(database.execute_sql("SELECT params FROM return_model").fetchone()[0])
    finally:
        database.close()
    return params, scores, seconds


# -- the figures -----------------------------------------------------------------------------


def evaluate(data: DataSet, folder: Path) -> None:
    start = time.perf_counter()
    book = import_into_fresh_book(data, folder)
    imported = time.perf_counter() - start
    ids, days = book_history(book, data.cut)
    studio_ids, client_of = np.unique(ids, return_inverse=True)
    summary = rm.summarise(client_of, days, data.cut.toordinal())
    params, bggr, seconds = outlook_scores(book, data.cut, studio_ids, summary, HORIZONS)
    bgnbd = rm.fit_bgnbd(summary)
    print(f"\n## {data.name}: {len(summary):,} clients and {len(days):,} visit days imported "
          f"({imported:.1f} s) up to {data.cut}, scored at its end")
    print(f"BG/GR+clock  r={params.r:.4f} α={params.alpha:.4f} a={params.a:.4f} b={params.b:.4f} "
          f"s={params.s:.2f} μ={params.mu:.3f} (mean shape) c={params.c:.4f} τ={params.tau:.2f} weeks; "
          f"`clientbook outlook` took {seconds[0]:.2f} s with the fit, {seconds[1]:.2f} s after")
    print(f"BG/NBD       r={bgnbd.r:.4f} α={bgnbd.alpha:.4f} a={bgnbd.a:.4f} b={bgnbd.b:.4f} "
          f"({PAPER} on CDNOW)")
    groups = {"all": summary.x >= 0, "2+ visits": summary.x >= 1, "3+ visits": summary.x >= 2}
    for weeks in HORIZONS:
        end = data.cut + timedelta(weeks=weeks)
        made = np.array([sum(data.cut < day <= end for day in data.holdout.get(i, ())) for i in studio_ids])
        made = made[summary.clients]
        models = {"BG/GR+clock": bggr[weeks],
                  "BG/NBD": (rm.bgnbd_p_none(bgnbd, summary, weeks), rm.bgnbd_expected(bgnbd, summary, weeks)),
                  "recency": (summary.T - summary.t_x, None)}
        print(f"\n{weeks} weeks ({data.cut + timedelta(days=1)} to {end}): lapsed = no visit in them")
        ranking_table(models, made == 0, groups)
        calibration_table(models, made, summary.x)


def ranking_table(models: dict, lapsed: np.ndarray, groups: dict) -> None:
    names = list(groups)
    print(f"{'':15}" + "".join(f"{'AUC ' + g:>15}" for g in names) + "".join(f"{'top 10% ' + g:>19}" for g in names))
    for model, (lapse_score, _expected) in models.items():
        print(f"{model:15}" + "".join(f"{auc(lapse_score[m], lapsed[m]):15.4f}" for m in groups.values())
              + "".join(f"{top_decile_lapse(lapse_score[m], lapsed[m]):19.3f}" for m in groups.values()))
    print(f"{'clients; lapsed':15}" + "".join(f"{m.sum():15d}" for m in groups.values())
          + "".join(f"{lapsed[m].mean():19.3f}" for m in groups.values()))


def calibration_table(models: dict, made: np.ndarray, x: np.ndarray) -> None:
    group = np.minimum(x, MOST_REPEATS).astype(int)
    labels = [f"x={j}" for j in range(MOST_REPEATS)] + [f"x={MOST_REPEATS}+"]
    print(f"visits in the horizon, by repeat visits in calibration (x)\n{'':14}{'total':>10}{'':9}"
          + "".join(f"{label:>9}" for label in labels))
    print(f"{'made':14}{made.sum():10.0f}{'':9}" + "".join(f"{made[group == j].sum():9.0f}" for j in range(8)))
    for model, (_score, expected) in models.items():
        if expected is not None:
            print(f"{model:14}{expected.sum():10.1f} ({expected.sum() / made.sum() - 1:+6.1%})"
                  + "".join(f"{expected[group == j].sum():9.1f}" for j in range(8)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["cdnow", "demo"], help="One data set (default: both).")
    parser.add_argument("--demo-clients", type=int, default=2000, help="The demo studio's size (default 2000).")
    parser.add_argument("--seed", type=int, default=1, help="The demo studio's seed (default 1).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="clientbook-quality-") as scratch:
        folder = Path(scratch)
        if args.only in (None, "cdnow"):
            (folder / "cdnow").mkdir()
            evaluate(cdnow_data(folder / "cdnow"), folder / "cdnow")
        if args.only in (None, "demo"):
            (folder / "demo").mkdir()
            evaluate(demo_data(folder / "demo", args.demo_clients, args.seed), folder / "demo")


if __name__ == "__main__":
    main()
