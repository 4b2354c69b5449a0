"""What every reliability test asks of a book afterwards."""
from __future__ import annotations

from clientbook.services.figures import rebuild_all


def assert_sound(database) -> None:
    assert database.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def _figures(database) -> tuple[list, list]:
    return (database.execute_sql("SELECT * FROM client_figures ORDER BY client_id").fetchall(),
            database.execute_sql("SELECT * FROM client_tracks ORDER BY client_id, track").fetchall())


def figures_agree_with_rebuild(database) -> None:
    """The precomputed figures are what a full rebuild makes (the rebuild is rolled back)."""
    kept = _figures(database)
    with database.atomic() as transaction:
        rebuild_all(database)
        rebuilt = _figures(database)
        transaction.rollback()
    assert kept == rebuilt
