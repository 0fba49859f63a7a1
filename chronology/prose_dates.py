"""A date written as prose writes one, read for the form of this chronology's it stands for: the
hint a contributor is given for 'February 2025', '9 to 11 March 2025', '2022-12-29 - 2022-12-31',
'between 9 and 11 March 2025', 'about 9 March 2025' or 'before 14 March 2025' (``meant``).

A date is read as English words (months named in full or by their first three letters), or as
EDTF points joined by prose's words; the forms offered are those of ``dates``, each checked by
``dates.parse``, and each named by what the site would show for it, so the hint says what the
form means as well as how it is written:

- a month or a day alone ('February 2025', '9 March 2025', 'March 9, 2025', 'on 9 March 2025');
- with words of estimate before it: 'about' ('around', 'approximately', 'circa', 'c.') is EDTF's
  ``~``, 'possibly' ('perhaps') its ``?``, 'possibly about' its ``%``, the words the site writes;
- two dates joined by a dash, 'to', 'until', 'through', or 'between ... and ...', the first
  perhaps without the month or year it shares with the second ('9-11 March 2025',
  '28 February - 2 March 2025', 'March 9-11, 2025'): both a span that lasted (``A/B``) and one day,
  not known which, of a set (``[A..B]``), the one the words say first ('from ... to' the span,
  'between' the set; 'one day between', the site's words for a set, the set alone);
- one date and a word of order: 'on or before' ('by', 'no later than') is ``[..B]``, 'on or after'
  ``[A..]``, 'until' ``../B``, 'since' or 'from ... onwards' ``A/..``; 'before' a day is on or
  before the day before it ('before 14 March 2025' is ``[..2025-03-13]``), 'after' one on or after
  the next, at the date's own precision.

Words that place a date more finely than EDTF can ('late February 2025', 'mid-March 2025', 'the
end of 2025') are given no form of their own: the hint says so and names what the chronology
writes for them, the date at the precision the words do give (its true precision, see
docs/method.md) with the source's words in its quote. Anything else (no year, a month misspelt,
a day that is not) is no guess: ``meant`` gives None, and the list of forms is the hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from chronology import dates

#: The months in English, as prose names them (in full, or by their first three letters); not
#: ``calendar.month_name``, which follows the locale.
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]

_MONTH = r"(?P<month>[a-z]{3,9})\.?"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>[0-9]{4})"
#: A date as an end with every part: EDTF's point, or a month and year or a day, month and year in
#: words ('February 2025', '9 March 2025', '9th of March 2025', 'March 9, 2025').
_WHOLE = (
    re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<q>[?~%])?"),
    re.compile(rf"{_MONTH},?\s+{_YEAR}"),
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"),
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
)
#: The first end of two, written without what it shares with the second: '9' (-11 March 2025),
#: '28 February' (- 2 March 2025), 'March 9' (-11, 2025), 'February' (to March 2025).
_SHORT = (
    re.compile(rf"{_DAY}"),
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}"),
    re.compile(rf"{_MONTH}\s+{_DAY}"),
    re.compile(rf"{_MONTH}"),
)
#: The second end after 'March 9-': the day and the year, the month the first end's.
_DAY_YEAR = re.compile(rf"{_DAY},?\s+{_YEAR}")

#: Words of estimate before a date, longest first, with the EDTF qualifier each stands for.
_ESTIMATES = (
    ("possibly about", "%"),
    ("perhaps about", "%"),
    ("possibly around", "%"),
    ("approximately", "~"),
    ("roughly", "~"),
    ("around", "~"),
    ("about", "~"),
    ("circa", "~"),
    ("approx.", "~"),
    ("ca.", "~"),
    ("c.", "~"),
    ("possibly", "?"),
    ("perhaps", "?"),
)

#: Words of order before a date, longest first, with the form each makes of it.
_BEFORE_WORDS = (
    ("on or before", "on-or-before"),
    ("no later than", "on-or-before"),
    ("not later than", "on-or-before"),
    ("on or after", "on-or-after"),
    ("no earlier than", "on-or-after"),
    ("not earlier than", "on-or-after"),
    ("earlier than", "before"),
    ("prior to", "before"),
    ("later than", "after"),
    ("before", "before"),
    ("after", "after"),
    ("until", "until"),
    ("till", "until"),
    ("since", "from"),
    ("from", "from"),
    ("by", "on-or-before"),
    ("on", "single"),
    ("in", "single"),
)
#: Words of order after a date.
_AFTER_WORDS = (
    ("onwards", "from"),
    ("onward", "from"),
    ("or earlier", "on-or-before"),
    ("or before", "on-or-before"),
    ("or later", "on-or-after"),
    ("or after", "on-or-after"),
)
#: Words that place a date within a month or a year more finely than EDTF can.
_FINER = re.compile(
    r"(?P<words>early|mid|late|(?:the\s+)?(?:beginning|start|middle|end|first\s+half|second\s+half)\s+of)"
    r"(?:\s+|-)(?P<rest>.+)"
)

#: What joins two ends: a dash, or a word. 'and' only after 'between'.
_JOINS = re.compile(r"\s*[-\u2010-\u2015]\s*|\s+(?:to|until|till|through|thru)\s+")
_AND = re.compile(r"\s+and\s+")
_BETWEEN = re.compile(r"(?:(?P<one>one\s+(?:day|month|year))\s+|some\s*time\s+)?between\s+(?P<rest>.+)")


@dataclass(frozen=True, slots=True)
class _End:
    """One end as written: what it says of year, month and day, and its qualifier."""

    year: int | None
    month: int | None
    day: int | None = None
    qualifier: str = ""

    def edtf(self) -> str:
        """The end in EDTF (its year known)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text + self.qualifier

    @property
    def precision(self) -> str:
        return "day" if self.day is not None else "month" if self.month is not None else "year"


