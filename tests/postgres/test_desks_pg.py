"""Desks that see each other on a book on the PostgreSQL server (issue 21): the watch hears
another connection's writes through LISTEN/NOTIFY, the desks' holds live on the server and
are no write to the book, two desks never book one master's slot, and the call list's
screen tests of tests/ui/test_shared_call_list.py run here on a server's book."""
from __future__ import annotations

import threading
import time
from datetime import date, datetime

import psycopg
import pytest

from clientbook.errors import UserError
from clientbook.services import bookings, visit_booking
from clientbook.services.book import open_book, watch_book
from clientbook.services.catalog import add_master, add_service
from clientbook.services.clients import NewClient, add_client
from clientbook.services.contacts import Outcome, log_call
from clientbook.services.slots import check_free
from clientbook.services.visit_booking import book_visit
from clientbook.services.visits import NewVisit, VisitProblem
from db.desks import ServerDeskBoard, desk_board
from tests.ui.conftest import due_book, steady_cursor  # noqa: F401 - the screen tests' book and cursor
from tests.ui.test_shared_call_list import *  # noqa: F403

WAIT = 20.0  # seconds: the deadline of every wait; generous, the machine may be busy


def heard(watch, since: int, timeout: float = WAIT) -> int:
    """The watch's version once it moved from `since` (it is asked as a screen asks it)."""
    deadline = time.monotonic() + timeout
    while (version := watch.version()) == since:
        assert time.monotonic() < deadline, f"the watch heard nothing in {timeout:g} s"
        time.sleep(0.01)
    return version


def quiet(watch, version: int, settle: float = 0.3) -> bool:
    """Whether the watch stays at `version`: nothing arrives that a notification sent
    before this call would have brought (the server delivers one in milliseconds)."""
    time.sleep(settle)
    return watch.version() == version


# -- the watch: LISTEN/NOTIFY ------------------------------------------------------------------

def test_another_connections_write_moves_the_watch_and_a_read_or_a_rollback_does_not(book_path):
    book = open_book(book_path)
    watch = watch_book(book)
    other = open_book(book_path)
    try:
        version = watch.version()
        anna = add_client(other, NewClient("Анна", "Ёлкина"))
        version = heard(watch, version)

        other.execute_sql("SELECT * FROM clients").fetchall()
        other.execute_sql("UPDATE clients SET last_name = 'x' WHERE id = -1")  # found nothing to change
        other.execute_sql("INSERT OR IGNORE INTO clients SELECT * FROM clients WHERE id = ?", (anna,))  # there
        with pytest.raises(RuntimeError), other.atomic():
            other.execute_sql("UPDATE clients SET last_name = 'gone' WHERE id = ?", (anna,))
            raise RuntimeError("rolled back")
        assert quiet(watch, version)

        with other.atomic():  # one transaction: one notification
            add_client(other, NewClient("Вера", "Ким"))
            add_client(other, NewClient("Мария", "Лось"))
        assert heard(watch, version) == version + 1
    finally:
        watch.close()
        other.close()
        book.close()


