"""The reports as people read them: labelled figures and tables, in the interface's language.

Shared by `clientbook stats` (text) and the Reports screen, so both say the same thing.
"""
from __future__ import annotations

from datetime import date

from clientbook.domain.retention import small_base
from clientbook.i18n import N_, _, day, money, month, ngettext, number, percent
from clientbook.services.card_text import TIER_LABELS
from clientbook.services.complaints import KINDS
from clientbook.services.stats import RESOLVED_WITHIN_DAYS, Month, Report

BARS = "▁▂▃▄▅▆▇█"


def _percent(value: float | None) -> str:
    """A figure kept in percent (87.7), as the language writes a share: «87,7 %», "87.7%"."""
    return "—" if value is None else percent(value / 100)


def caveat(base: int) -> str:
    """Under domain.retention.SMALL_BASE clients, what a rate on them says after its value:
    «(мало данных: 3 клиента)»; else nothing."""
    if not small_base(base):
        return ""
    return ngettext("(small base: {n} client)", "(small base: {n} clients)", base).format(n=base)


def rate(value: float | None, base: int) -> str:
    """A rate in percent on `base` clients, with its caveat when they are few, so that
    «Churn 100 %» on 3 clients does not read as a headline: «66,7 % (мало данных: 3 клиента)»."""
    text = _percent(value)
    return text + " " + caveat(base) if value is not None and small_base(base) else text


def _number(value: float | None) -> str:
    return "—" if value is None else number(value, digits=2)


def _month(first: str) -> str:
    """A report's month ("2026-09") as people read it: «сент. 2026»."""
    return month(date.fromisoformat(first + "-01"))


def month_label(m: Month) -> str:
    """«сент. 2026», or «сент. 2026 (неполный месяц)» when the period clips it."""
    name = _month(m.month)
    return _("{month} (partial month)").format(month=name) if m.partial else name


def period(r: Report) -> str:
    text = _("{start} – {end}").format(start=day(r.start), end=day(r.end))
    if r.default_period:
        text += " " + _("(three usual cycles of the typical client)")
    return text


STATUS_LABELS = {"active": N_("active"), "due": TIER_LABELS["due"], "at_risk": TIER_LABELS["at_risk"],
                 "lost": N_("✗ lost")}


def status_label(status: str) -> str:
    """A client's standing in the most-valuable table; a lost one marked."""
    return _(STATUS_LABELS.get(status, status))


def headline(r: Report) -> list[tuple[str, str]]:
    basis = (_("margin {percent} %").format(percent=_number(r.margin_percent))
             if r.ltv_basis == "margin" else _("revenue: no margin set"))
    lifetime = _number(r.lifetime_years) + (
        " " + _("(so far: nobody lost yet)") if r.lifetime_basis == "so far" else "")
    return [
        (_("Active at the start"), str(r.active_at_start)),
        (_("Active at the end"), str(r.active_at_end)),
        (_("New in the period"), _("{n} ({active} still active)").format(
            n=r.new, active=r.new_active_at_end)),
        *second_visits(r),
        (_("Lost in the period"), str(r.lost)),
        (_("Retention (CRR)"), rate(r.retention_rate, r.active_at_start)),
        (_("Churn"), rate(r.churn_rate, r.churn_base)),
        (_("Revenue lost to churn, a year"), money(r.revenue_lost_cents)),
        (_("Average check (AOV)"), money(r.average_check_cents) or "—"),
        (_("Visits a year (T)"), _number(r.visits_per_year)),
        (_("Lifetime, years (ALT)"), lifetime),
        (_("Lifetime value (LTV)"), (money(r.average_ltv_cents) or "—") + f"  ({basis})"),
        (_("Calls made / reached / booked"), f"{r.calls.made} / {r.calls.reached} / {r.calls.booked}"),
        (_("Brought back by calls"), ngettext("{n} client, {revenue}", "{n} clients, {revenue}",
                                              r.calls.brought_back).format(
            n=r.calls.brought_back, revenue=money(r.calls.brought_back_revenue_cents))),
        *win_back(r),
        *complaints(r),
    ]


def win_back(r: Report) -> list[tuple[str, str]]:
    """The win-back cases: «Возвраты клиентов  открыто 3, вернули 1, не вернули 1», and what
    those won back paid since their case opened: «выручка от вернувшихся  4 500 ₽»."""
    w = r.win_back
    return [(_("Win-back cases"), _("opened {opened}, won back {won}, lost {lost}").format(
                opened=w.opened, won=w.won, lost=w.lost)),
            ("  " + _("revenue from those won back"), money(w.won_revenue_cents))]


