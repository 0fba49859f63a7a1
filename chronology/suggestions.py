"""'Did you mean': a close spelling of an unknown id or time zone."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from difflib import get_close_matches

from chronology import dates


def suggest(wrong: str, known: Iterable[str]) -> str | None:
    """A 'did you mean' for an unknown id: a close spelling, or an id that contains the word."""
    return Suggestions(known).suggest(wrong)


class Suggestions:
    """'Did you mean' over a set of ids, indexed once, so that each unknown id costs about as much
    as the ids that share a piece of it, not as all of them.

    A close spelling (``difflib``'s ratio of at least 0.6) shares most of its pairs of letters, so
    only the ids that share the most pairs with the unknown one are compared with it.
    """

    #: How many of the ids that share the most pairs of letters are compared in full.
    CANDIDATES = 50

    def __init__(self, known: Iterable[str]) -> None:
        self.known = sorted(set(known))
        self.by_pair: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        for number, name in enumerate(self.known):
            for pair in _pairs(name):
                self.by_pair.setdefault(pair, []).append(number)
            for word in set(name.split("-")):
                self.by_word.setdefault(word, []).append(number)

    def suggest(self, wrong: str) -> str | None:
        """A close spelling of ``wrong``, else an id that has it as a word or (over 3 letters) contains it."""
        lists = sorted((self.by_pair.get(pair, []) for pair in _pairs(wrong)), key=len)
        # Pairs most ids have (a date's '20', a word every id ends with) tell ids apart no better than
        # chance, and would make each question cost as much as the ids: they are counted only when
        # there is nothing rarer.
        common = max(self.CANDIDATES, len(self.known) // 4)
        telling = [found for found in lists if 0 < len(found) <= common] or lists
        shared: Counter[int] = Counter(n for found in telling for n in found)
        if len(wrong) < 3:
            candidates = self.known  # too short to have pairs to look up by: few are this short
        else:
            ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[: self.CANDIDATES]
            candidates = sorted(self.known[n] for n, _ in ranked)
        close = get_close_matches(wrong, candidates, n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
        containing = set(self.by_word.get(wrong, ()))
        if len(wrong) > 3 and lists:
            # An id that contains the word has every one of its pairs: look among those with the rarest.
            containing |= {n for n in lists[0] if wrong in self.known[n]}
        return f"did you mean '{self.known[min(containing)]}'?" if containing else None


@functools.cache
def _zone_suggestions() -> Suggestions:
    return Suggestions(dates.time_zones())


#: What is written for a zone that names none: an offset ('UTC+3', '+03:00'), or an abbreviation
#: ('MSK'). A zone spelt like either is no near miss: the closest spelling ('UTC', 'MST') would give
#: another offset.
_ZONE_OFFSET = re.compile(r"(?:UTC|GMT|Z)?\s*[+\-\u2212]\s*[0-9]", re.IGNORECASE)


_ZONE_ABBREVIATION = re.compile(r"[A-Z]{2,5}")


def zone_hint(written: str) -> str:
    """The hint for a time zone the checker does not know: a close spelling, unless what is written
    is an offset or an abbreviation, which name no place's zone."""
    if _ZONE_OFFSET.match(written):
        return (
            "an offset is not a time zone: give the IANA zone of the place, e.g. Europe/Minsk, "
            "which knows its offset at every date"
        )
    if _ZONE_ABBREVIATION.fullmatch(written):
        return "an abbreviation is not a time zone: give the IANA zone of the place, e.g. Europe/Moscow for MSK"
    return _zone_suggestions().suggest(written) or "use an IANA name such as Europe/Kyiv"


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}