def test_every_table_of_the_book_notifies_and_the_desks_holds_do_not(book_path):
    book = open_book(book_path)
    desk_board(book_path, "reception:1", "Ресепшен").close()  # the first board makes the holds table
    try:
        tables = {row[0] for row in book.execute_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
        triggered = {row[0] for row in book.execute_sql(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE 'clientbook_written%'")}
    finally:
        book.close()
    assert "clients" in triggered and "visits" in triggered and "contacts" in triggered
    assert "clientbook_desks" in tables and triggered == tables - {"clientbook_desks"}


def test_a_book_opened_again_gets_the_triggers_back(book_path):
    book = open_book(book_path)
    book.execute_sql("DROP TRIGGER clientbook_written_insert ON clients")
    book.close()
    book = open_book(book_path)  # a table without them (a later step's, one copied in) is given them
    watch = watch_book(book)
    try:
        version = watch.version()
        add_client(book, NewClient("Анна", "Ёлкина"))
        heard(watch, version)
    finally:
        watch.close()
        book.close()


def test_a_watch_that_lost_its_server_connection_listens_again_and_reads_once(book_path, monkeypatch):
    monkeypatch.setattr("db.changes.RETRY_SECONDS", 0.05)
    book = open_book(book_path)
    watch = watch_book(book)
    try:
        version = watch.version()
        book.execute_sql("SELECT pg_terminate_backend(?)", (watch.connection.info.backend_pid,))
        version = heard(watch, version)  # listening again: what was written meanwhile is read once
        add_client(book, NewClient("Анна", "Ёлкина"))
        heard(watch, version)
    finally:
        watch.close()
        book.close()


# -- the desks' holds on the server ------------------------------------------------------------

def test_holds_are_seen_by_the_other_desks_and_are_no_write_to_the_book(book_path):
    book = open_book(book_path)
    watch = watch_book(book)
    reception = desk_board(book_path, "reception:1", "Ресепшен")
    hall = desk_board(book_path, "hall:2", "Зал")
    try:
        assert isinstance(reception, ServerDeskBoard)
        book_version, seen = watch.version(), hall.version()
        mine = reception.version()
        reception.hold(7, 1000.0)
        seen = heard(hall, seen)
        assert hall.others(1000.0) == {7: "Ресепшен"} and reception.others(1000.0) == {}
        assert hall.others(1000.0 + 31) == {}  # not renewed for 30 seconds: nobody's
        hall.hold(8, 1001.0)
        heard(reception, mine)
        assert reception.others(1001.0) == {8: "Зал"}
        assert quiet(watch, book_version)  # a cursor moving makes no desk read its list again

        seen = hall.version()
        assert quiet(hall, seen, settle=0.1)  # its own hold is not news to it
        reception.let_go()
        heard(hall, seen)
        assert hall.others(1001.0) == {}
    finally:
        reception.close()
        hall.close()
        watch.close()
        book.close()


def test_a_board_without_its_server_holds_nothing_and_sees_nobody(pg_cluster):
    board = desk_board(pg_cluster.url("no_such_book"), "reception:1", "Ресепшен")
    board.hold(7, 1000.0)
    assert board.others(1000.0) == {} and board.version() == board.version()
    board.close()


# -- two desks, one master's slot ----------------------------------------------------------------

TODAY = date(2026, 11, 22)
ELEVEN = datetime(2026, 11, 23, 11)  # Monday


@pytest.fixture
def salon(book_path):
    book = open_book(book_path)
    add_master(book, "Ольга Смирнова", "mon-sat 10-20")
    add_service(book, "Маникюр", "nails", price_cents=200000, duration_min=90)
    clients = [add_client(book, NewClient(first, last)) for first, last in (("Анна", "Ёлкина"), ("Вера", "Ким"))]
    book.close()
    return clients


def side_by_side(monkeypatch, book_path, write):
    """Two desks (threads, each its own connection) book the same slot. The first to find
    it free waits, before writing, until the other desk has either found it free too (the
    race a guard must prevent) or waits for the chair; then both go on. What each got:
    the new visit's id, or the UserError."""
    passed, lock = [], threading.Condition()

    def waiting_for_the_chair() -> bool:
        with psycopg.connect(book_path, autocommit=True) as look:
            return look.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                                ).fetchone()[0] > 0

    def paused(*args, **kwargs):
        check_free(*args, **kwargs)  # refused: the UserError goes up as it would
        with lock:
            passed.append(threading.current_thread().name)
            lock.notify_all()
            if len(passed) > 1:
                return
        deadline = time.monotonic() + WAIT
        while not waiting_for_the_chair():
            with lock:
                if lock.wait_for(lambda: len(passed) > 1, timeout=0.02):
                    return
            assert time.monotonic() < deadline, "the other desk neither found the slot free nor waited for the chair"

    monkeypatch.setattr(visit_booking, "check_free", paused)
    monkeypatch.setattr(bookings, "check_free", paused)
    results: list = [None, None]
    start = threading.Barrier(2)

    def desk(n: int) -> None:
        book = open_book(book_path)
        try:
            start.wait()
            results[n] = write(book, n)
        except UserError as error:
            results[n] = error
        finally:
            book.close()

    threads = [threading.Thread(target=desk, args=(n,), name=f"desk-{n}") for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 2)
    return results


def booked_at_eleven(book_path) -> int:
    book = open_book(book_path)
    try:
        return book.execute_sql("SELECT count(*) FROM visits WHERE starts_at = ? AND status = 'planned'",
                                (ELEVEN.isoformat(sep=" "),)).fetchone()[0]
    finally:
        book.close()


REFUSED = ("Ольга Смирнова: the time Monday, November 23, 11:00 is taken. "
           "The next free slot is Monday, November 23, 12:30.")


def test_two_desks_booking_one_masters_slot_from_the_card_one_is_told_the_next_free_one(salon, book_path,
                                                                                         monkeypatch):
    visit = NewVisit(ELEVEN, ("Маникюр",), master="Ольга Смирнова", status="planned")
    results = side_by_side(monkeypatch, book_path, lambda book, n: book_visit(
        book, salon[n], visit, today=TODAY, now=datetime(2026, 11, 22, 12)))
    refused = [result for result in results if isinstance(result, UserError)]
    assert len(refused) == 1 and isinstance(refused[0], VisitProblem) and str(refused[0]) == REFUSED, results
    assert booked_at_eleven(book_path) == 1


def test_two_desks_booking_one_masters_slot_on_the_call_list_one_is_told_the_next_free_one(salon, book_path,
                                                                                            monkeypatch):
    outcome = Outcome("booked", on=ELEVEN, services=("Маникюр",), master="Ольга")
    results = side_by_side(monkeypatch, book_path, lambda book, n: log_call(
        book, salon[n], outcome, datetime(2026, 11, 22, 12)).booking)
    refused = [result for result in results if isinstance(result, UserError)]
    assert len(refused) == 1 and str(refused[0]) == REFUSED, results
    assert booked_at_eleven(book_path) == 1
