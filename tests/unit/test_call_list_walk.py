"""The due clients read in the outlook's order (issue 21): once every client has her chances,
the call list walks client_outlook's index instead of sorting every due client, and gives
the very same list, whatever the cap and whoever has a birthday today."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from clientbook.domain.dates import Birthday
from clientbook.services.book import open_book
from clientbook.services.calls import call_list
from clientbook.services.catalog import add_service
from clientbook.services.clients import NewClient, add_client, archive, unarchive
from clientbook.services.courses import add_course
from clientbook.services.outlook import ensure_fresh, refresh, scoring
from clientbook.services.visits import NewVisit, add_visit
from db import queries

TODAY = date(2026, 11, 22)
TRACKS = {"Маникюр": "nails", "Стрижка": "haircut"}


@pytest.fixture(scope="module")
def studio(new_book_path):
    """Ninety clients with a rhythm of their own on one or two tracks, many of them due, a
    few lost, one in six with her birthday today (most of them spending little); twins whose figures tie, so the order's
    later keys decide; clients due on both tracks; the studio's best client due, with a
    course running out. Every client scored."""
    book = open_book(new_book_path("walk.db"))  # a file, or a database on the server
    add_service(book, "Маникюр", "nails")
    add_service(book, "Стрижка", "haircut")
    pick = random.Random(21)
    for n in range(90):
        born = Birthday(TODAY.day, TODAY.month, 1990) if n % 6 == 0 else None
        cid = add_client(book, NewClient("Клиент", f"Номер{n}", birthday=born))
        cheap = born is not None and n % 4 != 0  # most greetings rank low: the page is the due clients'

        for service in pick.sample(sorted(TRACKS), pick.choice((1, 1, 2))):
            every, visits = pick.randint(14, 60), pick.randint(2, 7)
            last = TODAY - timedelta(days=pick.randint(1, 200))
            for k in range(visits):
                when = datetime.combine(last - timedelta(days=every * k), datetime.min.time()) + timedelta(hours=11)
                price = 10000 if cheap else pick.randint(10, 60) * 10000
                add_visit(book, cid, NewVisit(when, (service,), price_cents=price),
                          TRACKS, today=TODAY)
    for twin in range(6):  # three pairs alike in everything but their number
        _regular(book, f"Близнец{twin}", {"Маникюр": (21, 30 + twin // 2 * 3)}, 250000)
    for n in range(3):  # due on both tracks, the haircut (first by name) the less overdue
        _regular(book, f"Два{n}", {"Маникюр": (20, 32 + n), "Стрижка": (40, 45 + n)}, 300000)
    best = _regular(book, "Лучшая", {"Маникюр": (14, 20)}, 900000, visits=12)
    add_course(book, best, 5, TODAY - timedelta(days=10), service="Маникюр", valid_until=TODAY + timedelta(days=5))
    ensure_fresh(book, TODAY)
    yield book
    book.close()


def _regular(book, name: str, rhythm: dict[str, tuple[int, int]], price_cents: int, visits: int = 6) -> int:
    """A client who came every `every` days for each service, the last time `ago` days back."""
    cid = add_client(book, NewClient("Клиент", name))
    for service, (every, ago) in rhythm.items():
        for k in range(visits):
            when = datetime.combine(TODAY - timedelta(days=ago + every * k), datetime.min.time()) + timedelta(hours=11)
            add_visit(book, cid, NewVisit(when, (service,), price_cents=price_cents), TRACKS, today=TODAY)
    return cid


def test_the_book_has_its_chances(studio):
    assert scoring(studio) == (True, True)  # every client scored, with the model's chances
    assert len(queries.overdue(studio, TODAY.isoformat(), 1000, False)) > 30  # enough due to order


@pytest.mark.parametrize("limit", [1, 2, 5, 13, 30, 1000])
def test_the_walk_gives_what_sorting_every_due_client_gives(studio, limit):
    walked = queries.overdue(studio, TODAY.isoformat(), limit, True)
    sorted_all = queries.overdue(studio, TODAY.isoformat(), limit, False)
    assert walked == sorted_all
    assert len(walked) == min(limit, len(queries.overdue(studio, TODAY.isoformat(), 1000, False)))


@pytest.mark.parametrize("cap", [1, 3, 8, 20, 40])
def test_a_capped_list_is_the_head_of_the_whole_one(studio, cap):
    """Birthdays among the most valuable due clients make the due query read more than the
    cap: the list cut at `cap` is still the whole list's head."""
    whole = call_list(studio, TODAY, limit=0).items
    capped = call_list(studio, TODAY, limit=cap).items
    fixed = sum(item.reason in ("callback", "confirm", "course") for item in whole)
    assert [(i.id, i.reason, i.track) for i in capped] == [(i.id, i.reason, i.track) for i in whole[:fixed + cap]]
    assert any(item.reason == "birthday" for item in whole[:fixed + 8])
    assert [item.reason for item in whole[:fixed] if item.reason == "course"] == ["course"]


def test_a_client_archived_and_restored_is_walked_again(studio):
    """Her outlook row goes while she is archived (the day's refresh scores active clients
    only); restored, she is scored again on the next read, so the walk finds her."""
    due = queries.overdue(studio, TODAY.isoformat(), 1000, True)
    her = due[0].id
    archive(studio, her)
    refresh(studio, TODAY)  # the day's scoring while she is archived
    assert her not in [row.id for row in queries.overdue(studio, TODAY.isoformat(), 1000, False)]
    unarchive(studio, her)
    listed = [item.id for item in call_list(studio, TODAY, limit=0).items]
    assert her in listed
    assert queries.overdue(studio, TODAY.isoformat(), 1000, True) == queries.overdue(
        studio, TODAY.isoformat(), 1000, False)
