"""Every message shown has its Russian translation, and the compiled catalog is current."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from clientbook import i18n

ROOT = Path(__file__).parent.parent.parent
PO = ROOT / "clientbook/locale/ru/LC_MESSAGES/clientbook.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def messages_in_code() -> set[str]:
    found = extract_from_dir(str(ROOT / "clientbook"), method_map=[("**.py", "python")],
                             keywords=KEYWORDS)
    return {m[2] if isinstance(m[2], str) else m[2][0] for m in found}


def catalog():
    with open(PO, "rb") as handle:
        return read_po(handle, locale="ru")


def test_every_message_has_a_russian_translation():
    ru = catalog()
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in ru if m.id}
    missing = messages_in_code() - set(translated)
    assert not missing, f"not in the Russian catalog: {sorted(missing)}"
    empty = [k for k, m in translated.items() if not m.string or m.fuzzy or
             (isinstance(m.string, tuple) and not all(m.string))]
    assert not empty, f"untranslated: {empty}"


def translations(catalog) -> dict:
    def key(value):  # a plural's forms come back from a .mo as a list, from a .po as a tuple
        return tuple(value) if isinstance(value, list | tuple) else value

    return {key(m.id): key(m.string) for m in catalog if m.id and not m.fuzzy}


def test_compiled_catalog_matches_the_po_file():
    """Compared message by message: the header names the Babel that compiled it, which
    changes with every Babel release and means nothing to a reader of the catalog."""
    with open(MO, "rb") as handle:
        compiled = read_mo(handle)
    source = catalog()
    hint = "run: .venv/bin/pybabel compile -d clientbook/locale -D clientbook -l ru"
    assert translations(compiled) == translations(source), hint
    assert compiled.plural_forms == source.plural_forms, hint


def test_the_catalog_check_sees_a_changed_translation(tmp_path):
    source = catalog()
    message = next(m for m in source if m.id and isinstance(m.id, str))
    message.string = message.string + "!"
    changed = tmp_path / "changed.mo"
    with open(changed, "wb") as handle:
        write_mo(handle, source)
    with open(changed, "rb") as handle:
        assert translations(read_mo(handle)) != translations(catalog())


@pytest.fixture
def russian():
    i18n.set_language("ru")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("n, text", [(1, "через 1 день"), (3, "через 3 дня"), (5, "через 5 дней"),
                                     (21, "через 21 день")])
def test_russian_plurals(russian, n, text):
    assert i18n.ngettext("Birthday in {n} day", "Birthday in {n} days", n).format(n=n).endswith(text)


def test_russian_dates_and_money_use_babel_spaces(russian):
    assert i18n.day(date(2026, 11, 22), "long") == "22 ноября 2026\u202fг."
    assert i18n.money(150000) == "1\u00a0500\u00a0₽"


def test_language_from_the_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert i18n.detect_language() == "ru"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.detect_language() == "en"


@pytest.mark.parametrize("language, iso, text", [
    ("en", "1992-02-16", "February 16, 1992"), ("en", "--02-29", "February 29"),
    ("ru", "1992-02-16", "16 февраля 1992\u202fг."), ("ru", "--02-16", "16 февраля"), ("ru", None, ""),
])
def test_birthdays_for_people(language, iso, text):
    i18n.set_language(language)
    try:
        assert i18n.birthday(iso) == text
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("language, text", [("en", "Monday, November 23, 11:00"),
                                            ("ru", "понедельник, 23 ноября, 11:00")])
def test_a_slot_offered_to_a_client(language, text):
    i18n.set_language(language)
    try:
        assert i18n.slot(datetime(2026, 11, 23, 11)) == text
    finally:
        i18n.set_language("en")


def test_a_sentence_that_ends_on_a_date_has_one_period():
    from datetime import date

    from clientbook.i18n import _, closed, day, set_language

    set_language("ru")
    assert closed(_("Archived on {day}.").format(day=day(date(2026, 11, 30)))) == "В архиве с 30 нояб. 2026\u202fг."  # Babel: a narrow space before «г.»
    set_language("en")
    assert closed(_("Archived on {day}.").format(day=day(date(2026, 11, 30)))) == "Archived on Nov 30, 2026."
