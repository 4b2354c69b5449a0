"""What a client usually has: the defaults of a new visit or booking for her.

Her usual master and service are the most frequent among her last completed visits (the
master falls back to her preferred one, then to the studio's only master); the price is what she last paid for that service.
Only the studio's active masters and services are offered: one who has left, or a service
taken off the price list, is never a default.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from db import catalog as catalog_db

RECENT_VISITS = 5  # "usual" means lately: a client who changed master has a new usual one


@dataclass(frozen=True)
class UsualVisit:
    master: str | None
    services: tuple[str, ...]
    price_cents: int | None
    duration_min: int | None  # the services' durations added up, when the price list has them


def usual_visit(database, client_id: int) -> UsualVisit:
    recent = catalog_db.recent_done_visits(database, client_id, RECENT_VISITS)  # newest first
    active_masters = {row[1] for row in catalog_db.masters(database)}
    active_services = {row[1] for row in catalog_db.services(database)}
    masters = Counter(master for master, _services, _price in recent if master in active_masters)
    master = masters.most_common(1)[0][0] if masters else catalog_db.preferred_master(database, client_id)
    if master is None and len(active_masters) == 1:  # a solo master's book: she is every client's master
        master = next(iter(active_masters))
    kinds = Counter(services for _master, services, _price in recent if services)
    usual = kinds.most_common(1)[0][0] if kinds else ()
    services = tuple(name for name in usual if name in active_services)
    # What she paid was for all of them: with one off the price list, the price list's prices apply.
    price = (next((price for _master, done, price in recent if done == usual and price is not None), None)
             if services == usual else None)
    durations = catalog_db.durations(database, services)
    duration = sum(durations) if durations and None not in durations else None
    return UsualVisit(master, services, price, duration)
