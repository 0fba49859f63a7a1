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


def _word_numbers(text: str) -> set[float]:
    """Numbers written in words: five, twenty-five, a hundred, two hundred, three thousand."""
    found: set[float] = set()
    lowered = text.lower()
    for phrase, number in _OTHER.items():
        if re.search(rf"\b{phrase}\b", lowered):
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
