"""Files as studios have them: Excel on a Russian system, salon-system exports, phones."""
from __future__ import annotations

from datetime import date

import pytest

from clientbook.services.importer import import_file
from tests.conftest import dump, rows, write

TODAY = date(2026, 11, 24)


# As Excel saves "CSV (разделители — точки с запятой)" on a Russian Windows: cp1251, ";".
EXCEL_CLIENTS = (
    "Фамилия;Имя;Отчество;Телефон;E-mail;Дата рождения;Комментарий;Теги;Откуда узнали;Пол\r\n"
    "Иванова;Анна;Сергеевна;8 (916) 123-45-67;Anna@Mail.RU;16.02.1992;Любит чай; без сахара;VIP;Instagram;ж\r\n"
    'Петрова;Мария;;+7 903 000-11-22;;05.04.85;"Аллергия на латекс\r\nвторая строка";;вывеска;ж\r\n'
    "Смирнова;Ольга;;89161112233;;29.02;;постоянная, VIP;;ж\r\n"
)


def test_excel_windows_1251_semicolons_russian_headers(book, tmp_path):
    text = EXCEL_CLIENTS.replace("Любит чай; без сахара", '"Любит чай; без сахара"')
    path = write(tmp_path, "клиенты.csv", text, "cp1251")
    summary = import_file(book, path, today=TODAY)
    assert (summary.kind, summary.added, summary.ignored) == ("clients", 3, ["Пол"])
    assert rows(book, "SELECT last_name, first_name, patronymic, phone, email, birth_day, "
                      "birth_month, birth_year, notes, source FROM clients ORDER BY id") == [
        ("Иванова", "Анна", "Сергеевна", "+79161234567", "anna@mail.ru", 16, 2, 1992,
         "Любит чай; без сахара", "Instagram"),
        ("Петрова", "Мария", "", "+79030001122", None, 5, 4, 1985,
         "Аллергия на латекс\nвторая строка", "вывеска"),
        ("Смирнова", "Ольга", "", "+79161112233", None, 29, 2, None, "", None),
    ]
    assert rows(book, "SELECT t.name FROM tags t JOIN client_tags ct ON ct.tag_id = t.id "
                      "JOIN clients c ON c.id = ct.client_id WHERE c.last_name = 'Смирнова' "
                      "ORDER BY t.name") == [("VIP",), ("постоянная",)]


@pytest.mark.parametrize("encoding, delimiter", [
    ("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1251", "\t"), ("utf-8", "\t"),
])
def test_encodings_and_delimiters_are_detected(book, tmp_path, encoding, delimiter):
    text = delimiter.join(["ФИО", "Телефон", "Дата рождения"]) + "\n" + delimiter.join(
        ["Иванова Анна Сергеевна", "8 916 123-45-67", "16.02.1992"]) + "\n"
    import_file(book, write(tmp_path, "list.csv", text, encoding), today=TODAY)
    assert rows(book, "SELECT last_name, first_name, patronymic, phone, birth_year FROM clients") == [
        ("Иванова", "Анна", "Сергеевна", "+79161234567", 1992)]


def test_excel_separator_hint_line(book, tmp_path):
    text = "sep=;\nИмя;Телефон\nАнна Иванова;+7 916 123 45 67\n"
    import_file(book, write(tmp_path, "hint.csv", text), today=TODAY)
    assert rows(book, "SELECT first_name, last_name FROM clients") == [("Анна", "Иванова")]


# A salon system's export of visits: the client by name and phone, Russian words for status.
SALON_VISITS = (
    "Дата;Время;Клиент;Телефон;Услуга;Мастер;Стоимость;Статус;Комментарий\n"
    "01.10.2026;11:00;Иванова Анна;+7 916 123-45-67;Маникюр с покрытием;Ольга;1 500,50 ₽;Пришел;\n"
    "29.10.26;11:30;Иванова Анна;8 916 123 45 67;Маникюр с покрытием;Ольга;1500;выполнен;\n"
    "05.12.2026;15:00;Новикова Вера;+7 999 111-22-33;Стрижка;;;Записан;первый раз\n"
    "10.11.2026;10:00;Новикова Вера;+7 999 111-22-33;Стрижка;;;Не пришел;\n"
)


