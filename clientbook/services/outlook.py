"""Will she come back? The return model's figures for every client, kept in the book.

The model (clientbook.domain.return_model) is fitted on the book's own completed visits and
scores each client with one: the chance she is still a client, that she comes back within
90 days, the visits and revenue expected in them. The figures are stored (db/outlook.py),
so the call list orders by them with a join. They are redone on the first use of each day
(`ensure_fresh`: refit, rescore everyone) and by `rebuild`; a client whose visits changed
meanwhile is rescored on the next read.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from clientbook.i18n import _
from db import outlook as store
from db.connection import translate_error
from db.errors import DATABASE_ERRORS, BookLocked, BookUnwritable

HORIZON_DAYS = 90  # the stored figures' horizon: `outlook` and the call list's default
MIN_RETURNING = 20  # clients with a second visit before the studio-wide parameters are trusted
FEW_STALE = 2000  # above this many clients to rescore, rescoring everyone is as quick
YEAR = 365
# One refresh at a time in a process: a screen that reads while the interface's start-up
# refresh runs waits for it instead of fitting the same model a second time.
_refreshing = threading.Lock()


@dataclass(frozen=True)
class Outlook:
    """One client's figures within a horizon."""

    id: int
    external_id: str | None
    visits: int
    last_visit: str  # YYYY-MM-DD: parsed only where it is shown (100,000 dates cost 0.1 s)
    usual_interval_days: float | None
    p_alive: float | None  # None while the book has too few returning clients to fit on
    p_return: float | None
    expected_visits: float | None
    expected_revenue_cents: int | None

    def values(self) -> tuple:
        """The FIELDS, in order, as JSON and CSV give them."""
        return (self.id, self.external_id, self.visits, self.last_visit,
                None if self.usual_interval_days is None else round(self.usual_interval_days, 1),
                _rounded(self.p_alive), _rounded(self.p_return), _rounded(self.expected_visits),
                self.expected_revenue_cents)

    def as_json(self) -> dict:
        return dict(zip(FIELDS, self.values(), strict=True))


FIELDS = ("id", "external_id", "visits", "last_visit", "usual_interval_days", "p_alive", "p_return",
          "expected_visits", "expected_revenue_cents")


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def _writable(database) -> bool:
    return not getattr(database, "read_only", "")


def ensure_fresh(database, today: date) -> None:
    """Refit and rescore on the first use of `today`; rescore the clients whose visits
    changed since. Nothing in a book open for reading only; a book that cannot be written
    just now (a full disk, another program's long write) keeps the figures it has: they
    are derived, and reading must go on."""
    if not _writable(database):
        return
    try:
        with _refreshing:
            _bring_up_to_date(database, today)
    except DATABASE_ERRORS as error:
        if not isinstance(translate_error(error, getattr(database, "path", None)), (BookLocked, BookUnwritable)):
            raise


def _bring_up_to_date(database, today: date) -> None:
    state = store.model_state(database)
    if state is None or state.scored_on != today.isoformat():
        refresh(database, today)
        return
    stale = store.stale_clients(database)
    if len(stale) > FEW_STALE:
        refresh(database, today, refit=False)
    elif stale:
        _rescore(database, today, state.params, stale)


def forget_model(database) -> None:
    """Drop the parameters: the next use refits and rescores everyone."""
    store.forget_model(database)


def refresh(database, today: date, *, refit: bool = True) -> None:
    """Fit the model on the book's history up to `today` (unless `refit` is False and it has
    parameters already) and store every client's figures. The arithmetic runs before the
    write transaction, which only stores: another window is kept waiting for the writes alone."""
    state = store.model_state(database)
    stale = store.stale_clients(database)
    summary = _summary(database, today)
    params_json = state.params if state is not None and not refit else None
    if params_json is None or refit:
        params_json = _fit(summary)
    rows = _rows(database, params_json, summary, today)
    with database.atomic():
        store.save_model(database, params_json, today.isoformat() if refit or state is None else state.fitted_on,
                         today.isoformat())
        store.write_outlook(database, rows, replace_all=True, stale=stale)


