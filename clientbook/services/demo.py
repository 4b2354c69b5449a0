"""The demo studio: a believable book to try clientbook on, the same for the same seed.

Rows are generated in Python from one random.Random(seed) — never the clock — and
written with executemany in one transaction, then the search index and the figures are
built in that same transaction: 100,000 clients in well under a minute.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from clientbook.errors import UserError
from clientbook.i18n import _, ngettext
from clientbook.services import demo_data as data
from clientbook.services.figures import rebuild_all
from clientbook.services.indexing import index_all

YEAR_DAYS = 365


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    masters: int
    services: int
    visits: int
    contacts: int


def demo_sentence(summary: DemoSummary, book) -> str:
    """What `clientbook demo` says it made, and where."""
    counts = [ngettext("{n} client", "{n} clients", summary.clients),
              ngettext("{n} master", "{n} masters", summary.masters),
              ngettext("{n} service", "{n} services", summary.services),
              ngettext("{n} visit", "{n} visits", summary.visits),
              ngettext("{n} call", "{n} calls", summary.contacts)]
    numbers = (summary.clients, summary.masters, summary.services, summary.visits, summary.contacts)
    return _("Demo studio: {counts} in {book}").format(
        counts=", ".join(said.format(n=n) for said, n in zip(counts, numbers)), book=book)


def demo_progress(done: int, total: int) -> str:
    return _("{done}/{total} clients").format(done=done, total=total)


def _stamp(day: date, hour: int = 10, minute: int = 0) -> str:
    return f"{day.isoformat()} {hour:02d}:{minute:02d}:00"


def _weighted(rng: random.Random, pairs) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _female(surname: str) -> str:
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith("ский"):
        return surname[:-4] + "ская"
    return surname


def _latin(text: str) -> str:
    return "".join(data.TRANSLIT.get(ch, ch) for ch in text.lower())


class _Studio:
    """Accumulates the rows of every table, with ids assigned as they are made."""

    def __init__(self, rng: random.Random, today: date, years: int = 2):
        self.rng, self.today = rng, today
        self.history_days = years * YEAR_DAYS
        self.clients, self.visits, self.visit_services = [], [], []
        self.contacts, self.preferences, self.points = [], [], []
        self.client_tags, self.complaints, self.courses = [], [], []
        self.phones: set[str] = set()
        self.services = {name: (i + 1, track, days, rub, minutes)
                         for i, (name, track, days, rub, minutes) in enumerate(data.SERVICES)}
        self.by_track: dict[str, list[str]] = {}
        for name, track, *_rest in data.SERVICES:
            self.by_track.setdefault(track, []).append(name)

    def phone(self) -> str:
        while True:
            number = f"+79{self.rng.randrange(10**9):09d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def add_client(self, cid: int) -> None:
        rng, today = self.rng, self.today
        female = rng.random() < 0.85
        first = rng.choice(data.FEMALE_NAMES if female else data.MALE_NAMES)
        surname = rng.choice(data.SURNAMES)
        last = _female(surname) if female else surname
        patronymic = rng.choice(list(data.PATRONYMICS.values()))[female] if rng.random() < 0.6 else ""
        address = f"{first} {patronymic}" if patronymic and rng.random() < 0.3 else ""
        start = today - timedelta(days=rng.randrange(1, self.history_days))
        bday = bmonth = byear = None
        if rng.random() < 0.8:
            bmonth, bday = rng.randrange(1, 13), rng.randrange(1, 29)
            if rng.random() < 0.004:
                bmonth, bday = 2, 29
            byear = rng.randrange(1960, 2006) if rng.random() < 0.5 and (bmonth, bday) != (2, 29) else None
        email = None
        if rng.random() < 0.3:
            email = f"{_latin(first)}.{_latin(last)}{rng.randrange(100)}@{rng.choice(['mail.ru', 'yandex.ru', 'gmail.com'])}"
        referred = rng.randrange(1, cid) if cid > 1 and rng.random() < 0.1 else None
        master = rng.randrange(1, len(data.MASTERS) + 1) if rng.random() < 0.5 else None
        self.clients.append((
            cid, f"C{cid:06d}", first, last, patronymic, address, self.phone(), email,
            rng.choice(["phone", "whatsapp", "telegram", "sms"]), bday, bmonth, byear,
            rng.choice(data.SOURCES), referred, master, int(rng.random() < 0.9),
            int(rng.random() < 0.5), int(rng.random() < 0.02),
            rng.choice(data.ALERTS) if rng.random() < 0.08 else "",
            rng.choice(data.NOTES) if rng.random() < 0.2 else "",
            _stamp(start), _stamp(start),
        ))
        self.add_history(cid, female, start)
        if rng.random() < 0.12:
            self.client_tags.append((cid, rng.randrange(1, len(data.TAGS) + 1)))
        for topic, text in rng.sample(data.PREFERENCES, k=rng.choice([0, 0, 1, 1, 2])):
            self.preferences.append((cid, topic, text, _stamp(start)))
        if rng.random() < 0.3:
            noted = today - timedelta(days=rng.randrange(1, 120))
            asked = _stamp(noted + timedelta(days=30)) if rng.random() < 0.3 and noted + timedelta(days=30) < today else None
            self.points.append((cid, rng.choice(data.TALKING_POINTS), noted.isoformat(),
                                int(asked is None and rng.random() < 0.7), asked))
        if rng.random() < 0.02:
            opened = today - timedelta(days=rng.randrange(5, 300))
            resolved = opened + timedelta(days=3) if rng.random() < 0.6 else None
            self.complaints.append((cid, opened.isoformat(), "Скол покрытия на третий день",
                                    "Переделали бесплатно" if resolved else "", resolved.isoformat() if resolved else None))
        if rng.random() < 0.02:
            total = rng.choice([5, 10])
            gift = rng.randrange(1, cid) if cid > 1 and rng.random() < 0.3 else None
            self.courses.append((cid, f"Абонемент: массаж спины ×{total}", total, rng.randrange(0, total),
                                 (today + timedelta(days=rng.randrange(10, 200))).isoformat(), gift))

    def add_history(self, cid: int, female: bool, start: date) -> None:
        rng, today = self.rng, self.today
        track = _weighted(rng, data.TRACKS_FEMALE if female else data.TRACKS_MALE)
        tracks = [track]
        if rng.random() < 0.25:
            tracks.append(data.SECOND_TRACK[track])
        kind = rng.random()
        one_off, lapsed = kind < 0.18, 0.18 <= kind < 0.45
        stop = start + timedelta(days=rng.randrange(0, max(1, (today - start).days))) if lapsed else today
        master = rng.randrange(1, len(data.MASTERS) + 1)
        for track in tracks:
            service = rng.choice(self.by_track[track])
            sid, _track, default_days, rub, minutes = self.services[service]
            rhythm = default_days * rng.uniform(0.75, 1.45)
            day = start + timedelta(days=rng.randrange(0, 20))
            while day < today:
                if day > stop:
                    break
                self.add_visit(cid, day, sid, track, rub, minutes, master, "done")
                if one_off:
                    break
                gap = rhythm * rng.uniform(0.85, 1.15)
                if rng.random() < 0.05:
                    gap *= rng.uniform(1.8, 3.0)  # the odd long gap: holidays, illness
                day += timedelta(days=max(1, round(gap)))
            else:
                if not one_off and not lapsed and (day - today).days <= 21:
                    roll = rng.random()
                    if roll < 0.45:
                        self.add_visit(cid, day, sid, track, rub, minutes, master, "planned")
                    elif roll < 0.55:
                        self.add_visit(cid, day, sid, track, rub, minutes, master, "tentative")
        if lapsed and rng.random() < 0.35:
            self.add_contacts(cid, stop)

    def add_visit(self, cid, day, sid, track, rub, minutes, master, status) -> None:
        rng = self.rng
        if status == "done":
            roll = rng.random()
            status = "no_show" if roll < 0.03 else "cancelled" if roll < 0.06 else "done"
        price = round(rub * rng.uniform(0.9, 1.25), -2) * 100
        formula = materials = liked = ""
        if status == "done":
            if track == "colour" and rng.random() < 0.8:
                formula = rng.choice(data.FORMULAS)
            elif track == "lashes" and rng.random() < 0.8:
                materials = rng.choice(data.LASH_MATERIALS)
            elif track in ("nails", "pedicure") and rng.random() < 0.5:
                materials = rng.choice(data.NAIL_MATERIALS)
            if rng.random() < 0.1:
                liked = "понравилась форма" if track != "colour" else "понравился оттенок"
        satisfaction = rng.choice([4, 5, 5, 5]) if status == "done" and rng.random() < 0.2 else None
        this_master = master if rng.random() < 0.75 else rng.randrange(1, len(data.MASTERS) + 1)
        vid = len(self.visits) + 1
        hour = rng.randrange(9, 20)
        self.visits.append((vid, cid, _stamp(day, hour, rng.choice([0, 30])), this_master, status,
                            int(price), minutes, formula, materials, liked, satisfaction,
                            _stamp(min(day, self.today))))
        self.visit_services.append((vid, sid, int(price)))

    def add_contacts(self, cid: int, stop: date) -> None:
        rng, today = self.rng, self.today
        day = max(stop + timedelta(days=30), today - timedelta(days=120))
        for _attempt in range(rng.randrange(1, 4)):
            if day >= today:
                break
            outcome = rng.choice(["no_answer", "no_answer", "left_message", "left_message", "declined"])
            callback = None
            reason = rng.randrange(1, 14) if outcome == "declined" else None
            self.contacts.append((cid, _stamp(day, rng.randrange(10, 19)), "call", outcome, reason,
                                  callback, rng.choice(data.CONTACT_NOTES)))
            day += timedelta(days=rng.randrange(3, 30))

    def promised_call_backs(self, count: int) -> None:
        """Call-backs promised for today and the days ahead, as an admin's week has them."""
        for n, cid in enumerate(self.rng.sample(range(1, len(self.clients) + 1), k=min(count, len(self.clients)))):
            on = self.today + timedelta(days=0 if n % 2 == 0 else 1 + n % 3)
            self.contacts.append((cid, _stamp(self.today - timedelta(days=3), 12), "call", "callback",
                                  None, on.isoformat(), "перезвонить, просила позже"))

    def pencilled_soon(self, count: int) -> None:
        """Tentative bookings one and two days ahead, to confirm today."""
        for n, cid in enumerate(self.rng.sample(range(1, len(self.clients) + 1), k=min(count, len(self.clients)))):
            day = self.today + timedelta(days=1 + n % 2)
            sid, track, _days, rub, minutes = self.services["Маникюр с покрытием гель-лак"]
            self.add_visit(cid, day, sid, track, rub, minutes, 1, "tentative")


