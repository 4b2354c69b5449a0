"""With `--lang ru`, no English word reaches the admin from any command.

Every command registered on the group (walked from `cli.list_commands`, so a new one is covered
the day it is added) is asked for its `--help`, and run on a demo book with typical
arguments and typical mistakes; each answer is read for Latin-letter words. What may stay
Latin is short and said below with its reason, besides the studio's own data (names,
services, masters, notes, formulas: taken from the book), the names one types (commands
and options) and paths. Machine formats (`--format json`, csv) are for programs: their
keys and codes stay English, and they are not read here.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from clientbook import i18n
from clientbook.cli import cli
from clientbook.services.book import open_book
from clientbook.services.settings import DEFAULTS
from tests.conftest import rows

TODAY = "2026-11-22"

# Latin words a Russian screen may show, each for its reason.
ALLOWED = {
    "clientbook": "the program's name, typed as it is",
    **dict.fromkeys(["csv", "json", "xlsx", "vcard", "vcf", "text", "table"],
                    "format names and file endings, typed as they are (--format json)"),
    **dict.fromkeys(["en", "ru"], "the language codes --lang takes"),
    **dict.fromkeys(["WhatsApp", "Telegram", "Viber", "Excel", "CSV", "JSON", "SQLite", "PostgreSQL", "vCard", "ISO"],
                    "proper names of programs, formats and standards, written so in Russian too"),
    **dict.fromkeys(["UTF", "BOM"], "an encoding's name and its mark, written so in Russian too"),
    **dict.fromkeys(["CRR", "AOV", "LTV", "ALT", "AGM", "T"],
                    "the owner's figures as the literature names them (LTV = AOV × T × AGM × ALT), in Russian too"),
}
# A file's path or name: the user's own words.
PATH = re.compile(r"[^\s«»“”\"'(),;]*[/\\][^\s«»“”\"'(),;]*|[^\s«»“”\"'(),;:]+\.(?:db|csv|xlsx|vcf|json)\b")
# Typed as they are: an option, the studio's id of a client, an environment variable.
TYPED = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*|ext:[^\s,.;)]*|\$[A-Z_]+")
LATIN = re.compile(r"[A-Za-z](?:[A-Za-z_-]*[A-Za-z])?")  # log-call, daily_cap: one word each


def command_paths(group: click.Group = cli, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The group itself and every command under it, subcommands of subgroups included."""
    found = [path]
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            found += command_paths(command, (*path, name))
        else:
            found.append((*path, name))
    return found


COMMAND_NAMES = {name for path in command_paths() for name in path}  # typed as they are
SETTING_KEYS = set(DEFAULTS)  # typed as they are: `clientbook settings daily_cap 20`


def english_words(text: str, studio: set[str]) -> list[str]:
    text = TYPED.sub(" ", PATH.sub(" ", text))
    return [word for word in LATIN.findall(text)
            if word not in ALLOWED and word not in COMMAND_NAMES and word not in SETTING_KEYS and word not in studio]


# The studio's own words: what the book holds as the studio (or the demo) wrote it.
STUDIO_COLUMNS = {
    "masters": ["name"], "services": ["name"], "tags": ["name"],
    "clients": ["external_id", "first_name", "last_name", "patronymic", "address_as", "email", "messengers",
                "source", "alerts", "expectations", "notes"],
    "preferences": ["topic", "text"], "talking_points": ["text", "answer"],
    "visits": ["notes", "formula", "materials", "liked", "disliked", "aftercare", "products_sold",
               "next_suggestion", "feedback"],
    "contacts": ["note", "would_return", "offer"], "complaints": ["text", "resolution"], "courses": ["title"],
    "settings": ["value"],  # the studio's name, its phone region (RU)
}