def _rescore(database, today: date, params_json: str | None, stale: list[int]) -> None:
    rows = _rows(database, params_json, _summary(database, today, stale), today)
    with database.atomic():
        store.write_outlook(database, rows, replace_all=False, stale=stale)


def _summary(database, today: date, client_ids: list[int] | None = None):
    from itertools import chain

    import numpy as np

    from clientbook.domain import return_model

    visits = np.fromiter(chain.from_iterable(store.visit_days(database, client_ids)), np.int64).reshape(-1, 2)
    return return_model.summarise(visits[:, 0], visits[:, 1], today.toordinal())


def _fit(summary) -> str | None:
    """The parameters' JSON, or None when too few clients came back to fit on."""
    from clientbook.domain import return_model

    if int((summary.x > 0).sum()) < MIN_RETURNING:
        return None
    return return_model.fit(summary).to_json()


def _rows(database, params_json: str | None, summary, today: date, horizon_days: int = HORIZON_DAYS) -> list[tuple]:
    """Outlook rows (db.outlook.OUTLOOK_COLUMNS) of the summary's clients. What a call can
    save is her chance of not coming back by herself times a year of her visits at her
    rhythm; without parameters the chances are None, and the chance is taken as 1."""
    if not len(summary):
        return []
    ids = [int(i) for i in summary.clients]
    worth = store.worth_of(database, ids)
    none = [None] * len(ids)
    p_alive, p_return, expected, shape = none, none, none, none
    if params_json is not None:
        from clientbook.domain import return_model

        scores = return_model.score(return_model.Params.from_json(params_json), summary,
                                    horizon_days / return_model.WEEK)
        p_alive, p_return = scores.p_alive.tolist(), scores.p_return.tolist()
        expected, shape = scores.expected_visits.tolist(), scores.shape.tolist()
    rows = []
    for i, client_id in enumerate(ids):
        average, interval, regular = worth.get(client_id, (None, None, 0))
        a_year = (average or 0) * YEAR / interval if interval else 0.0
        slipping = 1.0 if p_return[i] is None else 1.0 - p_return[i]
        revenue = None if expected[i] is None else round(expected[i] * (average or 0))
        rows.append((client_id, p_alive[i], p_return[i], expected[i], revenue, shape[i], regular, slipping * a_year))
    return rows


def scoring(database) -> tuple[bool, bool]:
    """(Whether every client with a visit has her outlook row: the book was scored, and no
    client waits to be rescored (a book open for reading only cannot rescore); whether
    those rows hold the model's chances, fitted on enough returning clients.)"""
    state = store.model_state(database)
    scored_all = state is not None and not store.any_stale(database)
    return scored_all, scored_all and state.params is not None


def nobody_sentence() -> str:
    """What `outlook` says of a book where nobody has come yet."""
    return _("No client has a completed visit yet.")


def too_few_sentence(database) -> str | None:
    """Why the book's clients have no figures yet, or None when they have them."""
    state = store.model_state(database)
    if state is not None and state.params is not None:
        return None
    return _("The return model needs at least {count} clients who came back for a second visit; "
             "until then clients have no chances.").format(count=MIN_RETURNING)


def outlook(database, today: date, horizon_days: int = HORIZON_DAYS) -> list[Outlook]:
    """Every active client with a completed visit, by id, with her figures within
    `horizon_days`: the stored ones for the usual 90 days, computed with the stored
    parameters for another horizon."""
    ensure_fresh(database, today)
    rows = store.outlook_rows(database)
    if horizon_days == HORIZON_DAYS:
        return [Outlook(*row) for row in rows]
    state = store.model_state(database)
    scored = {row[0]: row[1:5] for row in _rows(database, state.params if state else None,
                                                _summary(database, today), today, horizon_days)}
    empty = (None,) * 4  # p_alive, p_return, expected_visits, expected_revenue_cents
    return [Outlook(*row[:5], *scored.get(row[0], empty)) for row in rows]