INSERTS = {
    "clients": "INSERT INTO clients (id, external_id, first_name, last_name, patronymic, address_as, "
               "phone, email, preferred_channel, birth_day, birth_month, birth_year, source, "
               "referred_by_id, preferred_master_id, consent_reminders, consent_offers, "
               "do_not_contact, alerts, notes, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "visits": "INSERT INTO visits (id, client_id, starts_at, master_id, status, price_cents, "
              "duration_min, formula, materials, liked, satisfaction, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "visit_services": "INSERT OR IGNORE INTO visit_services (visit_id, service_id, price_cents) VALUES (?, ?, ?)",
    "contacts": "INSERT INTO contacts (client_id, at, channel, outcome, reason_id, callback_on, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "preferences": "INSERT INTO preferences (client_id, topic, text, created_at) VALUES (?, ?, ?, ?)",
    "points": "INSERT INTO talking_points (client_id, text, noted_on, ask_next_time, asked_at) "
              "VALUES (?, ?, ?, ?, ?)",
    "client_tags": "INSERT OR IGNORE INTO client_tags (client_id, tag_id) VALUES (?, ?)",
    "complaints": "INSERT INTO complaints (client_id, opened_on, text, resolution, resolved_on) "
                  "VALUES (?, ?, ?, ?, ?)",
    "courses": "INSERT INTO courses (client_id, title, sessions_total, sessions_used, valid_until, "
               "bought_by_id) VALUES (?, ?, ?, ?, ?, ?)",
}


def generate_demo(
    database,
    *,
    clients: int = 300,
    seed: int = 1,
    today: date,
    years: int = 2,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty book with a demo studio of `clients` clients and `years` of history."""
    if clients < 1:
        raise UserError(_("A demo studio needs at least one client."))
    existing = database.execute_sql("SELECT count(*) FROM clients").fetchone()[0]
    if existing:
        raise UserError(ngettext(
            "The book already has {n} client; the demo fills an empty book only (use --db with a new file).",
            "The book already has {n} clients; the demo fills an empty book only (use --db with a new file).",
            existing).format(n=existing))
    rng = random.Random(seed)
    studio = _Studio(rng, today, years)
    step = max(1, clients // 50)
    for cid in range(1, clients + 1):
        studio.add_client(cid)
        if progress and cid % step == 0:
            progress(cid, clients)
    studio.promised_call_backs(max(4, clients // 300))
    studio.pencilled_soon(max(2, clients // 300))
    with database.atomic():
        cursor = database.cursor()
        cursor.executemany("INSERT INTO masters (id, name) VALUES (?, ?)",
                           list(enumerate(data.MASTERS, start=1)))
        cursor.executemany(
            "INSERT INTO services (id, name, category, default_interval_days, price_cents, duration_min) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(sid, name, track, days, rub * 100, minutes)
             for name, (sid, track, days, rub, minutes) in studio.services.items()],
        )
        cursor.executemany("INSERT INTO tags (id, name) VALUES (?, ?)", list(enumerate(data.TAGS, start=1)))
        for table, sql in INSERTS.items():
            cursor.executemany(sql, getattr(studio, table))
        database.execute_sql(
            "INSERT INTO settings (key, value) VALUES ('studio_name', 'Студия «Бархат»') "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        index_all(database)
        rebuild_all(database)
    if progress:
        progress(clients, clients)
    return DemoSummary(clients, len(data.MASTERS), len(studio.services), len(studio.visits),
                       len(studio.contacts))
