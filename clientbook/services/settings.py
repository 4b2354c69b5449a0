"""Studio settings: a key-value table with defaults that live in code.

A key the book stores but the code no longer knows (`currency`, never read: money is
shown in roubles) stays in the table unread: listings and checks go by DEFAULTS.
"""
from __future__ import annotations

from db import settings_store as store

DEFAULTS = {
    "default_region": "RU",
    "studio_name": "",
    # rhythm: tiers as multiples of a client's usual interval; the studio's fallback interval
    "tier_due_soon": "0.85",
    "tier_due": "1.0",
    "tier_at_risk": "1.5",
    "tier_lost": "3.0",
    "studio_interval_days": "42",
    # the call list
    "cooldown_days": "2",
    "attempt_limit": "3",
    "daily_cap": "30",
    "confirm_days": "2",
    "winback_min_visits": "2",
    # reports: the studio's average margin in percent; empty: lifetime value is revenue
    "margin_percent": "",
    # safety: daily copies of the book kept in backups/ beside it
    "backups_kept": "14",
    # the interface: "" follows the system's locale; `--lang` on the command line wins
    "language": "",
}
LANGUAGES = ("", "en", "ru")


# The range of each number, checked when it is changed and kept when it is read: a book
# edited by hand, or written before a range was set, may hold 99999999 days, which no
# calendar reaches. A tier is a multiple of a client's interval; above 10 no date is sane.
RANGES: dict[str, tuple[float, float]] = {
    "studio_interval_days": (1, 3650),
    "cooldown_days": (1, 365),
    "attempt_limit": (1, 100),
    "daily_cap": (0, 10000),
    "confirm_days": (1, 365),
    "winback_min_visits": (1, 1000),
    "backups_kept": (1, 3650),
    "tier_due_soon": (0, 10), "tier_due": (0, 10), "tier_at_risk": (0, 10), "tier_lost": (0, 10),
    "margin_percent": (0, 100),
}


def in_force(key: str, stored: str | None) -> str | None:
    """The value a rule uses for a stored one: a number out of its range is taken at the
    nearest end of it; one that is not a number at all, or a margin out of range, is the
    default (tiers out of order too: see thresholds)."""
    if key not in RANGES or stored is None or (key == "margin_percent" and not stored.strip()):
        return stored
    import math

    low, high = RANGES[key]
    whole = key in _WHOLE
    try:
        number = int(stored.strip()) if whole else float(stored.strip().replace(",", "."))
    except ValueError:
        return DEFAULTS[key]
    if not math.isfinite(number) or (key == "margin_percent" and not low < number <= high):
        return DEFAULTS[key]
    if low <= number <= high:
        return stored
    number = min(max(number, low), high)
    return str(int(number)) if whole else f"{number:g}"


def get_setting(database, key: str, default: str | None = None) -> str | None:
    value = store.get(database, key)
    if value is not None:
        return in_force(key, value)
    return default if default is not None else DEFAULTS.get(key)


def set_setting(database, key: str, value: str) -> None:
    with database.atomic():
        store.put(database, key, value)


def default_region(database) -> str:
    return get_setting(database, "default_region") or "RU"


def start_language(database, given: str | None) -> str | None:
    """The interface's language at start: --lang wins, then the book's setting.

    None means "from the system's locale" (i18n.set_language(None)).
    """
    return given or get_setting(database, "language") or None


def thresholds(database):
    from clientbook.domain.rhythm import Thresholds

    try:
        return Thresholds(
            due_soon=float(get_setting(database, "tier_due_soon")),
            due=float(get_setting(database, "tier_due")),
            at_risk=float(get_setting(database, "tier_at_risk")),
            lost=float(get_setting(database, "tier_lost")),
        )
    except ValueError:  # stored by hand out of order: the studio's defaults stand in
        return Thresholds(*(float(DEFAULTS[key]) for key in ("tier_due_soon", "tier_due", "tier_at_risk",
                                                              "tier_lost")))


def call_settings(database):
    from clientbook.domain.calls import CallSettings

    return CallSettings(
        cooldown_days=int(get_setting(database, "cooldown_days")),
        attempt_limit=int(get_setting(database, "attempt_limit")),
        daily_cap=int(get_setting(database, "daily_cap")),
        confirm_days=int(get_setting(database, "confirm_days")),
        winback_min_visits=int(get_setting(database, "winback_min_visits")),
    )


def studio_interval_days(database) -> int:
    return int(get_setting(database, "studio_interval_days"))


