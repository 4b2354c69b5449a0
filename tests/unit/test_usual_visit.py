"""What a client usually has offers only the studio's active masters and services."""
from __future__ import annotations

from datetime import date, datetime

from clientbook.services.catalog import add_master, add_service
from clientbook.services.catalog_edits import archive_master, archive_service
from clientbook.services.clients import NewClient, add_client
from clientbook.services.usual_visit import UsualVisit, usual_visit
from clientbook.services.visits import NewVisit, add_visit

TODAY = date(2026, 11, 22)


def test_an_archived_master_and_service_are_never_the_usual_ones(book):
    add_master(book, "Ольга Смирнова")
    add_master(book, "Дарья Белова")
    add_service(book, "Маникюр", "nails", price_cents=200000, duration_min=90)
    add_service(book, "Покрытие", "nails", price_cents=100000, duration_min=30)
    anna = add_client(book, NewClient("Анна", "Ёлкина"))
    for day, master in ((1, "Ольга Смирнова"), (8, "Ольга Смирнова"), (15, "Дарья Белова")):
        add_visit(book, anna, NewVisit(datetime(2026, 11, day, 12), ("Маникюр", "Покрытие"), master=master,
                                       price_cents=310000), today=TODAY)
    assert usual_visit(book, anna) == UsualVisit("Ольга Смирнова", ("Маникюр", "Покрытие"), 310000, 120)
    archive_master(book, "Ольга Смирнова")
    archive_service(book, "Покрытие")
    # Ольга has left: Дарья, the next most frequent; the price paid was for both, so none is kept.
    assert usual_visit(book, anna) == UsualVisit("Дарья Белова", ("Маникюр",), None, 90)
    archive_master(book, "Дарья Белова")
    assert usual_visit(book, anna).master is None


def test_a_new_client_of_a_solo_master_has_her_as_master(book):
    from clientbook.services.catalog import add_master
    from clientbook.services.clients import NewClient, add_client
    from clientbook.services.usual_visit import usual_visit

    anna = add_client(book, NewClient("Анна"))
    assert usual_visit(book, anna).master is None  # no master in the book yet
    add_master(book, "Ольга Смирнова")
    assert usual_visit(book, anna).master == "Ольга Смирнова"
    add_master(book, "Дарья Белова")
    assert usual_visit(book, anna).master is None  # two masters: nobody is chosen for her
