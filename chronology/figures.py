"""Figures: the numbers written in a quote, in digits or in English words, and a figure in words.

The checker uses ``numbers_in`` to make sure that every number a figure records is written in the
quote it comes from ("69" and "54" in "54 missiles out of 69"; 5 in "five hours"), so that a figure
cannot say more than its source.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
#: Other words a source writes a number with.
_OTHER = {"a dozen": 12, "dozen": 12, "a hundred": 100, "a thousand": 1_000}

#: A number in digits: 69, 1,200, 1 200 (a thin or no-break space too), 2.5. Not part of a word or
#: of a longer number (S-300 holds 300, which is fine: it is written there).
_DIGITS = re.compile(
    r"(?<![A-Za-z0-9_.,])[0-9]{1,3}(?:[,\u00a0\u202f ][0-9]{3})+(?![0-9])"
    r"|(?<![A-Za-z0-9_.,])[0-9]+(?:\.[0-9]+)?(?![0-9])"
)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
#: Each of ``_OTHER``'s phrases as a whole word or words.
_OTHER_PATTERNS = [(re.compile(rf"\b{phrase}\b"), number) for phrase, number in _OTHER.items()]
#: Any word a number can be written with: a text without one has no number in words, and most
#: quotes write theirs in digits (a large check reads tens of thousands of them).
_ANY_NUMBER_WORD = re.compile(
    # Where ``_WORD`` can start one: after no letter (a digit or '_' before it, as in "2one", too).
    r"(?<![a-z])(?:" + "|".join(sorted({*_UNITS, *_TENS, *_SCALES, "dozen"}, key=lambda w: (-len(w), w))) + r")"
)


def _word_numbers(text: str) -> set[float]:
    """Numbers written in words: five, twenty-five, a hundred, two hundred, three thousand."""
    found: set[float] = set()
    lowered = text.lower()
    if not _ANY_NUMBER_WORD.search(lowered):
        return set()
    for pattern, number in _OTHER_PATTERNS:
        if pattern.search(lowered):
            found.add(number)
    words = _WORD.findall(lowered)
    current: int | None = None
    for word in [*words, ""]:
        value: int | None = None
        if word in _UNITS:
            value = _UNITS[word]
        elif word in _TENS:
            value = _TENS[word]
        elif "-" in word:
            tens, _, unit = word.partition("-")
            if tens in _TENS and unit in _UNITS and 0 < _UNITS[unit] < 10:
                value = _TENS[tens] + _UNITS[unit]
        if value is not None:
            current = value if current is None or current % 100 != 0 or current == 0 else current + value
            found.add(current)
            continue
        if word in _SCALES and current is not None:
            current *= _SCALES[word]
            found.add(current)
            continue
        current = None
    return {float(n) for n in found}


def numbers_in(text: str) -> set[float]:
    """Every number written in ``text``, in digits or in English words."""
    found = {float(re.sub(r"[,\u00a0\u202f ]", "", match)) for match in _DIGITS.findall(text)}
    return found | _word_numbers(text)


def number_words(value: float) -> str:
    """A number as the pages write it: 69, 1,200, 2.5 (never 69.0)."""
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


#: The qualifiers (the schema's enum for a figure's ``qualifier``) that make the number a lowest
#: bound, and those that make it a highest: a lone ``low`` is read with the first, a lone ``high``
#: with the second (``figure_words``), and neither with the other (``qualifier_against``).
LOWER_BOUNDS = ("at least", "more than")
UPPER_BOUNDS = ("at most", "fewer than", "up to", "as many as")


def qualifier_against(numbers: dict[str, float], qualifier: str | None) -> str | None:
    """Why ``qualifier`` cannot qualify a figure giving ``numbers`` (its value, low, best and high
    as given), or None when it can: a lone low is a lowest bound, a lone high a highest, and a
    range (low and high) is only ever about; a value, or a best with one bound or none, takes any
    qualifier."""
    if qualifier is None or "value" in numbers:
        return None
    if "low" in numbers and "high" in numbers:
        return None if qualifier == "about" else "a range (low and high) can only be about"
    if "best" in numbers:
        return None
    if "low" in numbers:
        return None if qualifier in (*LOWER_BOUNDS, "about") else "a lone low is the lowest the source puts it"
    if "high" in numbers:
        return None if qualifier in (*UPPER_BOUNDS, "about") else "a lone high is the highest the source puts it"
    return None


def figure_words(
    value: float | None, low: float | None, best: float | None, high: float | None, qualifier: str | None
) -> str:
    """A figure in words, as the source puts it: '69', 'more than 120', 'up to 55', 'at least
    about 50', 'between about 50 and 70 (best 60)'. The qualifier is said once: with a lone bound,
    it is the bound's own word ('up to 55', not 'up to at most 55')."""
    q = f"{qualifier} " if qualifier else ""
    if value is not None:
        return f"{q}{number_words(value)}"
    if best is not None and (low is None or high is None):
        bounds = [f"at least {number_words(low)}"] if low is not None else []
        bounds += [f"at most {number_words(high)}"] if high is not None else []
        # A plain best estimate says it is one: "60" alone would read as a number given exactly.
        q = q or "an estimated "
        return f"{q}{number_words(best)}" + (f" ({', '.join(bounds)})" if bounds else "")
    if low is not None and high is not None:
        words = f"between {q}{number_words(low)} and {number_words(high)}"
        return words + (f" (best {number_words(best)})" if best is not None else "")
    if low is not None:
        return f"{q}{number_words(low)}" if qualifier in LOWER_BOUNDS else f"at least {q}{number_words(low)}"
    if high is not None:
        if qualifier in UPPER_BOUNDS:
            return f"{q}{number_words(high)}"
        return f"up to {q}{number_words(high)}" if qualifier else f"at most {number_words(high)}"
    return q.strip()