# Settings the figures are computed with: changing one recomputes every client's figures.
FIGURE_SETTINGS = {
    "tier_due_soon", "tier_due", "tier_at_risk", "tier_lost", "studio_interval_days",
    "cooldown_days", "attempt_limit",
}
_WHOLE = {"backups_kept", "studio_interval_days", "cooldown_days", "attempt_limit", "daily_cap", "confirm_days",
          "winback_min_visits"}


def all_settings(database) -> dict[str, str]:
    stored = store.stored(database)
    return {key: in_force(key, stored[key]) if key in stored else default for key, default in DEFAULTS.items()}


def check_key(key: str) -> None:
    from clientbook.errors import UserError
    from clientbook.i18n import _

    if key not in DEFAULTS:
        raise UserError(_("“{key}” is not a setting (one of: {keys}).").format(
            key=key, keys=", ".join(DEFAULTS)))


def setting_shown(key: str, value: str | None) -> str:
    """A stored value as the interface's language writes it: a threshold «1,5» in Russian."""
    from clientbook.i18n import decimal_point

    if key.startswith("tier_") or key == "margin_percent":
        return decimal_point(value or "")
    return value or ""


def change_setting(database, key: str, value: str, before: str | None = None, name: str = "") -> None:
    """Check and store one studio setting; figures that depend on it follow at once.

    With `before` (the value the window showed), it is stored only while the book still
    holds that value: another window's change is never overwritten without a word. A
    refusal calls the setting by `name` (a screen's label for it), or else by its key.

    Refusals are UserErrors whose sentence is shown as is (by the CLI and the TUI), so
    they go through the catalog.
    """
    import math

    from clientbook.domain.rhythm import Thresholds
    from clientbook.domain.speech import quoted
    from clientbook.domain.text import clean_line
    from clientbook.errors import UserError
    from clientbook.i18n import _

    check_key(key)
    said = quoted(name) if name else key  # “Cool-down, days” as the screen labels it; the key as typed
    value = clean_line(value)
    whole = value.isascii() and value.isdigit()  # "²".isdigit() too, but int() refuses it
    if key in _WHOLE and not (whole and (int(value) > 0 or key == "daily_cap")):
        if key == "daily_cap":
            raise UserError(_("{key} takes a whole number (0: no cap), not “{value}”.").format(
                key=said, value=value))
        raise UserError(_("{key} takes a whole number of at least 1, not “{value}”.").format(
            key=said, value=value))
    if key in _WHOLE:
        value = str(int(value))  # "012" is stored as "12"
        if int(value) > RANGES[key][1]:
            raise UserError(_("{key} takes a whole number up to {high}, not “{value}”.").format(
                key=said, high=int(RANGES[key][1]), value=value))
    if key.startswith("tier_"):
        value = value.replace(",", ".")  # "1,5" as a Russian keyboard writes it
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise UserError(_("{key} takes a number such as 1.5, not “{value}”.").format(
                key=said, value=value))
        if number > RANGES[key][1]:
            raise UserError(_("{key} takes a number up to {high}, not “{value}”.").format(
                key=said, high=f"{RANGES[key][1]:g}", value=value))
        trial = {**all_settings(database), key: value}
        try:
            Thresholds(*(float(trial[k]) for k in ("tier_due_soon", "tier_due", "tier_at_risk", "tier_lost")))
        except ValueError:
            raise UserError(_("{key} = “{value}”: the thresholds must grow: due soon ≤ due ≤ "
                              "at risk ≤ lost, all above zero.").format(key=said, value=value)) from None
    if key == "margin_percent" and value:
        value = value.replace(",", ".").rstrip("%").strip()
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not 0 < number <= 100:
            raise UserError(_("{key} takes a percentage above 0 and up to 100 (empty: none), "
                              "not “{value}”.").format(key=said, value=value))
        value = f"{number:g}"
    if key == "default_region":
        import phonenumbers

        value = value.upper()
        if value not in phonenumbers.SUPPORTED_REGIONS:
            raise UserError(_("“{value}” is not a region code (for example RU, BY, KZ).").format(
                value=value))
    if key == "language":
        value = value.lower()
        if value not in LANGUAGES:
            raise UserError(_("The language is en or ru (empty: from the system's locale), "
                              "not “{value}”.").format(value=value))
    with database.atomic():
        now = get_setting(database, key) or ""
        if before is not None and now != before and now != value:
            from clientbook.errors import ChangedMeanwhile

            raise ChangedMeanwhile(setting_shown(key, now) or "—", setting_shown(key, before) or "—")
        set_setting(database, key, value)
        if key in FIGURE_SETTINGS:
            from clientbook.services.figures import rebuild_all

            rebuild_all(database)