def test_salon_export_of_visits_finds_and_makes_clients(book, tmp_path):
    import_file(book, write(tmp_path, "clients.csv", "ФИО;Телефон\nИванова Анна;89161234567\n"),
                today=TODAY)
    summary = import_file(book, write(tmp_path, "записи.csv", SALON_VISITS), today=TODAY)
    assert (summary.kind, summary.added, summary.new_clients) == ("visits", 4, 1)
    assert rows(book, "SELECT c.last_name, v.starts_at, v.status, v.price_cents, v.notes "
                      "FROM visits v JOIN clients c ON c.id = v.client_id ORDER BY v.starts_at") == [
        ("Иванова", "2026-10-01 11:00:00", "done", 150050, ""),
        ("Иванова", "2026-10-29 11:30:00", "done", 150000, ""),
        ("Новикова", "2026-11-10 10:00:00", "no_show", None, ""),
        ("Новикова", "2026-12-05 15:00:00", "planned", None, "первый раз"),
    ]
    # a service without a category is its own category: one rhythm track per service
    assert rows(book, "SELECT name, category FROM services ORDER BY name") == [
        ("Маникюр с покрытием", "Маникюр с покрытием"), ("Стрижка", "Стрижка")]
    again = import_file(book, write(tmp_path, "записи.csv", SALON_VISITS), today=TODAY)
    assert (again.added, again.updated, again.skipped, again.new_clients) == (0, 0, 4, 0)


def test_calls_in_russian(book, tmp_path):
    import_file(book, write(tmp_path, "c.csv", "ФИО;Телефон\nИванова Анна;89161234567\n"), today=TODAY)
    text = ("Дата звонка;Телефон;Результат;Перезвонить;Причина;Комментарий\n"
            "20.11.2026 12:30;89161234567;Перезвонить;25.11.2026;;в среду\n"
            "21.11.2026 12:30;89161234567;Отказ;;Цена;дорого\n")
    summary = import_file(book, write(tmp_path, "звонки.csv", text), today=TODAY)
    assert (summary.kind, summary.added) == ("contacts", 2)
    assert rows(book, "SELECT at, outcome, callback_on, note FROM contacts ORDER BY at") == [
        ("2026-11-20 12:30:00", "callback", "2026-11-25", "в среду"),
        ("2026-11-21 12:30:00", "declined", None, "дорого")]


# As an iPhone shares contacts (vCard 3.0) and an older Android exports them (2.1).
IPHONE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:Петрова;Мария;;;\r\nFN:Мария Петрова\r\n"
    "item1.TEL;type=pref:+7 916 765-43-21\r\nitem1.X-ABLabel:мобильный\r\n"
    "TEL;type=HOME;type=VOICE:8 495 123-45-67\r\n"
    "item2.EMAIL;type=INTERNET;type=pref:Maria@Example.ru\r\n"
    "BDAY;VALUE=date:1604-03-16\r\nX-APPLE-OMIT-YEAR:1604\r\n"
    "NOTE:Любит кофе\\, без сахара\\nпишет в Telegram\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEB\r\n"
    " AQEBAQEBAQEBAQEBAQEBAQE=\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=98=D0=B2=D0=B0=D0=BD=D0=BE=D0=B2=D0=B0;=D0=90=D0=BD=D0=BD=D0=B0;;;\r\n"
    "TEL;CELL:+79161234567\r\nBDAY:1990-05-04\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ольга Смирнова\r\n"
    "TEL;VALUE=uri;TYPE=cell:tel:+7-916-000-11-22\r\nBDAY:--0229\r\nEND:VCARD\r\n"
)


