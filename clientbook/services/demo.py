"""The demo studio: a believable book to try clientbook on, the same for the same seed.

Rows are generated in Python from one random.Random(seed) — never the clock — and
written a table at a time (db.demo) in one transaction, then the search index and the
figures are built in that same transaction: 100,000 clients in well under a minute.

The book agrees with itself as a studio's would: each master works on her own tracks;
a client's alerts, preferences, notes, complaints and courses fit the services she has
had; her favourite master is the one who served her most; a referred client came by
recommendation; and the studio's calls to lapsed clients, made in its last months, bring
some of them back within weeks of a call that reached them (a booking made on the call).
"""
from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from clientbook.errors import UserError
from clientbook.i18n import _, ngettext
from clientbook.services import demo_data as data
from clientbook.services.figures import rebuild_all
from clientbook.services.indexing import index_all
from db import demo as demo_db

YEAR_DAYS = 365
OPENS, CLOSES = 10, 21  # the studio works every day, and so does each master: her week below
HALF_HOURS = (CLOSES - OPENS) * 2
WEEK = f"mon-sun {OPENS}:00-{CLOSES}:00"
CALLING_DAYS = 120  # the studio has worked through its call list for its last four months
CALLED = 0.4  # of the clients who lapsed, the share the studio called
COMES_BACK = 0.27  # of those called, the share who come back, booked on a call that reached them


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


def _fits(concerns, tracks) -> bool:
    """Whether a card's line that concerns some tracks (None: any) fits a client's tracks."""
    return concerns is None or any(track in tracks for track in concerns)


@dataclass
class _Plan:
    """A client's way on one track: her service, her master, her own rhythm."""
    track: str
    sid: int
    rub: int
    minutes: int
    rhythm: float
    master: int


