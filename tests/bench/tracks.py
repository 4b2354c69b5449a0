"""Does scoring each service track on its own tell better who comes back for that track?

    .venv/bin/python tests/bench/tracks.py          # about 20 s: makes a 2,000-client demo studio

The return model scores a client on all her visits. A client on two tracks (nails every few
weeks, colour every two months) may keep coming for one and let the other lapse, and the
call list names the overdue track. This compares, for each (client, track) with two or more
visits before the cut, how well these rank "no visit on this track within the horizon":
the client's own p_return (all her visits), the same model scoring the track's visits
alone (with the studio's parameters fitted on clients, and fitted on tracks), and plain
recency and the old "past the usual interval" ratio on the track. Demo studio: `clientbook
demo --clients 2000 --years 3 --seed 1 --today 2026-11-22`, cut at 2025-11-22. Prints;
asserts nothing.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clientbook.domain import return_model as rm  # noqa: E402
from tests.bench.lapse import auc, top_decile_lapse  # noqa: E402

CLIENTBOOK = Path(sys.executable).parent / "clientbook"
CUT = date(2025, 11, 22).toordinal()


def track_visits(book: Path):
    """(client, track, day number) of every completed visit's service, distinct."""
    from clientbook.services.book import open_book

    database = open_book(book)
    try:
        return database.execute_sql(
            "SELECT DISTINCT v.client_id, s.category, "
            "CAST(julianday(substr(v.starts_at, 1, 10)) - 1721424.5 AS INTEGER) FROM visits v "
            "JOIN visit_services vs ON vs.visit_id = v.id JOIN services s ON s.id = vs.service_id "
            "WHERE v.status = 'done'").fetchall()
    finally:
        database.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="clientbook-tracks-") as scratch:
        book = Path(scratch) / "demo.db"
        subprocess.run([str(CLIENTBOOK), "demo", "--db", str(book), "--today", "2026-11-22", "--clients", "2000",
                        "--years", "3", "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
        rows = track_visits(book)
    client = np.array([r[0] for r in rows])
    day = np.array([r[2] for r in rows])
    units: dict[tuple[int, str], int] = {}
    unit = np.array([units.setdefault((r[0], r[1]), len(units)) for r in rows])
    owner = np.zeros(len(units), int)
    for (who, _track), number in units.items():
        owner[number] = who
    by_client, by_track = rm.summarise(client, day, CUT), rm.summarise(unit, day, CUT)
    client_params, track_params = rm.fit(by_client), rm.fit(by_track)
    tracks_of = np.bincount(owner[by_track.clients])[owner[by_track.clients]]
    groups = {"2+ visits": by_track.x >= 1, "of two-track clients": (by_track.x >= 1) & (tracks_of >= 2)}
    print(f"{len(units):,} client tracks, {groups['2+ visits'].sum():,} with 2+ visits before the cut")
    for weeks in (13, 39):
        came = np.zeros(len(units), bool)
        came[np.unique(unit[(day > CUT) & (day <= CUT + weeks * 7)])] = True
        lapsed = ~came[by_track.clients]
        her = dict(zip(by_client.clients, rm.score(client_params, by_client, weeks).p_return))
        recency = by_track.T - by_track.t_x
        usual = np.where(by_track.x >= 3, by_track.t_x / np.maximum(by_track.x, 1), 6.0)  # studio default 42 days
        scores = {
            "client's p_return": 1 - np.array([her[owner[u]] for u in by_track.clients]),
            "track, client fit": 1 - rm.score(client_params, by_track, weeks).p_return,
            "track, track fit": 1 - rm.score(track_params, by_track, weeks).p_return,
            "track recency": recency,
            "track ratio": recency / usual,
        }
        print(f"\n{weeks} weeks: lapsed = no visit on the track; lapse rate {lapsed[groups['2+ visits']].mean():.3f}")
        print(f"{'':20}" + "".join(f"{'AUC ' + g:>26}" for g in groups) + f"{'top 10%':>10}")
        for name, score in scores.items():
            print(f"{name:20}" + "".join(f"{auc(score[m], lapsed[m]):26.4f}" for m in groups.values())
                  + f"{top_decile_lapse(score[groups['2+ visits']], lapsed[groups['2+ visits']]):10.3f}")


if __name__ == "__main__":
    main()