def test_a_phones_contacts(book, tmp_path):
    summary = import_file(book, write(tmp_path, "Контакты.vcf", IPHONE), today=TODAY)
    assert (summary.kind, summary.added) == ("clients", 3)
    assert rows(book, "SELECT last_name, first_name, phone, phone_alt, email, birth_day, birth_month, "
                      "birth_year, notes FROM clients ORDER BY id") == [
        ("Петрова", "Мария", "+79167654321", "+74951234567", "maria@example.ru", 16, 3, None,
         "Любит кофе, без сахара\nпишет в Telegram"),
        ("Иванова", "Анна", "+79161234567", None, None, 4, 5, 1990, ""),
        ("Смирнова", "Ольга", "+79160001122", None, None, 29, 2, None, ""),
    ]
    again = import_file(book, write(tmp_path, "Контакты.vcf", IPHONE), today=TODAY)
    assert (again.added, again.updated, again.skipped) == (0, 0, 3)


def test_broken_vcard_changes_nothing(book, tmp_path):
    before = dump(book)
    text = IPHONE + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Без;Конца\r\n"
    with pytest.raises(Exception, match="card 4: the card cannot be read"):
        import_file(book, write(tmp_path, "broken.vcf", text), today=TODAY)
    assert dump(book) == before


def test_matching_by_phone_then_email_and_shared_phones(book, tmp_path):
    import_file(book, write(tmp_path, "a.csv", "ФИО,Телефон,Email\nИванова Анна,89161234567,a@x.ru\n"
                                               "Петрова Мария,,m@x.ru\n"), today=TODAY)
    text = ("client_id,ФИО,Телефон,Email,Комментарий\n"
            "A-1,Анна Иванова,+7 916 123-45-67,,по телефону\n"  # the phone finds Анна
            "A-2,Мария,,M@X.ru,по почте\n"  # the e-mail finds Мария
            "A-3,Иванова Дарья,+7 916 123-45-67,,дочь\n")  # the same phone, another first name
    summary = import_file(book, write(tmp_path, "b.csv", text), today=TODAY)
    assert (summary.added, summary.updated) == (1, 2)
    assert [(s.line, s.name) for s in summary.suspects] == [(4, "Иванова Дарья")]
    assert "the same phone as Иванова Анна, 8 (916) 123-45-67, A-1" in summary.suspects[0].like
    assert rows(book, "SELECT external_id, first_name, notes FROM clients ORDER BY id") == [
        ("A-1", "Анна", "по телефону"), ("A-2", "Мария", "по почте"), ("A-3", "Дарья", "дочь")]


def test_dry_run_counts_and_writes_nothing(book, tmp_path):
    path = write(tmp_path, "k.csv", EXCEL_CLIENTS.replace("Любит чай; без сахара", "чай"), "cp1251")
    import_file(book, path, today=TODAY)
    changed = EXCEL_CLIENTS.replace("Любит чай; без сахара", "кофе") + "Иванова;Анна;;;;;;;;ж\r\n"
    before = dump(book)
    summary = import_file(book, write(tmp_path, "k2.csv", changed, "cp1251"), today=TODAY,
                          dry_run=True)
    # the last row has only a name, and one client has it: that client, unchanged
    assert (summary.dry_run, summary.added, summary.updated, summary.skipped) == (True, 0, 1, 3)
    assert summary.suspects == []
    assert dump(book) == before


def test_progress_is_reported_for_large_files(book, tmp_path):
    text = "ФИО,Телефон\n" + "".join(f"Клиент{n} Тестовый,+7 916 {n:07d}\n" for n in range(1200))
    seen = []
    import_file(book, write(tmp_path, "big.csv", text), today=TODAY,
                progress=lambda done, total: seen.append((done, total)))
    assert seen == [(500, 1200), (1000, 1200), (1200, 1200)]
    assert rows(book, "SELECT count(*) FROM clients") == [(1200,)]


