"""The words people type for days, counts, lengths of time and periods, Russian and English.

Both languages are read whatever language the interface runs in. A word is folded before it
is looked up (any case, ё = е, a trailing dot dropped): «Пятн.», «ПТ» and «пятницу» are Friday.
"""
from __future__ import annotations


def fold_word(word: str) -> str:
    return word.casefold().replace("ё", "е").rstrip(".")


# Days named relative to today: the number of days from today.
DAY_WORDS = {
    "сегодня": 0, "today": 0,
    "завтра": 1, "tomorrow": 1, "tmrw": 1,
    "послезавтра": 2, "day after tomorrow": 2, "the day after tomorrow": 2,
    "вчера": -1, "yesterday": -1,
    "позавчера": -2, "day before yesterday": -2, "the day before yesterday": -2,
}

# Words before a day («в пятницу», «во вторник», «на завтра», "on friday"), and before a time.
DAY_PREPOSITIONS = ("в", "во", "на", "on")
TIME_PREPOSITIONS = ("в", "во", "к", "at", "@")

# Monday first, as date.weekday() counts: (every case form, abbreviations, the English name).
_WEEKDAYS = (
    ("понедельник понедельника понедельнику понедельником", "пн пнд", "monday"),
    ("вторник вторника вторнику вторником", "вт втр", "tuesday tues"),
    ("среда среду среды среде средой", "ср срд", "wednesday"),
    ("четверг четверга четвергу четвергом", "чт чтв", "thursday thur thurs"),
    ("пятница пятницу пятницы пятнице пятницей", "пт птн", "friday"),
    ("суббота субботу субботы субботе субботой", "сб сбт", "saturday"),
    ("воскресенье воскресенья воскресенью воскресеньем", "вс вск", "sunday"),
)

# (every case form, the English name): «3 дек», «3 декабря», "dec 3", "3 December".
_MONTHS = (
    ("январь января январе", "january"), ("февраль февраля феврале", "february"),
    ("март марта марте", "march"), ("апрель апреля апреле", "april"), ("май мая мае", "may"),
    ("июнь июня июне", "june"), ("июль июля июле", "july"), ("август августа августе", "august"),
    ("сентябрь сентября сентябре", "september sept"), ("октябрь октября октябре", "october"),
    ("ноябрь ноября ноябре", "november"), ("декабрь декабря декабре", "december"),
)


def _named(word: str, table, shortest: int) -> int | None:
    """The index in `table` of the one entry `word` names: a form, an abbreviation, or the
    start of a form at least `shortest` letters long (of an English name, three)."""
    word = fold_word(word)
    found = set()
    for index, (forms, *others) in enumerate(table):
        english = " ".join(others).split()
        if word in english or word in forms.split():
            return index
        if (len(word) >= shortest and any(form.startswith(word) for form in forms.split())) or (
                len(word) >= 3 and any(name.startswith(word) for name in english)):
            found.add(index)
    return found.pop() if len(found) == 1 else None


def weekday(word: str) -> int | None:
    """0 for Monday … 6 for Sunday: «пт», «пятн», «пятницу», "fri", "Friday"; None otherwise."""
    return _named(word, _WEEKDAYS, 3)


def month(word: str) -> int | None:
    """1 for January … 12: «дек», «декабря», "dec", "December"; None otherwise."""
    index = _named(word, _MONTHS, 3)
    return None if index is None else index + 1


def _each(words: str, value=None) -> dict:
    """Each of the space-separated `words`, standing for `value`."""
    return dict.fromkeys(words.split(), value)


# How many: «через две недели», "in a week".
COUNT_WORDS = {
    "один": 1, "одна": 1, "одну": 1, "одно": 1, "пару": 2, "пара": 2,
    "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}


def count_of(word: str) -> int | None:
    """A count as typed: "12" (up to four digits), «двенадцать», "twelve"; None otherwise
    ("²" is a digit to str.isdigit, not a number to int)."""
    return int(word) if word.isdecimal() and len(word) <= 4 else COUNT_WORDS.get(word)

# A length of time: (days, months) in one of it.
_DAY, _WEEK, _MONTH, _YEAR = (1, 0), (7, 0), (0, 1), (0, 12)
UNITS = {
    **_each("д дн день дня дней сутки суток d day days", _DAY),
    **_each("нед неделя неделю недели недель w wk wks week weeks", _WEEK),
    **_each("мес месяц месяца месяцев mo month months", _MONTH),
    **_each("г год года лет y yr yrs year years", _YEAR),
    "полгода": (0, 6),  # «через полгода»
}

# Periods for reports: «этот месяц», «прошлый квартал», "last year"; a unit alone is this one.
THIS_WORDS = frozenset(_each("этот эта это эту этом этой текущий текущая текущую текущем текущей this current"))
LAST_WORDS = frozenset(_each("прошлый прошлая прошлую прошлом прошлой прошлого предыдущий предыдущая предыдущую "
                             "предыдущем предыдущей last previous"))
PERIOD_UNITS = {
    **_each("неделя неделю неделе недели week", "week"),
    **_each("месяц месяце месяца month", "month"),
    **_each("квартал квартале квартала quarter", "quarter"),
    **_each("год году года year", "year"),
}
# «последние 12 месяцев», "the last 12 months": this month and the ones before it.
RECENT_WORDS = frozenset(_each("последние последних последний last past recent"))
PERIOD_PREPOSITIONS = ("за", "в", "во", "с", "from", "for", "in", "over")  # «за прошлый месяц», «с 1.10 по 31.10»
PERIOD_JOINERS = ("по", "до", "to", "till", "until")  # between the first and the last day