def meant(text: str) -> str | None:
    """The hint for ``text``, a date written as prose writes one: the forms it stands for, each
    with what it means, or, for words finer than EDTF, what is written instead; None when the
    words are none this module reads, or stand for no date the chronology accepts."""
    written = " ".join(text.split()).casefold()
    for read in (_two_ends, _finer, _one_end):
        hint = read(written)
        if hint is not None:
            return hint or None  # '' : read, but no form of it is a date
    return None


def _month(name: str) -> int | None:
    months = [i for i, month in enumerate(_MONTHS, 1) if month == name or (len(name) == 3 and month[:3] == name)]
    return months[0] if len(months) == 1 else None


def _from_match(found: re.Match[str], numeric: bool = False) -> _End | None:
    parts = found.groupdict()
    month: int | None = None
    if parts.get("month"):
        month = int(parts["month"]) if numeric else _month(parts["month"])
        if month is None:
            return None
    year = int(parts["year"]) if parts.get("year") else None
    day = int(parts["day"]) if parts.get("day") else None
    return _End(year, month, day, parts.get("q") or "")


def _estimate(text: str) -> tuple[str, str]:
    """The qualifier the words before a date give it, and the date's text after them."""
    for words, qualifier in _ESTIMATES:
        if text.startswith(words) and (words.endswith(".") or text[len(words) : len(words) + 1] == " "):
            return qualifier, text[len(words) :].strip()
    return "", text


def _whole(text: str) -> _End | None:
    """An end with its year: an EDTF point or a date in words, perhaps with words of estimate."""
    qualifier, rest = _estimate(text)
    for number, form in enumerate(_WHOLE):
        found = form.fullmatch(rest)
        if found:
            end = _from_match(found, numeric=number == 0)
            if end is None or (qualifier and end.qualifier):
                return None
            return replace(end, qualifier=end.qualifier or qualifier)
    return None


def _short(text: str) -> _End | None:
    """A first end that leaves out what it shares with the second: no year, perhaps no month."""
    qualifier, rest = _estimate(text)
    for form in _SHORT:
        found = form.fullmatch(rest)
        if found:
            end = _from_match(found)
            return None if end is None else replace(end, qualifier=qualifier)
    return None


def _two_ends(text: str) -> str | None:
    """Two dates joined as prose joins them; None when the text is not two dates so joined."""
    between = _BETWEEN.fullmatch(text)
    if between:
        rest, joins = between["rest"], _AND
        order = ("set",) if between["one"] else ("set", "span")
    else:
        rest, joins, order = text.removeprefix("from "), _JOINS, ("span", "set")
    for join in joins.finditer(rest):
        ends = _ends(rest[: join.start()], rest[join.end() :])
        if ends is not None:
            return _span_or_set(*ends, order)
    return None


def _ends(first: str, second: str) -> tuple[_End, _End] | None:
    """The two ends, the first given what it leaves out from the second."""
    end = _whole(second)
    start = _whole(first) or _short(first)
    if start is None:
        return None
    if end is None:
        # 'March 9-11, 2025': the second end is a day of the first's month, and the year.
        found = _DAY_YEAR.fullmatch(second)
        if not found or start.month is None or start.day is None or start.year is not None:
            return None
        end = _End(int(found["year"]), start.month, int(found["day"]))
    if start.year is None:
        if start.month is None:  # '9-11 March 2025': the day alone
            if end.day is None:
                return None
            start = replace(start, month=end.month)
        start = replace(start, year=end.year)
    return start, end