def complaints(r: Report) -> list[tuple[str, str]]:
    """The complaints opened in the period, and of them resolved in time: «2 из 4 (50 %)»;
    «—» when none was opened. By type and by master they are tables."""
    c = r.complaints
    in_time = "—"
    if c.opened:
        in_time = _("{part} of {whole} ({share})").format(
            part=c.resolved_within_3_days, whole=c.opened, share=_percent(c.resolved_within_3_days_share))
    return [(_("Complaints"), str(c.opened)),
            ("  " + ngettext("resolved within {n} day", "resolved within {n} days", RESOLVED_WITHIN_DAYS).format(
                n=RESOLVED_WITHIN_DAYS), in_time)]


def second_visits(r: Report) -> list[tuple[str, str]]:
    """Of the period's first-time clients, how many came back for a second visit and when, and
    how many it is too early to tell about (services.stats.FAIR_CHANCE_DAYS):
    «2 из 3 (66,7 %), через 45 дней (медиана)», «1 / 1 / 2», «2 (из них уже вернулись: 1)»."""
    s = r.second_visits
    back = within = "—"
    if s.counted:
        back = _("{back} of {counted} ({share})").format(
            back=s.came_back, counted=s.counted, share=_percent(s.share))
        if small_base(s.counted):  # «2 из 3 (66,7 %) (мало данных: 3 клиента), через 45 дней»
            back += " " + caveat(s.counted)
        if s.median_days is not None:
            back += ", " + ngettext("after {n} day (median)", "after {n} days (median)",
                                    s.median_days).format(n=s.median_days)
        within = f"{s.within_30_days} / {s.within_60_days} / {s.within_90_days}"
    early = str(s.too_early)
    if s.too_early_back:
        early += " " + _("(already back: {n})").format(n=s.too_early_back)
    return [(_("New clients who came back"), back),
            ("  " + _("within 30 / 60 / 90 days"), within),  # services.stats.RETURN_WITHIN
            ("  " + _("too early to tell"), early)]


def sparkline(values: list[int]) -> str:
    top = max(values, default=0)
    if top == 0:
        return BARS[0] * len(values)
    return "".join(BARS[round(v / top * (len(BARS) - 1))] for v in values)


def bar(value: float | None, top: float, width: int = 20) -> str:
    if not value or not top:
        return ""
    return "█" * max(1, round(value / top * width))


def tables(r: Report) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, headers, rows) for each table of the report, in the order shown."""
    top_churn = max((m.churn_rate or 0 for m in r.months), default=0)
    found = [
        # the clients column is the churn's base: active at the start of the month, or came in it
        (_("Churn by month"), [_("month"), _("clients"), _("clients lost"), _("churn"), ""],
         [[month_label(m), str(m.clients), str(m.lost), rate(m.churn_rate, m.clients),
           bar(m.churn_rate, top_churn) + ("  ▲ " + _("rising") if m.rising else "")]
          for m in r.months]),
        (_("Masters"), [_("master"), _("clients"), _("returning"), _("at start"), _("kept"),
                        _("retention")],
         [[m.master, str(m.clients), rate(m.returning_share, m.clients), str(m.at_start), str(m.kept),
           rate(m.retention, m.at_start)] for m in r.masters]),
        (_("Acquisition sources"), [_("source"), _("clients"), _("new"), _("clients lost"), _("revenue so far"),
                                    _("to come, a client"), _("average LTV")],
         [[s.source or _("(not recorded)"), str(s.clients), str(s.new), str(s.lost), money(s.revenue_cents),
           money(s.average_future_cents) or "—", money(s.average_ltv_cents) or "—"] for s in r.sources]),
        (_("Reasons for leaving"), [_("reason"), _("stated"), _("suspected")],
         [[x.name, str(x.stated), str(x.suspected)] for x in r.reasons]),
        (_("Complaints by type"), [_("type"), _("complaints")],
         [[_(KINDS.get(kind, kind)), str(n)] for kind, n in sorted(
             r.complaints.by_kind.items(), key=lambda item: -item[1]) if n]),  # most first, else as KINDS
        (_("Complaints by master"), [_("master"), _("complaints")],
         [[m.master or _("(no master)"), str(m.opened)] for m in r.complaints.by_master]),
        (_("Most valuable clients"), [_("id"), _("name"), _("spent so far"), _("to come"), _("LTV"),
                                      _("status")],
         [[str(c.client_id), c.name, money(c.revenue_cents), money(c.future_cents), money(c.ltv_cents),
           status_label(c.status)] for c in r.top_clients]),
    ]
    return [t for t in found if t[2]]


def trend_lines(r: Report) -> list[tuple[str, str]]:
    """Week by week, as text sparklines: (label, line)."""
    return [(_("New, week by week"), sparkline([w.new for w in r.weeks])),
            (_("Lost, week by week"), sparkline([w.lost for w in r.weeks]))]