class _Studio:
    """Accumulates the rows of every table, with ids assigned as they are made."""

    def __init__(self, rng: random.Random, today: date, years: int = 2, reasons: dict[str, int] | None = None):
        self.rng, self.today = rng, today
        self.made_on = _stamp(today)  # when a booking ahead was made, as the book has it
        self.history_days = years * YEAR_DAYS
        self.reasons = reasons or {}
        self.clients, self.visits, self.visit_services = [], [], []
        self.contacts, self.preferences, self.points = [], [], []
        self.client_tags, self.complaints, self.courses = [], [], []
        self.course_sessions, self.bonus_movements, self.winback_cases, self.discount_seekers = [], [], [], []
        self.phones: set[str] = set()
        self.busy: dict[int, int] = {}  # a master's day: its half hours taken, as bits
        self.starts: list[date] = [today]  # by client id
        self.services = {name: (i + 1, track, days, rub, minutes)
                         for i, (name, track, days, rub, minutes) in enumerate(data.SERVICES)}
        self.by_track: dict[tuple[str, bool], list[str]] = {}
        for name, track, *_rest in data.SERVICES:
            for female in (True, False):
                if name not in (data.FOR_MEN if female else data.FOR_WOMEN):
                    self.by_track.setdefault((track, female), []).append(name)
        self.masters_of: dict[str, list[int]] = {}
        for number, tracks in enumerate(data.MASTER_TRACKS, start=1):
            for track in tracks:
                self.masters_of.setdefault(track, []).append(number)
        # Who may be pencilled in at the end: due within days with nothing booked, or (in a
        # tiny book) any client who stays; and who may have asked for a call-back: (client,
        # female) of the lapsed the studio has not called and who did not refuse calls.
        self.next_soon: list[tuple[int, _Plan]] = []
        self.active: list[tuple[int, _Plan]] = []
        self.quiet: list[tuple[int, bool]] = []
        self._client_reset()

    def _client_reset(self) -> None:
        """The client being made: her completed visits (day, visit id, track) and who served them."""
        self.done: list[tuple[date, int, str]] = []
        self.served: Counter[int] = Counter()
        self.tracks: set[str] = set()  # of every visit of hers, booked ones too
        self.won_back = self.refused = False  # brought back by a call; asked on one not to be called
        self.not_to_call = False  # asked at a visit not to be called

    def phone(self) -> str:
        while True:
            number = f"+79{self.rng.randrange(10**9):09d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def add_client(self, cid: int) -> None:
        rng, today = self.rng, self.today
        self._client_reset()
        self.not_to_call = rng.random() < 0.01
        female = rng.random() < 0.85
        first = rng.choice(data.FEMALE_NAMES if female else data.MALE_NAMES)
        surname = rng.choice(data.SURNAMES)
        last = _female(surname) if female else surname
        patronymic = rng.choice(list(data.PATRONYMICS.values()))[female] if rng.random() < 0.6 else ""
        address = f"{first} {patronymic}" if patronymic and rng.random() < 0.3 else ""
        start = today - timedelta(days=rng.randrange(1, self.history_days))
        self.starts.append(start)
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
        if referred and self.starts[referred] > start:
            referred = None  # a client recommends the studio only once she knows it
        source = data.REFERRAL if referred else rng.choice(data.SOURCES)
        plans = self.add_history(cid, female, start)
        master = None
        if len(self.done) >= 2 and rng.random() < 0.6:
            master = max(self.served, key=lambda m: (self.served[m], -m))
        alerts = ""
        if rng.random() < 0.08:
            pregnant = female and (byear is None or byear > data.PREGNANT_BORN_AFTER)
            fitting = [text for text, concerns, who in data.ALERTS
                       if _fits(concerns, self.tracks) and (who != "f" or pregnant)]
            alerts = rng.choice(fitting)
        notes = ""
        if rng.random() < 0.2:
            notes = rng.choice([text for text, concerns in data.NOTES if _fits(concerns, self.tracks)])
        do_not_contact = self.refused or self.not_to_call
        self.clients.append((
            cid, f"C{cid:06d}", first, last, patronymic, address, self.phone(), email,
            rng.choice(["phone", "whatsapp", "telegram", "sms"]), bday, bmonth, byear,
            source, referred, master, int(rng.random() < 0.9),
            int(rng.random() < 0.5), int(do_not_contact), alerts, notes, _stamp(start), _stamp(start),
        ))
        self.add_card(cid, female, plans)

    def add_card(self, cid: int, female: bool, plans: list[_Plan]) -> None:
        """Tags, preferences, talking points, a complaint, a course: each fitting her visits."""
        rng, today = self.rng, self.today
        done = sorted(self.done)
        if self.won_back and rng.random() < 0.3:
            self.client_tags.append((cid, data.DISCOUNT_TAG))
            self.discount_seekers.append((cid,))  # the case's flag, which later offers see
        elif len(done) >= 6 and done[-1][0] > today - timedelta(days=90) and rng.random() < 0.3:
            self.client_tags.append((cid, data.REGULAR_TAG))
        elif rng.random() < 0.05:
            self.client_tags.append((cid, rng.choice([1, 3, 5])))
        topics = [topic for topic, options in data.PREFERENCES.items()
                  if any(_fits(concerns, self.tracks) for _text, concerns in options)]
        for topic in rng.sample(topics, k=min(len(topics), rng.choice([0, 0, 1, 1, 2]))):
            text = rng.choice([text for text, concerns in data.PREFERENCES[topic] if _fits(concerns, self.tracks)])
            self.preferences.append((cid, topic, text, _stamp(self.starts[cid])))
        if done and rng.random() < 0.3:
            at = rng.randrange(max(0, len(done) - 4), len(done))
            noted = done[at][0]
            later = done[at + 1][0] if at + 1 < len(done) else None
            asked = _stamp(later, 12) if later and rng.random() < 0.3 else None
            self.points.append((cid, rng.choice(data.TALKING_POINTS)[not female], noted.isoformat(),
                                int(asked is None and rng.random() < 0.7), asked))
        if done and rng.random() < 0.02:
            day, vid, track = rng.choice(done)
            opened = day + timedelta(days=rng.randrange(1, 5))
            if opened < today:
                text, resolution, kind, compensation = data.COMPLAINTS[track]
                resolved = opened + timedelta(days=rng.randrange(0, 4)) if rng.random() < 0.6 else None
                if resolved and resolved >= today:
                    resolved = None
                self.complaints.append((cid, vid, opened.isoformat(), text, resolution if resolved else "",
                                        resolved.isoformat() if resolved else None, kind,
                                        self.visits[vid - 1][3], 1 if resolved else None,
                                        compensation if resolved else ""))
        course = next((p.track for p in plans if p.track in data.COURSES), None)
        if course and done and done[-1][0] > today - timedelta(days=60) and rng.random() < 0.15:
            total = rng.choice([5, 10])
            lately = sum(track == course and day > today - timedelta(days=180) for day, _vid, track in done)
            gift = rng.randrange(1, cid) if cid > 1 and rng.random() < 0.3 else None
            self.add_course(cid, next(p for p in plans if p.track == course), total, min(total - 1, lately),
                            today + timedelta(days=rng.randrange(10, 200)), gift)
        self.add_bonuses(cid, done)

    def add_course(self, cid: int, plan: _Plan, total: int, used: int, until: date, gift: int | None) -> None:
        """A course for her service: the sessions used are her latest done visits of it, and it
        was bought on the first of them (a month ago when none is used yet)."""
        used_by = [vid for _day, vid, _track in sorted(self.done) if self.visit_services[vid - 1][1] == plan.sid]
        used_by = used_by[len(used_by) - used:] if used else []
        bought = self.visits[used_by[0] - 1][2][:10] if used_by else (self.today - timedelta(days=30)).isoformat()
        course = len(self.courses) + 1
        self.courses.append((course, cid, f"{data.COURSES[plan.track]} ×{total}", total, len(used_by),
                             until.isoformat(), gift, plan.sid, bought))
        self.course_sessions += [(course, vid) for vid in used_by]

    def add_bonuses(self, cid: int, done: list[tuple[date, int, str]]) -> None:
        """Every fourth regular earns points on her last three visits; every eighth spent some."""
        if len(done) < 3 or cid % 4:
            return
        earned = 0
        for day, vid, _track in done[-3:]:
            points = self.visits[vid - 1][5] // 100 * data.BONUS_PERCENT // 100
            if points:
                self.bonus_movements.append((cid, day.isoformat(), "earned", points, data.BONUS_NOTE))
                earned += points
        if cid % 8 == 0 and earned >= 2:
            self.bonus_movements.append((cid, done[-1][0].isoformat(), "spent", -(earned // 2), data.SPENT_NOTE))

    def plan(self, track: str, female: bool) -> _Plan:
        rng = self.rng
        service = rng.choice(self.by_track[track, female])
        sid, _track, default_days, rub, minutes = self.services[service]
        return _Plan(track, sid, rub, minutes, default_days * rng.uniform(0.75, 1.45),
                     rng.choice(self.masters_of[track]))

    def add_history(self, cid: int, female: bool, start: date) -> list[_Plan]:
        rng, today = self.rng, self.today
        track = _weighted(rng, data.TRACKS_FEMALE if female else data.TRACKS_MALE)
        tracks = [track]
        if rng.random() < 0.25:
            tracks.append((data.SECOND_TRACK if female else data.SECOND_TRACK_MALE)[track])
        plans = [self.plan(track, female) for track in tracks]
        kind = rng.random()
        one_off, lapsed = kind < 0.18, 0.18 <= kind < 0.45
        stop = start + timedelta(days=rng.randrange(0, max(1, (today - start).days))) if lapsed else today
        for plan in plans:
            self.run(cid, plan, start + timedelta(days=rng.randrange(0, 20)), stop, one_off,
                     books_ahead=not one_off and not lapsed)
        if not lapsed and not one_off:
            self.active.append((cid, plans[0]))
        if lapsed and self.done and not self.not_to_call:
            if rng.random() < CALLED:
                self.add_calls(cid, female, plans)
            else:
                self.quiet.append((cid, female))
        return plans

    def run(self, cid: int, plan: _Plan, day: date, stop: date, one_off: bool, books_ahead: bool) -> None:
        """Her visits on a track from `day`, at her rhythm, up to `stop`; one who stays may have
        booked or pencilled the next one, or be due for it soon."""
        rng, today = self.rng, self.today
        while day < today:
            if day > stop:
                return
            self.add_visit(cid, day, plan, "done")
            if one_off:
                return
            gap = plan.rhythm * rng.uniform(0.85, 1.15)
            if rng.random() < 0.05:
                gap *= rng.uniform(1.8, 3.0)  # the odd long gap: holidays, illness
            day += timedelta(days=max(1, round(gap)))
        if books_ahead and (day - today).days <= 21:
            roll = rng.random()
            if roll < 0.45:
                self.add_visit(cid, day, plan, "planned")
            elif roll < 0.55:
                self.add_visit(cid, day, plan, "tentative")
            elif (day - today).days <= 10:
                self.next_soon.append((cid, plan))

    def add_visit(self, cid: int, day: date, plan: _Plan, status: str) -> int:
        rng, track, random_ = self.rng, plan.track, self.rng.random
        if status == "done":
            roll = random_()
            status = "no_show" if roll < 0.03 else "cancelled" if roll < 0.06 else "done"
        price = int(round(plan.rub * (0.9 + 0.35 * random_()), -2)) * 100
        formula = materials = liked = ""
        satisfaction = None
        master = plan.master
        if status == "done":
            if track == "colour" and random_() < 0.8:
                formula = rng.choice(data.FORMULAS)
            elif track == "lashes" and random_() < 0.8:
                materials = rng.choice(data.LASH_MATERIALS)
            elif track in ("nails", "pedicure") and random_() < 0.5:
                materials = rng.choice(data.NAIL_MATERIALS)
            if random_() < 0.1:
                liked = rng.choice(data.LIKED[track])
            if random_() < 0.2:
                satisfaction = 4 if random_() < 0.25 else 5
        others = self.masters_of[track]
        if len(others) > 1 and random_() < 0.15:
            master = rng.choice(others)  # her master was away
        vid = len(self.visits) + 1
        slot = self.slot(master, day, plan.minutes)
        iso = day.isoformat()
        self.visits.append((vid, cid, f"{iso} {OPENS + slot // 2:02d}:{30 * (slot % 2):02d}:00", master, status,
                            price, plan.minutes, formula, materials, liked, satisfaction,
                            f"{iso} 10:00:00" if day <= self.today else self.made_on))
        self.visit_services.append((vid, plan.sid, price))
        self.tracks.add(track)
        if status == "done":
            self.done.append((day, vid, track))
            self.served[master] += 1
        return vid

    def slot(self, master: int, day: date, minutes: int) -> int:
        """The half hour of the studio's day she starts at, done by closing time: one when
        her master is free for the whole visit, if a few tries find it (a book far larger
        than five masters can serve has its days overfull, and there it gives up at once)."""
        need = -(-minutes // 30)
        key = master * 1_000_000 + day.toordinal()
        busy = self.busy.get(key, 0)
        starts = HALF_HOURS - need + 1
        for _try in range(8 if busy.bit_count() + need <= HALF_HOURS * 3 // 4 else 1):
            slot = int(self.rng.random() * starts)
            window = ((1 << need) - 1) << slot
            if not busy & window:
                break
        self.busy[key] = busy | window
        return slot

    def call(self, cid: int, day: date, outcome: str, note: str = "", *, reason: str | None = None,
             callback: date | None = None, offer: str = "", visit: int | None = None) -> None:
        self.contacts.append((cid, _stamp(day, self.rng.randrange(10, 19)), "call", outcome,
                              self.reasons.get(reason) if reason else None,
                              callback.isoformat() if callback else None, note, offer, visit))

    def add_calls(self, cid: int, female: bool, plans: list[_Plan]) -> None:
        """The studio calls a lapsed client once she is well past her rhythm, within its
        calling months: a few go unanswered; some who answer book and come back (the
        visit follows the call by days), the others decline, ask to be called later or
        not at all."""
        rng, today = self.rng, self.today
        last = max(day for day, _vid, _track in self.done)
        overdue = round(max(p.rhythm for p in plans) * rng.uniform(1.5, 2.5))
        day = max(last + timedelta(days=overdue), today - timedelta(days=rng.randrange(3, CALLING_DAYS)))
        comes_back = rng.random() < COMES_BACK
        for _attempt in range(rng.choice([0, 0, 1, 1, 2])):
            if day >= today:
                return
            self.unanswered(cid, day)
            day += timedelta(days=rng.randrange(2, 8))
        if day >= today:
            return
        if comes_back:
            if rng.random() < 0.15:
                on = day + timedelta(days=rng.randrange(2, 8))
                self.call(cid, day, "callback", rng.choice(data.CALLBACK_NOTES)[not female], callback=on)
                if on >= today:
                    return
                day = on
            self.win_back(cid, female, day, plans)
            return
        ending = _weighted(rng, [("declined", 45), ("unanswered", 30), ("callback", 10),
                                 ("wrong_number", 7), ("do_not_contact", 8)])
        if ending == "unanswered":
            self.unanswered(cid, day)
        elif ending == "callback":
            on = day + timedelta(days=rng.randrange(2, 10))
            self.call(cid, day, "callback", rng.choice(data.CALLBACK_NOTES)[not female], callback=on)
            if on < today:
                self.decline(cid, female, on)
        elif ending == "declined":
            self.decline(cid, female, day)
        elif ending == "wrong_number":
            self.call(cid, day, "wrong_number", "номер не обслуживается")
        else:
            self.call(cid, day, "do_not_contact", "просила больше не звонить" if female else "просил больше не звонить")
            self.refused = True

    def unanswered(self, cid: int, day: date) -> None:
        if self.rng.random() < 0.7:
            self.call(cid, day, "no_answer", self.rng.choice(data.NO_ANSWER_NOTES))
        else:
            self.call(cid, day, "left_message", self.rng.choice(data.MESSAGE_NOTES))

    def decline(self, cid: int, female: bool, day: date) -> None:
        reason, _weight, said = self.rng.choices(data.DECLINED, weights=[d[1] for d in data.DECLINED])[0]
        self.call(cid, day, "declined", said[not female], reason=reason)
        if reason in data.LOST_FOR_GOOD:  # worked as a case, and lost for good
            self.winback_cases.append((cid, day.isoformat(), self.reasons.get(reason), "", None, "lost",
                                       day.isoformat()))

    def win_back(self, cid: int, female: bool, day: date, plans: list[_Plan]) -> None:
        """Booked on the call for a day or two weeks ahead; then back at her rhythm."""
        rng, today = self.rng, self.today
        main = plans[0]
        booked = day + timedelta(days=rng.randrange(1, 15))
        offer = rng.choice(data.OFFERS) if rng.random() < 0.3 else ""
        vid = self.add_visit(cid, booked, main, "planned" if booked >= today else "done")
        self.call(cid, day, "booked", rng.choice(data.BOOKED_NOTES)[not female], offer=offer, visit=vid)
        self.won_back = True
        self.winback_cases.append((cid, day.isoformat(), None, offer, day.isoformat() if offer else None, "won",
                                   day.isoformat()))
        if booked >= today:
            return
        self.run(cid, main, booked + timedelta(days=max(1, round(main.rhythm))), today, False, True)
        for plan in plans[1:]:
            if rng.random() < 0.5:
                self.run(cid, plan, booked + timedelta(days=rng.randrange(0, max(1, round(plan.rhythm)))),
                         today, False, True)

    def promised_call_backs(self, count: int) -> None:
        """Call-backs promised for today and the days ahead, as an admin's week has them:
        lapsed clients reached three days ago who asked to be called later."""
        chosen = self.rng.sample(self.quiet, k=min(count, len(self.quiet)))
        for n, (cid, female) in enumerate(chosen):
            on = self.today + timedelta(days=0 if n % 2 == 0 else 1 + n % 3)
            self.call(cid, self.today - timedelta(days=3), "callback",
                      "перезвонить, просила позже" if female else "перезвонить, просил позже", callback=on)

    def pencilled_soon(self, count: int) -> None:
        """Tentative bookings one and two days ahead, to confirm today: clients due about
        then, for their own service with their own master."""
        pool = self.next_soon if len(self.next_soon) >= count else self.next_soon + self.active
        for n, (cid, plan) in enumerate(self.rng.sample(pool, k=min(count, len(pool)))):
            self.add_visit(cid, self.today + timedelta(days=1 + n % 2), plan, "tentative")




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
    existing = demo_db.client_count(database)
    if existing:
        raise UserError(ngettext(
            "The book already has {n} client; the demo fills an empty book only (use --db with a new file).",
            "The book already has {n} clients; the demo fills an empty book only (use --db with a new file).",
            existing).format(n=existing))
    reasons = demo_db.reason_ids(database)
    rng = random.Random(seed)
    studio = _Studio(rng, today, years, reasons)
    step = max(1, clients // 50)
    for cid in range(1, clients + 1):
        studio.add_client(cid)
        if progress and cid % step == 0:
            progress(cid, clients)
    studio.promised_call_backs(max(4, clients // 300))
    studio.pencilled_soon(max(2, clients // 300))
    rows = {"masters": [(number, name, WEEK) for number, name in enumerate(data.MASTERS, start=1)],
            "services": [(sid, name, data.CATEGORIES[track], days, rub * 100, minutes)
                         for name, (sid, track, days, rub, minutes) in studio.services.items()],
            "tags": list(enumerate(data.TAGS, start=1)),
            **{table: getattr(studio, table) for table in demo_db.STUDIO_TABLES}}
    with database.atomic():
        demo_db.write_studio(database, rows, "Студия «Бархат»")
        index_all(database)
        rebuild_all(database)
    if progress:
        progress(clients, clients)
    return DemoSummary(clients, len(data.MASTERS), len(studio.services), len(studio.visits),
                       len(studio.contacts))