def _span_or_set(start: _End, end: _End, order: tuple[str, ...]) -> str:
    a, b = start.edtf(), end.edtf()
    if a == b:  # '9-9 March 2025': one date, written twice
        return _form_hint(a, start) if _accepted(a) else ""
    unit = start.precision
    forms = {
        "span": (f"{a}/{b}", f"for a span that lasted from one to the other write {a}/{b}"),
        "set": (f"[{a}..{b}]", f"for one {unit}, not known which, between them write '[{a}..{b}]'"),
    }
    # Only the forms that are dates: '2022-12 - 2023' is no set (its ends differ in precision), and
    # a span written backwards is no span.
    return "; ".join(words for form, words in (forms[kind] for kind in order) if _accepted(form))


def _finer(text: str) -> str | None:
    """Words that place a date more finely than EDTF can: what is written instead."""
    found = _FINER.fullmatch(text)
    if not found:
        return None
    end = _whole(found["rest"])
    if end is None or end.qualifier or end.day is not None:
        return None
    form = end.edtf()
    if not _accepted(form):
        return ""
    words = " ".join(found["words"].split())
    return (
        f"no form of EDTF says '{words}': write the {end.precision}, {form}, as precise as the words are, and keep "
        "the source's words in the quote (or say in date_basis how the date was reached); a set '[A..B]' only where "
        "the sources give its first and last possible days"
    )


def _one_end(text: str) -> str | None:
    """One date, perhaps with words of estimate or of order before or after it."""
    kind = "single"
    for words, meaning in _AFTER_WORDS:
        if text.endswith(" " + words):
            text, kind = text[: -len(words) - 1].strip(), meaning
            if kind == "from":
                text = text.removeprefix("from ")
            break
    else:
        for words, meaning in _BEFORE_WORDS:
            if text.startswith(words + " "):
                text, kind = text[len(words) + 1 :].strip(), meaning
                break
    end = _whole(text)
    if end is None:
        return None
    if kind in ("before", "after"):
        return _shifted(end, kind)
    form = {
        "single": "{}",
        "on-or-before": "[..{}]",
        "on-or-after": "[{}..]",
        "until": "../{}",
        "from": "{}/..",
    }[kind].format(end.edtf())
    if not _accepted(form):
        return ""
    return _form_hint(form, end)


def _form_hint(form: str, end: _End) -> str:
    """What the site shows for ``form`` and how it is written."""
    parsed = dates.parse(form)
    unit = end.precision
    if parsed.kind == "single" and not end.qualifier:
        return f"for the {unit} write {form}"
    if parsed.kind == "single":
        return f"for {parsed.words()} write {form}"
    if parsed.one_of:
        return f"for one {unit}, not known which, {parsed.words()} write '{form}'"
    return f"for a span that lasted {parsed.words()} write {form}"


def _shifted(end: _End, kind: str) -> str:
    """'before' or 'after' a date: on or before the one before it, on or after the one after it,
    at the date's precision. An estimated date has no exact neighbour: no form is offered."""
    if end.qualifier:
        return ""
    step = -1 if kind == "before" else 1
    assert end.year is not None
    try:
        if end.day is not None:
            assert end.month is not None
            moved = date(end.year, end.month, end.day) + timedelta(days=step)
            other = _End(moved.year, moved.month, moved.day)
        elif end.month is not None:
            months = end.year * 12 + end.month - 1 + step
            other = _End(months // 12, months % 12 + 1)
        else:
            other = _End(end.year + step, None)
    except (ValueError, OverflowError):  # no such day, or none before 1 January 1 or after 9999
        return ""
    form = f"[..{other.edtf()}]" if kind == "before" else f"[{other.edtf()}..]"
    if not _accepted(form) or not _accepted(end.edtf()):
        return ""
    said, words = dates.parse(end.edtf()).words(), dates.parse(form).words()
    return f"{kind} {said} is {words}: for one {end.precision}, not known which, write '{form}'"


def _accepted(text: str) -> bool:
    """Whether ``dates.parse`` takes ``text``."""
    try:
        dates.parse(text)
    except dates.DateError:
        return False
    return True


# --- times of day -----------------------------------------------------------------------------------

#: A time of day as prose writes one: '00:15', '9:30', '10am', '10.30 p.m.', 'noon'.
_CLOCK = re.compile(r"(?P<h>[0-9]{1,2})(?:[:.](?P<m>[0-9]{2}))?\s*(?P<half>[ap])?(?(half)\.?\s*m\.?)")
#: Words after a time that say no more than it does.
_CLOCK_AFTER = (" local time", " hours", " hrs", " h")
#: A time written with EDTF's qualifier after it, as a date's is ('00:15~').
_TIME_ONLY = re.compile(r"[0-9]{2}:[0-9]{2}")
#: Two times 'between' one and the other.
_TIMES_BETWEEN = re.compile(r"(?:some\s*time\s+)?between\s+(?P<rest>.+)")


@dataclass(frozen=True, slots=True)
class _Clock:
    """A time of day as written: its hour and minute, whether it said am or pm, and its qualifier."""

    hour: int
    minute: int
    half: str | None
    qualifier: str = ""

    def form(self) -> str:
        return f"{'~' if self.qualifier else ''}{self.hour:02d}:{self.minute:02d}"


def _clock(text: str, half: str | None = None) -> _Clock | None:
    """One time of day, perhaps with words of estimate ('about 10am'); ``half`` is the 'am' or 'pm'
    of the time after it ('10-11am'), for a time written without its own."""
    qualifier, rest = _estimate(text.removeprefix("at ").strip())
    rest = rest.removeprefix("at ").strip()
    if rest in ("noon", "midday"):
        return _Clock(12, 0, "p", qualifier)
    found = _CLOCK.fullmatch(rest)
    if not found:
        return None
    hour, minute, own = int(found["h"]), int(found["m"] or 0), found["half"]
    if own is None and found["m"] is None and half is None:
        return None  # 'about 10': no clock says which 10
    said = own or (half if found["m"] is None else None)  # '10-11am', but '13:00-2pm' keeps its clock
    if said is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if said == "p" else 0)
    return _Clock(hour, minute, own, qualifier)