def test_do_not_contact_is_not_undone_by_an_old_spreadsheet(book, tmp_path):
    import_file(book, write(tmp_path, "a.csv", "client_id,name,do_not_contact\nA-1,Анна,да\n"), today=TODAY)
    summary = import_file(book, write(tmp_path, "b.csv", "client_id,name,do_not_contact\nA-1,Анна,нет\n"),
                          today=TODAY)
    assert summary.skipped == 1
    assert rows(book, "SELECT do_not_contact FROM clients") == [(1,)]


def test_other_studio_ids_and_namesakes_stay_apart(book, tmp_path):
    text = ("client_id,ФИО,Телефон,Email\n"
            "A-1,Иванова Анна,+7 916 123-45-67,\n"
            "A-2,Иванова Анна,+7 916 123-45-67,\n"  # another card with the same phone: kept apart
            "A-3,Петрова Мария,+7 903 000-11-22,\n"
            "A-4,Петрова Мария,+7 903 000-11-23,\n")  # a namesake with her own phone: no doubt
    summary = import_file(book, write(tmp_path, "ids.csv", text), today=TODAY)
    assert summary.added == 4
    assert [(s.line, s.like.split(" as ")[0]) for s in summary.suspects] == [(3, "the same phone")]


def test_a_number_from_a_book_is_kept_though_the_phone_plan_lacks_its_range(book, tmp_path):
    text = "ФИО,Телефон\nАнна Иванова,+79300385058\nОльга Ким,8 930 038 50 58\n"
    with pytest.raises(Exception, match="line 3, phone: “8 930 038 50 58” is not a valid phone"):
        import_file(book, write(tmp_path, "p.csv", text), today=TODAY)
    import_file(book, write(tmp_path, "p.csv", text.splitlines(keepends=True)[0] +
                            text.splitlines(keepends=True)[1]), today=TODAY)
    assert rows(book, "SELECT phone FROM clients") == [("+79300385058",)]


def test_a_shared_phone_and_a_name_alone_import_again_without_duplicates(book, tmp_path):
    family = write(tmp_path, "family.csv", "ФИО;Телефон;Город;Район\nИванова Анна;89161234567;Москва;ЦАО\n"
                                           "Иванова Ольга;89161234567;Москва;ЦАО\n")
    visits = write(tmp_path, "visits.csv", "Клиент;Дата;Услуга\nПетрова Мария;01.10.2026;Стрижка\n"
                                           "Петрова Мария;29.10.2026;Стрижка\nИванова Ольга;02.10.2026;Стрижка\n")
    for _round in range(3):
        summary = import_file(book, family, today=TODAY)
        assert summary.ignored == ["Город", "Район"]
        import_file(book, visits, today=TODAY)
    assert rows(book, "SELECT first_name, last_name FROM clients ORDER BY id") == [
        ("Анна", "Иванова"), ("Ольга", "Иванова"), ("Мария", "Петрова")]
    assert rows(book, "SELECT count(*) FROM visits") == [(3,)]
    assert (summary.added, summary.skipped) == (0, 2)


ANDROID_FOLDED = (  # a long quoted-printable name folded with "=", an empty TEL, a BDAY with a time
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=98=D0=B2=D0=B0=D0=BD=D0=BE=D0=B2=D0=B0;=D0=90=D0=BD=\r\n"
    "=D0=BD=D0=B0;;;\r\nTEL;CELL:\r\nTEL;CELL:+79161234567\r\nBDAY:19900216T000000\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Петрова;Мария;;;\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-02-16\r\n"
    "TEL:+79161112233\r\nEND:VCARD\r\n"
)


def test_folded_android_cards_and_iphone_birthdays_without_a_year(book, tmp_path):
    import_file(book, write(tmp_path, "phone.vcf", ANDROID_FOLDED), today=TODAY)
    assert rows(book, "SELECT last_name, first_name, phone, birth_day, birth_month, birth_year "
                      "FROM clients ORDER BY id") == [
        ("Иванова", "Анна", "+79161234567", 16, 2, 1990), ("Петрова", "Мария", "+79161112233", 16, 2, None)]
