"""The holds desks keep on the call list's rows: a renewal never takes back a hold let go
(the renewal is asked on a timer, in a thread, and may run after the letting go).
tests/postgres/test_desk_holds_pg.py runs these on a server's book."""
from __future__ import annotations

from db.desks import desk_board


def test_a_renewal_after_letting_go_takes_nothing_back(book, book_path):
    reception = desk_board(book_path, "reception:1", "Ресепшен")
    hall = desk_board(book_path, "hall:1", "Зал")
    try:
        reception.hold(7, 1000.0)
        reception.renew(7, 1020.0)
        assert hall.others(1040.0) == {7: "Ресепшен"}  # renewed: not yet 30 s old
        reception.let_go()
        reception.renew(7, 1041.0)  # asked before the letting go, run after it
        assert hall.others(1042.0) == {}
        reception.hold(8, 1043.0)
        reception.renew(7, 1044.0)  # a renewal of the row left behind
        assert hall.others(1045.0) == {8: "Ресепшен"}
    finally:
        reception.close()
        hall.close()