#: The numbers a figure allows, as the source puts it, read from its qualifier and its bounds: (lowest,
#: whether the lowest itself is allowed, highest, whether the highest itself is allowed), None for
#: no bound on that side. "17" allows 17 alone, "at least 15" 15 and above, "more than 120" above 120,
#: "between 50 and 70" 50 to 70.
Allowed = tuple[float | None, bool, float | None, bool]

#: Each qualifier's relation to its number: (the number bounds it from below, from above, is itself
#: allowed). "about" is in none: it bounds nothing (see ``allowed``).
_RELATIONS = {
    None: (True, True, True),
    "exactly": (True, True, True),
    "at least": (True, False, True),
    "more than": (True, False, False),
    "at most": (False, True, True),
    "up to": (False, True, True),
    "as many as": (False, True, True),
    "fewer than": (False, True, False),
}


def allowed(
    value: float | None, low: float | None, best: float | None, high: float | None, qualifier: str | None
) -> Allowed:
    """The numbers a figure allows (``Allowed``), read as ``figure_words`` says it.

    A figure "about" a number allows any: the source gives no bound, and the site sets no tolerance
    of its own, so an approximate figure is never taken to conflict with another. A best estimate
    (``best``, "an estimated 60", "about 60") bounds nothing by itself, unless its qualifier makes it
    a bound ("more than 60"); the ``low`` and ``high`` given with it do, "about" or not ("about 60
    (at least 50)" allows no 10). A lone ``low`` or ``high`` is the bound its qualifier
    says, or "at least" and "at most" without one; a range, its two ends.
    """
    lowest: float | None = None
    highest: float | None = None
    low_in = high_in = True

    def bound(number: float, relation: tuple[bool, bool, bool]) -> None:
        nonlocal lowest, highest, low_in, high_in
        below, above, itself = relation
        if below:
            lowest, low_in = number, itself
        if above:
            highest, high_in = number, itself

    if best is not None and (low is None or high is None):
        # "more than 60", "exactly 60"; a plain estimate, or one "about" 60, is no bound
        if qualifier not in (None, "about"):
            bound(best, _RELATIONS[qualifier])
        qualifier = None  # the bounds given with it are plain: "about 60 (at least 50)"
    elif qualifier == "about":  # "about 55", "between about 50 and 70", "at least about 41"
        return (None, True, None, True)
    elif value is not None:
        bound(value, _RELATIONS[qualifier])
        return (lowest, low_in, highest, high_in)
    if low is not None and high is not None:
        return (low, True, high, True)
    if low is not None:
        relation = _RELATIONS[qualifier] if qualifier in LOWER_BOUNDS else _RELATIONS["at least"]
        if lowest is None or low > lowest:
            lowest, low_in = low, relation[2]
    if high is not None:
        relation = _RELATIONS[qualifier] if qualifier in UPPER_BOUNDS else _RELATIONS["at most"]
        if highest is None or high < highest:
            highest, high_in = high, relation[2]
    return (lowest, low_in, highest, high_in)


def common(each: list[Allowed]) -> Allowed | None:
    """The numbers every figure of ``each`` allows, or None when no number fits them all."""
    lowest: float | None = None
    highest: float | None = None
    low_in = high_in = True
    for low, l_in, high, h_in in each:
        if low is not None and (lowest is None or low > lowest or (low == lowest and not l_in)):
            lowest, low_in = low, l_in
        if high is not None and (highest is None or high < highest or (high == highest and not h_in)):
            highest, high_in = high, h_in
    if lowest is None or highest is None or lowest < highest or (lowest == highest and low_in and high_in):
        return (lowest, low_in, highest, high_in)
    return None
