"""What every reliability test asks of a book afterwards."""
from __future__ import annotations

from clientbook.services.figures import rebuild_all
from db.json_book import foreign_key_problems
from db.postgres import dialect


def assert_sound(database) -> None:
    if dialect(database) == "postgresql":  # a server keeps its pages whole itself; the references:
        assert foreign_key_problems(database) == []
        return
    assert database.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def _figures(database) -> tuple[list, ...]:
    """The figures, and the lives the reports count (clientbook.services.lives)."""
    return (database.execute_sql("SELECT * FROM client_figures ORDER BY client_id").fetchall(),
            database.execute_sql("SELECT * FROM client_tracks ORDER BY client_id, track").fetchall(),
            database.execute_sql("SELECT * FROM client_days ORDER BY client_id, day").fetchall(),
            database.execute_sql("SELECT * FROM client_spells ORDER BY client_id, lost_on").fetchall(),
            database.execute_sql("SELECT * FROM client_master_days ORDER BY client_id, day, master_id").fetchall())


def figures_agree_with_rebuild(database) -> None:
    """The precomputed figures are what a full rebuild makes (the rebuild is rolled back)."""
    kept = _figures(database)
    with database.atomic() as transaction:
        rebuild_all(database)
        rebuilt = _figures(database)
        transaction.rollback()
    assert kept == rebuilt