def run(*args, env=None, input=None):
    return CliRunner(env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None, **(env or {})}
                     ).invoke(cli, [str(a) for a in args], input=input,
                                                                 prog_name="clientbook")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo book, made as an admin makes one, and what the runs need from it."""
    folder = tmp_path_factory.mktemp("demo")
    book = folder / "студия.db"
    made = run("--db", book, "--today", TODAY, "demo", "--clients", "40", "--seed", "5")
    assert made.exit_code == 0, made.output
    database = open_book(book)
    try:
        studio = set()
        for table, columns in STUDIO_COLUMNS.items():
            for column in columns:
                for (value,) in rows(database, f'SELECT "{column}" FROM "{table}"'):
                    studio |= set(LATIN.findall(str(value or "")))
        due = rows(database, "SELECT client_id FROM visits WHERE status = 'done' GROUP BY client_id "
                             "HAVING count(*) >= 3 ORDER BY client_id LIMIT 1")[0][0]
        planned = rows(database, "SELECT id FROM visits WHERE status = 'planned' ORDER BY id LIMIT 1")[0][0]
        masters = [name for (name,) in rows(database, "SELECT name FROM masters ORDER BY id")]
        services = [name for (name,) in rows(database, "SELECT name FROM services ORDER BY id")]
        # What BEFORE's `course add` and `case add` make: the next course, and the client's open case or the next
        course = rows(database, "SELECT coalesce(max(id), 0) + 1 FROM courses")[0][0]
        case = rows(database, "SELECT coalesce((SELECT id FROM winback_cases WHERE client_id = ? AND outcome = 'open'), "
                              "(SELECT coalesce(max(id), 0) + 1 FROM winback_cases))", due)[0][0]
    finally:
        database.close()
    return {"book": book, "studio": studio, "client": due, "planned": planned,
            "master": masters[0], "master2": masters[1], "service": services[0], "service2": services[1],
            "course": course, "case": case}


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def assert_russian(text: str, studio: set[str], what: str) -> None:
    found = english_words(text, studio)
    assert not found, f"English in `{what}`: {sorted(set(found))}\n{text}"


# -- help ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "clientbook")
@pytest.mark.parametrize("where", ["before", "after"])
def test_help_is_russian(demo, path, where):
    """`--lang ru` before the command or after `--help`: help is rendered before the command runs."""
    args = ["--lang", "ru", *path, "--help"] if where == "before" else [*path, "--help", "--lang", "ru"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert re.search("[а-яА-Я]", result.output)
    assert_russian(result.output, demo["studio"], " ".join(args))


def test_help_follows_a_russian_locale(demo):
    result = run("show", "--help", env={"LANG": "ru_RU.UTF-8"})
    assert "Параметры" in result.output
    assert_russian(result.output, demo["studio"], "LANG=ru_RU.UTF-8 show --help")


# -- runs ------------------------------------------------------------------------------------------

CLIENTS_CSV = "Фамилия;Имя;Телефон;День рождения\nСоколова;Ирина;8 916 765-43-21;16.02.1990\n"
BAD_CSV = "Фамилия;Имя;Телефон;День рождения\nСоколова;Ирина;8 916 765-43-21;31.02.1990\n"

# (the command, its arguments, whether it succeeds); {names} are filled from the demo book. The
# demo has no backup to restore, nor an archived master or service: BEFORE makes them first.
RUNS = [
    ((), [], False),  # no command, and no interface to open
    ((), ["нет-такой"], False),
    ((), ["--version"], True),
    (("add",), ["add", "Петрова", "Мария", "--phone", "8 916 555-44-33", "--birthday", "16.02"], True),
    (("add",), ["add", "Петрова", "Мария", "--birthday", "31.02"], False),
    (("add",), ["add", "Петрова", "Мария", "--phone", "семь"], False),
    (("add",), ["add"], False),
    (("archive",), ["archive", "{client}"], True),
    (("archive",), ["archive", "99999"], False),
    (("unarchive",), ["unarchive", "{client}"], True),
    (("unarchive",), ["unarchive", "нет"], False),
    (("backup",), ["backup"], True),
    (("backup",), ["backup", "{dir}/копия.db"], True),
    (("backup",), ["backup", "{book}"], False),
    (("restore",), ["restore", "{dir}/копия.db", "--yes"], True),
    (("restore",), ["restore", "{dir}/нет.db"], False),
    (("check",), ["check"], True),
    (("check",), ["check", "--db", "{dir}/нет.db"], False),
    (("copy-book",), ["copy-book", "{book}", "{dir}/перенос.db"], True),
    (("copy-book",), ["copy-book", "{dir}/нет.db", "{dir}/перенос.db"], False),
    (("calls",), ["calls"], True),
    (("calls",), ["calls", "--today", "2024-01-01"], True),
    (("calls",), ["calls", "--limit", "много"], False),
    (("calls",), ["calls", "--limit", "-1"], False),
    (("calls",), ["calls", "--format", "таблица"], False),
    (("demo",), ["demo", "--clients", "3", "--db", "{dir}/новая.db"], True),
    (("demo",), ["demo"], False),
    (("export",), ["export", "--output", "{dir}/клиенты.csv"], True),
    (("export",), ["export", "--format", "vcard", "--output", "{dir}/клиенты.vcf"], True),
    (("export",), ["export", "--format", "xlsx", "--output", "{dir}/клиенты.xlsx"], True),
    (("export",), ["export", "--output", "{book}"], False),
    (("export",), ["export", "--kind", "всякое"], False),
    (("forget",), ["forget", "{client}", "--yes", "--backups", "keep"], True),
    (("forget",), ["forget", "{client}"], False),  # answered "н"
    (("forget",), ["forget", "99999", "--yes"], False),
    (("import",), ["import", "{dir}/клиенты.csv"], True),
    (("import",), ["import", "{dir}/клиенты.csv", "--dry-run"], True),
    (("import",), ["import", "{dir}/ошибка.csv"], False),
    (("import",), ["import", "{dir}/нет.csv"], False),
    (("import",), ["import", "{dir}/клиенты.csv", "--kind", "всякое"], False),
    (("interval",), ["interval", "{client}", "21"], True),
    (("interval",), ["interval", "{client}", "много"], False),
    (("log-call",), ["log-call", "{client}", "--outcome", "Недозвон"], True),
    (("log-call",), ["log-call", "{client}", "--outcome", "Перезвонить", "--on", "завтра"], True),
    (("log-call",), ["log-call", "{client}", "--outcome", "Отказ", "--reason", "Цена"], True),
    (("log-call",), ["log-call", "{client}", "--outcome", "Оставили сообщение", "--note", "ждёт ответа"], True),
    (("log-call",), ["log-call", "{client}", "--outcome", "Перезвонить"], False),
    (("log-call",), ["log-call", "{client}", "--outcome", "Отказ"], False),
    (("log-call",), ["log-call", "{client}", "--outcome", "Отказ", "--reason", "погода"], False),
    (("log-call",), ["log-call", "{client}", "--outcome", "потом"], False),
    (("log-call",), ["log-call", "{client}", "--outcome", "Перезвонить", "--on", "31.02.2027"], False),
    (("log-call",), ["log-call", "{client}"], False),
    (("masters",), ["masters"], True),
    (("masters", "list"), ["masters", "list"], True),
    (("masters", "add"), ["masters", "add", "Вера", "Лунина", "--hours", "пн-пт 10-19"], True),
    (("masters", "add"), ["masters", "add", "Вера", "--hours", "всегда"], False),
    (("masters", "rename"), ["masters", "rename", "{master}", "Ольга Новикова"], True),
    (("masters", "rename"), ["masters", "rename", "Никто", "Кто-то"], False),
    (("masters", "hours"), ["masters", "hours", "{master}", "пн-пт", "10-20"], True),
    (("masters", "merge"), ["masters", "merge", "{master}", "{master2}"], True),
    (("masters", "merge"), ["masters", "merge", "{master}", "{master}"], False),
    (("masters", "archive"), ["masters", "archive", "{master}"], True),
    (("masters", "restore"), ["masters", "restore", "{master}"], True),
    (("services",), ["services"], True),
    (("services", "list"), ["services", "list"], True),
    (("services", "add"), ["services", "add", "Массаж", "лица", "--category", "Массаж", "--price", "2500"], True),
    (("services", "add"), ["services", "add", "Массаж", "лица", "--price", "дорого"], False),
    (("services", "edit"), ["services", "edit", "{service}", "--price", "3000"], True),
    (("services", "edit"), ["services", "edit", "Нет такой", "--price", "3000"], False),
    (("services", "merge"), ["services", "merge", "{service}", "{service2}"], True),
    (("services", "archive"), ["services", "archive", "{service}"], True),
    (("services", "restore"), ["services", "restore", "{service}"], True),
    (("rebuild",), ["rebuild"], True),
    (("outlook",), ["outlook"], True),
    (("outlook",), ["outlook", "--horizon", "0"], False),
    (("script",), ["script", "{client}"], True),
    (("script",), ["script", "99999"], False),
    (("search",), ["search", "Анна"], True),
    (("search",), ["search", "Щщщщщ"], True),
    (("settings",), ["settings"], True),
    (("settings",), ["settings", "daily_cap", "30"], True),
    (("settings",), ["settings", "daily_cap", "много"], False),
    (("settings",), ["settings", "нет_такого"], False),
    (("show",), ["show", "{client}"], True),
    (("show",), ["show", "99999"], False),
    (("show",), ["show", "ext:НЕТ"], False),
    (("show",), ["show"], False),
    (("stats",), ["stats"], True),
    (("stats",), ["stats", "--period", "прошлый", "месяц"], True),
    (("stats",), ["stats", "--from", "31.02.2026"], False),
    (("stats",), ["stats", "--period", "год", "--from", "01.01.2026"], False),
    (("complaint",), ["complaint"], True),
    (("complaint", "list"), ["complaint", "list", "{client}", "--open"], True),
    (("complaint", "add"), ["complaint", "add", "{client}", "Скол покрытия на третий день", "--type", "качество"],
     True),
    (("complaint", "add"), ["complaint", "add", "{client}", "Скол", "--type", "как-нибудь"], False),
    (("complaint", "close"), ["complaint", "close", "99999", "--compensation", "переделка"], False),
    (("course",), ["course"], True),
    (("course", "list"), ["course", "list", "{client}", "--active"], True),
    (("course", "add"), ["course", "add", "{client}", "--sessions", "10", "--service", "{service}", "--until",
                         "31.12.2026", "--gift-from", "Ирина"], True),
    (("course", "add"), ["course", "add", "{client}", "--sessions", "0", "--title", "Массаж"], False),
    (("course", "add"), ["course", "add", "{client}", "--sessions", "5", "--service", "Нет такой"], False),
    (("course", "add"), ["course", "add", "{client}", "--sessions", "5", "--title", "Массаж", "--until", "вчера"],
     False),
    (("course", "use"), ["course", "use", "{course}"], True),
    (("course", "use"), ["course", "use", "99999"], False),
    (("bonus",), ["bonus"], False),  # which of list, add, use: said with the help
    (("bonus", "list"), ["bonus", "list", "{client}"], True),
    (("bonus", "add"), ["bonus", "add", "{client}", "500", "--note", "за отзыв"], True),
    (("bonus", "add"), ["bonus", "add", "{client}", "-50", "--kind", "поправка"], True),
    (("bonus", "add"), ["bonus", "add", "{client}", "много"], False),
    (("bonus", "add"), ["bonus", "add", "{client}", "50", "--kind", "списано"], False),
    (("bonus", "use"), ["bonus", "use", "{client}", "100000"], False),
    (("case",), ["case"], True),
    (("case", "list"), ["case", "list", "{client}", "--open"], True),
    (("case", "add"), ["case", "add", "{client}", "--reason", "Цена", "--offer", "скидка 10%", "--pushes-discounts"],
     True),
    (("case", "add"), ["case", "add", "{client}", "--reason", "погода"], False),
    (("case", "offer"), ["case", "offer", "{case}", "бесплатный", "дизайн"], True),
    (("case", "offer"), ["case", "offer", "99999", "скидка"], False),
    (("case", "close"), ["case", "close", "{case}", "--won"], True),
    (("case", "close"), ["case", "close", "{case}"], False),
    (("case", "close"), ["case", "close", "99999", "--lost"], False),
    (("case", "show"), ["case", "show", "{case}"], True),
    (("case", "show"), ["case", "show", "99999"], False),
    (("visit",), ["visit", "{client}", "--service", "{service}", "--when", "вчера 12:00"], True),
    (("visit",), ["visit", "{client}", "--service", "{service}", "--when", "27.11.2026 12:00",
                  "--status", "записан"], True),
    (("visit",), ["visit", "{client}", "--service", "Нет такой"], False),
    (("visit",), ["visit", "{client}", "--service", "{service}", "--when", "31.02.2026"], False),
    (("visit",), ["visit", "{client}", "--service", "{service}", "--status", "как-нибудь"], False),
    (("visit-status",), ["visit-status", "{planned}", "отмена"], True),
    (("visit-status",), ["visit-status", "{planned}", "Неявка"], True),
    (("visit-status",), ["visit-status", "{planned}", "нечто"], False),
    (("visit-status",), ["visit-status", "99999", "отмена"], False),
]


BEFORE = {"restore": ["backup", "{dir}/копия.db"], "masters restore": ["masters", "archive", "{master}"],
          "services restore": ["services", "archive", "{service}"],
          "course use": ["course", "add", "{client}", "--sessions", "5", "--title", "Массаж"],
          **{path: ["case", "add", "{client}", "--reason", "Цена", "--pushes-discounts"]
             for path in ("case offer", "case close", "case show")}}


def test_every_command_has_runs():
    assert {path for path, _args, _ok in RUNS} >= set(command_paths()), "add a typical run for each new command"


@pytest.fixture
def copy(demo, tmp_path):
    """The demo book, copied for one run to change as it likes, with files to import and restore."""
    book = tmp_path / demo["book"].name
    shutil.copy(demo["book"], book)
    (tmp_path / "клиенты.csv").write_text(CLIENTS_CSV, encoding="utf-8")
    (tmp_path / "ошибка.csv").write_text(BAD_CSV, encoding="utf-8")
    return book


def filled(args: list[str], demo: dict, book: Path) -> list[str]:
    values = {**{k: v for k, v in demo.items() if isinstance(v, str | int)}, "book": book, "dir": book.parent}
    return [arg.format(**values) for arg in args]


@pytest.mark.parametrize("path, args, ok", RUNS, ids=[" ".join(args) or "clientbook" for _p, args, _ok in RUNS])
def test_runs_speak_russian(demo, copy, path, args, ok):
    before = BEFORE.get(" ".join(path))
    if before:
        assert run("--db", copy, "--today", TODAY, *filled(before, demo, copy)).exit_code == 0
    typed = filled(args, demo, copy)
    result = run("--lang", "ru", "--db", copy, "--today", TODAY, *typed, input="н\n")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert (result.exit_code == 0) == ok, result.output
    assert result.output.strip()
    assert_russian(result.output, demo["studio"], " ".join(typed))


def test_the_books_language_speaks_after_it_opens(demo, copy):
    assert run("--db", copy, "settings", "language", "ru").exit_code == 0
    for args in (["show", demo["client"]], ["calls"], ["stats"]):
        result = run("--db", copy, "--today", TODAY, *args)
        assert result.exit_code == 0, result.output
        assert_russian(result.output, demo["studio"], " ".join(map(str, args)))


def test_a_russian_locale_speaks_russian(demo, copy):
    result = run("--db", copy, "--today", TODAY, "show", "99999", env={"LANG": "ru_RU.UTF-8"})
    assert result.exit_code != 0
    assert "Ошибка" in result.output
    assert_russian(result.output, demo["studio"], "LANG=ru_RU.UTF-8 show 99999")


def test_machine_formats_keep_english_keys_and_codes(demo, copy):
    result = run("--lang", "ru", "--db", copy, "--today", TODAY, "calls", "--format", "json")
    assert '"reason": ' in result.output and '"today": "2026-11-22"' in result.output


def test_the_check_itself_sees_english():
    assert english_words("Usage: clientbook show [OPTIONS] CLIENT", set()) == ["Usage", "OPTIONS", "CLIENT"]
    assert english_words("Ошибка: --db /tmp/a/studio.db, ext:A-1, clientbook show — json", set()) == []
    assert english_words("Причина: due", {"Ann"}) == ["due"]


# -- click's own words ---------------------------------------------------------------------------

# click's sentences about a mistake in declaring a command: a programmer's, never an admin's.
PROGRAMMERS = {
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Choice({choices})",
    "Could not determine name for option with declarations {decls!r}",
    "Invalid start character for option ({option})",
    "Name '{name}' defined twice",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
}


def test_every_sentence_click_says_has_its_russian():
    """A click upgrade that says something new fails here until the catalog says it in Russian."""
    from babel.messages.extract import extract_from_dir

    from tests.unit.test_i18n import catalog

    said = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in catalog() if m.id}
    found = {m[2] if isinstance(m[2], str) else m[2][0]
             for m in extract_from_dir(str(Path(click.__file__).parent), method_map=[("**.py", "python")],
                                       keywords={"_": None, "ngettext": (1, 2)})}
    missing = sorted(found - PROGRAMMERS - {k for k, v in said.items() if v and all(v)})
    assert not missing, f"click's sentences with no Russian: {missing}"


@pytest.mark.parametrize("line, language", [
    (["calls", "--lang", "ru"], "ru"), (["--lang=ru", "calls"], "ru"), (["--lang", "ru", "x", "--lang", "en"], "en"),
    (["--lang", "de"], None), (["show", "--", "--lang", "ru"], None), (["--lang"], None),
])
def test_the_language_is_read_from_the_line_before_parsing(line, language):
    from clientbook.cli.spoken import language_on_line

    assert language_on_line(line) == language


# -- Russian words on the command line -------------------------------------------------------------

@pytest.mark.parametrize("word, code", [
    ("Недозвон", "no_answer"), ("НЕДОЗВОН", "no_answer"), ("не ответила", "no_answer"), ("Записали", "booked"),
    ("Записан", "booked"), ("записана", "booked"), ("Перезвонить", "callback"), ("Отказ", "declined"),
    ("Не беспокоить", "do_not_contact"), ("Чужой номер", "wrong_number"), ("Оставили сообщение", "left_message"),
    ("no answer", "no_answer"), ("no_answer", "no_answer"), ("booked", "booked"),
])
def test_outcomes_as_admins_say_them(word, code):
    from clientbook.services.words import OUTCOMES_SAID

    assert OUTCOMES_SAID.read(word) == code


@pytest.mark.parametrize("word, code", [
    ("состоялся", "done"), ("Состоялась", "done"), ("неявка", "no_show"), ("Не пришёл", "no_show"),
    ("отмена", "cancelled"), ("Отменён", "cancelled"), ("записан", "planned"), ("предварительно", "tentative"),
    ("no-show", "no_show"), ("planned", "planned"),
])
def test_statuses_as_admins_say_them(word, code):
    from clientbook.services.words import STATUSES

    assert STATUSES.read(word) == code


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_label_reads_back_as_its_code(language):
    from clientbook.services.words import BACKUPS_SAID, KINDS_SAID, OUTCOMES_SAID, STATUSES

    i18n.set_language(language)
    for codes in (OUTCOMES_SAID, STATUSES, KINDS_SAID, BACKUPS_SAID):
        assert [codes.read(codes.label(code)) for code in codes.codes] == list(codes.codes)


def test_a_call_and_a_visit_recorded_in_russian_words(demo, copy):
    common = ["--db", copy, "--today", TODAY]
    called = run("log-call", demo["client"], "--outcome", "Недозвон", "--format", "json", *common)
    assert called.exit_code == 0 and '"outcome": "no_answer"' in called.output, called.output
    declined = run("log-call", demo["client"], "--outcome", "отказ", "--reason", "цена", *common)
    assert declined.exit_code == 0, declined.output
    assert run("visit-status", demo["planned"], "Неявка", *common).exit_code == 0
    book = open_book(copy)
    try:
        assert rows(book, "SELECT c.outcome, r.code FROM contacts c LEFT JOIN reasons r ON r.id = c.reason_id "
                          "ORDER BY c.id DESC LIMIT 2") == [("declined", "price"), ("no_answer", None)]
        assert rows(book, "SELECT status FROM visits WHERE id = ?", demo["planned"]) == [("no_show",)]
    finally:
        book.close()