def time_meant(text: str) -> str | None:
    """The hint for ``text``, a time of day written as prose writes one ('about 00:15', 'around
    10am', '10am to 11am', 'between 10 and 11am', '00:15~'): the form it stands for and what the
    site shows for it; None when it is no time this module reads. A time that is 'possibly' so has
    no form: only an approximate time (EDTF's ``~``, before the time) is written."""
    written = " ".join(text.split()).casefold()
    for words in _CLOCK_AFTER:
        written = written.removesuffix(words)
    if written.endswith("~") and _TIME_ONLY.fullmatch(written[:-1]):
        return _time_hint(f"~{written[:-1]}", "the ~ of an approximate time goes before it: ")
    form = _one_time(written) or _two_times(written)
    return None if form is None else _time_hint(form)


def _one_time(text: str) -> str | None:
    clock = _clock(text)
    if clock is None or clock.qualifier not in ("", "~"):
        return None
    return clock.form()


def _two_times(text: str) -> str | None:
    """Two times joined as prose joins them, each perhaps approximate; words of estimate before the
    whole ('about 10-11am') make both ends approximate."""
    qualifier, rest = _estimate(text)
    between = _TIMES_BETWEEN.fullmatch(rest)
    rest, joins = (between["rest"], _AND) if between else (rest.removeprefix("from "), _JOINS)
    for join in joins.finditer(rest):
        last = _clock(rest[join.end() :])
        first = _clock(rest[: join.start()], last.half if last else None)
        if first is None or last is None or {first.qualifier, last.qualifier, qualifier} - {"", "~"}:
            continue  # not two times; or one 'possibly' so, which no form says
        if qualifier:
            first, last = replace(first, qualifier="~"), replace(last, qualifier="~")
        return f"{first.form()}/{last.form()}"
    return None


def _time_hint(form: str, lead: str = "") -> str | None:
    """What the site shows for the time ``form`` and how it is written; None when it is no time."""
    try:
        words = dates.parse_time(form).words().removeprefix("from ")  # "for about 10:00 to 11:00"
    except dates.DateError:
        return None
    return f"{lead}for {words} write '{form}'"


def day_and_time(text: str) -> str | None:
    """The hint for a date written with a time of day after it as prose writes one ('29 December
    2022 at about 00:15', '2022-12-29, around 10am'): the two apart, each in its own field; None
    when ``text`` is not a day and a time so written."""
    written = " ".join(text.split()).casefold()
    for space in [m.start() for m in re.finditer(" ", written)]:
        day, time = written[:space].rstrip(","), written[space + 1 :]
        for words in _CLOCK_AFTER:
            time = time.removesuffix(words)
        form = _one_time(time) or _two_times(time)
        end = _whole(day)
        if form is None or end is None or end.day is None or end.qualifier or not _accepted(end.edtf()):
            continue
        return (
            f"write the day and the time of day apart: date: '{end.edtf()}', time: '{form}', with timezone: "
            "the IANA zone of the place (e.g. Europe/Kyiv)"
        )
    return None
