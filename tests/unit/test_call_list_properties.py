"""Property: whatever the book holds, no client the rules exclude is ever listed."""
from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook.services.book import open_book
from clientbook.services.calls import call_list
from clientbook.services.clients import NewClient, add_client, archive
from clientbook.services.contacts import Outcome, log_call
from clientbook.services.visits import NewVisit, add_visit

TODAY = date(2026, 11, 22)
counter = itertools.count()

contact = st.tuples(
    st.integers(min_value=0, max_value=60),  # days before today
    st.sampled_from(["no_answer", "left_message", "callback", "declined", "wrong_number",
                     "do_not_contact"]),
    st.integers(min_value=0, max_value=10),  # call-back this many days after the call
)
client = st.fixed_dictionaries({
    "visits": st.lists(st.integers(min_value=1, max_value=400), max_size=6, unique=True),
    "booking": st.one_of(st.none(), st.tuples(st.integers(-5, 10), st.sampled_from(["planned", "tentative"]))),
    "archived": st.booleans(),
    "dnc": st.booleans(),
    "contacts": st.lists(contact, max_size=4),
})


def build(new_book_path, clients):
    book = open_book(new_book_path(f"prop-{next(counter)}.db"))  # a file, or a database on the server
    ids = []
    for n, spec in enumerate(clients):
        cid = add_client(book, NewClient("Клиент", f"Номер{n}", do_not_contact=spec["dnc"]))
        ids.append(cid)
        for ago in spec["visits"]:
            add_visit(book, cid, NewVisit(datetime.combine(TODAY - timedelta(days=ago), datetime.min.time()),
                                          ("Маникюр",)), {"Маникюр": "nails"}, today=TODAY)
        if spec["booking"]:
            offset, status = spec["booking"]
            day = TODAY + timedelta(days=offset)  # booked while that day was ahead; maybe never closed
            add_visit(book, cid, NewVisit(datetime.combine(day, datetime.min.time()),
                                          ("Маникюр",), status=status), {"Маникюр": "nails"},
                      today=min(day, TODAY))
        for ago, outcome, later in sorted(spec["contacts"], key=lambda c: -c[0]):
            day = TODAY - timedelta(days=ago)
            on = day + timedelta(days=later) if outcome == "callback" else None
            log_call(book, cid, Outcome(outcome, on=on, reason="price" if outcome == "declined" else ""),
                     datetime.combine(day, time(12)))
        if spec["archived"]:
            archive(book, cid)
    return book, ids


def excluded(spec) -> set[str]:
    """The rules that keep this client off today's list, worked out from the facts."""
    why = set()
    if spec["archived"]:
        why.add("archived")
    if spec["dnc"] or any(c[1] == "do_not_contact" for c in spec["contacts"]):
        why.add("do_not_contact")
    if spec["booking"] and spec["booking"][0] >= 0:
        why.add("booked")
    last_visit_ago = min(spec["visits"]) if spec["visits"] else None
    cycle = sorted((c for c in spec["contacts"] if last_visit_ago is None or c[0] <= last_visit_ago),
                   key=lambda c: -c[0])
    promised = None  # the open call-back: a call not answered leaves it open, any other answer closes it
    for ago, outcome, later in cycle:
        if outcome == "callback":
            promised = later - ago  # its day, counted from today
        elif outcome not in ("no_answer", "left_message"):
            promised = None
    if promised is not None and promised > 0:
        why.add("callback_later")
    if cycle:
        ago, outcome, later = cycle[-1]
        if outcome in ("no_answer", "left_message") and ago < 2:
            why.add("cool_down")
    if any(c[1] == "declined" for c in cycle):
        why.add("declined")
    if sum(c[1] in ("no_answer", "left_message") for c in cycle) >= 3:
        why.add("attempts")
    return why


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(client, min_size=1, max_size=6))
def test_no_excluded_client_is_ever_listed(new_book_path, clients):
    book, ids = build(new_book_path, clients)
    try:
        for item in call_list(book, TODAY, limit=0).items:
            why = excluded(clients[ids.index(item.id)])
            if item.reason == "confirm":
                assert not why & {"archived", "do_not_contact"}, why
                assert clients[ids.index(item.id)]["booking"][1] == "tentative"
            else:
                assert not why, (item.reason, why)
    finally:
        book.close()
