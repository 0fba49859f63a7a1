"""Text: finding quotes in their sources, measuring coverage, and Markdown that cannot carry HTML.

Quotes are compared after a normalisation that forgives only what copying text commonly changes:
runs of whitespace, typographic versus straight quote marks and apostrophes, and the various dashes.
Everything else (spelling, punctuation, case, ellipses) must match the source exactly.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from html import escape as escape_html
from itertools import accumulate
from typing import Any, NamedTuple
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_EQUIVALENT = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Normalised:
    """A text in comparable form, and where each of its characters came from in the original.

    Normalising only shortens the text where it drops leading whitespace or collapses a run of
    whitespace, so the mapping is kept as those points alone: from normalised index ``breaks[k]``
    on, a character's original offset is its index plus ``shifts[k]``. A character per entry
    would take dozens of bytes for each character of every source, hundreds of megabytes for a
    large chronology.
    """

    text: str
    breaks: tuple[int, ...]
    shifts: tuple[int, ...]

    def offset(self, index: int) -> int:
        """The offset in the original text of the normalised character at ``index``."""
        return index + self.shifts[bisect_right(self.breaks, index) - 1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the normalised span [start, end) came from."""
        return self.offset(start), self.offset(end - 1) + 1


#: ``_EQUIVALENT`` as pairs, for texts that hold few of its characters (see ``normalise``).
_EQUIVALENT_PAIRS = tuple((chr(code), replacement) for code, replacement in _EQUIVALENT.items())
#: What ``_SPACE`` changes: a run of whitespace that starts with a character other than a space, or
#: a space and more whitespace (written so, it is looked for in far less time than ``\s{2,}|[^\S ]``).
_COLLAPSE = re.compile(r"[^\S ]\s*| \s+")


def normalise(text: str) -> Normalised:
    """Collapse whitespace to single spaces and map typographic quotes and dashes to plain ones."""
    # A few searches of the text, each at the speed of memory, cost a source of megabytes far less
    # than ``str.translate`` looking every one of its characters up in a table.
    translated = text
    if not text.isascii():
        for character, replacement in _EQUIVALENT_PAIRS:
            if character in translated:
                translated = translated.replace(character, replacement)
    body = translated.lstrip()
    lead = len(translated) - len(body)
    body = body.rstrip()
    breaks, shifts = [0], [lead]
    removed = 0
    pieces, last = [], 0
    # One pass over the text finds what changes (see ``_COLLAPSE``): single spaces, nearly all of a
    # text's whitespace, are left as they are. A single whitespace character becomes a space in
    # place; only longer runs move what follows.
    for match in _COLLAPSE.finditer(body):
        start, end = match.span()
        pieces.append(body[last:start])
        last = end
        if end - start > 1:
            removed += end - start - 1
            breaks.append(end - removed)
            shifts.append(lead + removed)
    pieces.append(body[last:])
    return Normalised(" ".join(pieces), tuple(breaks), tuple(shifts))


def find_quote(quote: str, source: Normalised) -> list[tuple[int, int]]:
    """The span of the original source text where ``quote`` first occurs (after normalisation), as a
    list: empty when it does not occur.

    Only the first place is looked for and marked: a short quote may occur thousands of times, and
    marking each would make the source's page grow with that count rather than with the quotes.
    """
    needle = normalise(quote).text
    if not needle:
        return []
    return _first_whole(needle, source, source.text.find(needle))


def _first_whole(needle: str, source: Normalised, start: int) -> list[tuple[int, int]]:
    """The span of the first occurrence of ``needle`` from ``start`` on (an occurrence, or -1) that
    is whole words, as ``find_quote`` gives it."""
    text = source.text
    while start != -1:
        end = start + len(needle)
        # A quote is whole words: "elarus said" is not a quote of "Belarus said".
        cut_before = start > 0 and needle[0].isalnum() and text[start - 1].isalnum()
        cut_after = end < len(text) and needle[-1].isalnum() and text[end].isalnum()
        if not (cut_before or cut_after):
            return [source.original_span(start, end)]
        start = text.find(needle, start + 1)
    return []


#: From this many quotes to find in one source, ``find_quotes`` indexes the source rather than
#: search all of it for each quote: indexing costs about as much as searching it a thousand times.
INDEX_FROM = 1000
#: How many characters of a quote its place in the index is found by: enough to pass over the
#: words that open many sentences of a source ("According to the"), which would otherwise lead
#: to a place that is not the quote's, and from there to a search of the rest of the source.
_PREFIX = 32
#: A character that is not a letter or digit (nor a space), before one that is: where a word
#: starts inside a run of characters without a space ("(said", "Talsaland's").
_INNER_START = re.compile(r"(?:[^\w ]|_)(?=[^\W_])")


def and_list(items: Sequence[str]) -> str:
    """Items (plain text, or HTML already) as a list in words: ``A``, ``A and B``, ``A, B and C``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def find_quotes(quotes: list[str], source: Normalised) -> list[list[tuple[int, int]]]:
    """``find_quote`` of each quote, in order: the same spans, found through an index of the
    source when there are many quotes (``INDEX_FROM``).

    A quote that starts with a letter or digit is whole words only where a word starts, so its
    first such occurrence is at the first word start whose next characters are the quote's first
    ones: the index keeps, for each such prefix, the first word start that has it.
    """
    if len(quotes) < INDEX_FROM:
        return [find_quote(quote, source) for quote in quotes]
    text = source.text
    # Word starts: after each space (and at the start), and inside runs without one.
    starts = [0, *accumulate(map((1).__add__, map(len, text.split(" "))))][:-1]
    starts += [match.end() for match in _INNER_START.finditer(text)]
    starts.sort(reverse=True)  # so that the first word start of each prefix is the one kept
    first = dict(zip([text[start : start + _PREFIX] for start in starts], starts, strict=True))
    found = []
    for quote in quotes:
        needle = normalise(quote).text
        if len(needle) < _PREFIX or not needle[0].isalnum():
            found.append(find_quote(quote, source))
            continue
        start = first.get(needle[:_PREFIX])
        if start is None:
            found.append([])  # no word start has its first characters: it is nowhere whole
        elif text.startswith(needle, start):
            found.append(_first_whole(needle, source, start))
        else:
            found.append(_first_whole(needle, source, text.find(needle, start + 1)))
    return found


@dataclass(frozen=True)
class Words:
    """A normalised text's words (what lies between its single spaces), where each starts, and where
    each distinct word occurs: the index that finds a mistyped quote's closest passage."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    where: dict[str, list[int]]
    #: Each word as it is compared (``word_key``): without the punctuation around it.
    keys: tuple[str, ...] = ()

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The normalised span of words ``first`` to ``last`` (exclusive)."""
        return self.starts[first], self.starts[last - 1] + len(self.words[last - 1])


#: What a word may carry around it that does not make it another word: 'missile,' is 'missile'.
_AROUND = ".,;:!?\"'()[]{}«»„“”‘’…"  # noqa: RUF001  (the typographic quotation marks reports use)


def word_key(word: str) -> str:
    """A word as it is compared when looking for a quote's closest passage: without the punctuation
    around it (a word that is only punctuation stays as it is)."""
    return word.strip(_AROUND) or word


@lru_cache(maxsize=8)
def _words(source: Normalised) -> Words:
    words = source.text.split(" ") if source.text else []
    starts: list[int] = []
    where: dict[str, list[int]] = {}
    keys = [word_key(word) for word in words]
    offset = 0
    for index, word in enumerate(words):
        starts.append(offset)
        offset += len(word) + 1
        where.setdefault(keys[index], []).append(index)
    return Words(tuple(words), tuple(starts), where, tuple(keys))


#: A word found more often than this in a source says little about where a quote is in it.
COMMON_WORD = 500
#: How many of a mistyped quote's words are aligned with the source, and differences shown.
MAX_QUOTE_WORDS = 400
MAX_DIFFERENCES = 5


@dataclass(frozen=True)
class Miss:
    """Why a quote was not found: the closest passage of the source, exactly as a quote of it would
    be written (it matches), and the quote's differences from it, word by word."""

    passage: str
    differences: tuple[str, ...]


def _differs(said: str, written: str) -> str:
    """How the quote's ``said`` differs from the source's ``written``. Two texts that differ only in
    their Unicode form look the same (an accent written as a character of its own, as text from
    macOS or a PDF often has it, or joined to its letter): the characters that differ are named."""
    difference = f"'{said}' is '{written}' in the source"
    if said == written or unicodedata.normalize("NFC", said) != unicodedata.normalize("NFC", written):
        return difference
    start = 0
    while start < min(len(said), len(written)) and said[start] == written[start]:
        start += 1
    end = 0
    while end < min(len(said), len(written)) - start and said[-1 - end] == written[-1 - end]:
        end += 1
    ours, theirs = said[start : len(said) - end], written[start : len(written) - end]
    return (
        f"{difference}: the same letters, written with other characters (the quote has {_code_points(ours)} "
        f"where the source has {_code_points(theirs)}; copy them from the source)"
    )


def _code_points(text: str) -> str:
    return " ".join(f"U+{ord(character):04X}" for character in text)


def explain_miss(quote: str, source_text: str, source: Normalised) -> Miss | None:
    """The closest passage to a quote that is not in the source, and how they differ; None when no
    word of the quote is in the source.

    The source's words are indexed once (``_words``); each of the quote's words votes for where the
    quote would start if that word were in place, and the passage is read around the most voted
    start. The time grows with the quote and how often its words occur, not with the source.
    """
    wanted = normalise(quote)
    needle = wanted.text.split(" ")[:MAX_QUOTE_WORDS] if wanted.text else []
    index = _words(source)
    votes: dict[int, int] = {}
    # A word votes with the punctuation around it taken off, on both sides: a quote ending '... a
    # S-301 missile' is placed at the source's 'a S-300 missile,', not at a 'missile' elsewhere.
    for limit in (COMMON_WORD, None):  # rare words first; only common ones when there is nothing else
        for position, word in enumerate(needle):
            hits = index.where.get(word_key(word), ())
            if limit is None or len(hits) <= limit:
                for hit in hits[:COMMON_WORD]:
                    votes[hit - position] = votes.get(hit - position, 0) + 1
        if votes:
            break
    if not votes:
        return None
    start = max(votes, key=lambda s: (votes[s], -s))
    margin = 8  # words the quote may have gained or lost before its best-placed word
    low, high = max(0, start - margin), min(len(index.words), start + len(needle) + margin)
    # Aligned by their keys too, so that 'missile' meets the source's 'missile,'; a difference of
    # punctuation inside the quote is told below.
    needle_keys = [word_key(word) for word in needle]
    window = list(index.keys[low:high])
    blocks = [b for b in SequenceMatcher(None, needle_keys, window, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return None
    first, last = low + blocks[0].b, low + blocks[-1].b + blocks[-1].size
    # Words the quote has before its first match, or after its last, are replaced in the source by as
    # many words just outside them, which the passage includes so that it says what the quote meant.
    first = max(low, first - blocks[0].a)
    last = min(high, last + len(needle) - (blocks[-1].a + blocks[-1].size))
    passage_words = list(index.words[first:last])
    passage_keys = list(index.keys[first:last])

    quoted = _words(wanted)

    def source_words(a: int, b: int, whole: bool = False) -> str:
        text = _SPACE.sub(" ", source_text[slice(*source.original_span(*index.span(first + a, first + b)))])
        return text if whole else clip(text)

    def quote_words(a: int, b: int) -> str:
        return clip(_SPACE.sub(" ", quote[slice(*wanted.original_span(*quoted.span(a, b)))]))

    differences = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, needle_keys, passage_keys, autojunk=False).get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                said, written = needle[i], passage_words[j]
                # The quote may end before the source's comma, or begin after its opening mark.
                at_edge = (i == len(needle) - 1 and written.startswith(said)) or (i == 0 and written.endswith(said))
                if said != written and not at_edge:
                    differences.append(_differs(quote_words(i, i + 1), source_words(j, j + 1)))
        elif tag == "replace":
            differences.append(_differs(quote_words(i1, i2), source_words(j1, j2)))
        elif tag == "delete":
            differences.append(f"'{quote_words(i1, i2)}' is not in the source")
        elif tag == "insert":
            where = f"after '{quote_words(i1 - 1, i1)}'" if i1 else f"before '{quote_words(0, 1)}'"
            differences.append(f"the source has '{source_words(j1, j2)}' {where}")
    passage = source_words(0, last - first, whole=True)
    return Miss(passage, tuple(differences))


#: How much of a run of differing words a difference shows.
DIFFERENCE_CHARS = 80


def clip(words: str) -> str:
    """Words as a message shows them: up to ``DIFFERENCE_CHARS`` characters."""
    return words if len(words) <= DIFFERENCE_CHARS else words[: DIFFERENCE_CHARS - 3] + "..."


def closest_passage(quote: str, source_text: str, source: Normalised) -> str:
    """The passage of the source that most resembles ``quote``, as a quote of it would be written;
    empty when no word of the quote is in the source (see ``explain_miss``)."""
    miss = explain_miss(quote, source_text, source)
    return miss.passage if miss else ""


#: The marks that open a quotation, each with those that may close it. A report's marks are often
#: mixed ("...” or “..."), so a straight mark closes whatever opened; a typographic opening mark met
#: inside a quotation opens its next paragraph, as a quotation running over paragraphs does.
_CLOSERS = {
    '"': '"\u201d\u00bb',
    "\u201c": '"\u201d',  # “ … ”
    "\u201e": '"\u201c\u201d',  # „ … “ (German, Polish) or „ … ” (Hungarian)
    "\u00ab": '"\u00bb',  # « … »
    "\u2018": "\u2019",  # single marks, as British reports quote (see quotations)
}
_QUOTATION_MARKS = re.compile('["\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]')
#: The mark that closes a single quotation, which is also the apostrophe.
_SINGLE_CLOSER = "\u2019"


def quotations(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the words a text puts between quotation marks (the marks left out), in order:
    what a report gives as someone's words. A double quotation left open runs to the text's end.

    A single quotation (U+2018 ... U+2019) ends at a U+2019 that no letter or digit follows: one
    inside a word is an apostrophe (Belarus's), not the end. One ending a word (the ministers' view)
    still ends it early, and one around double marks is found as the double one, so a quotation is
    only ever found shorter than it is; one left open is no quotation.
    """
    spans: list[tuple[int, int]] = []
    start, closers = -1, ""
    for match in _QUOTATION_MARKS.finditer(text):
        mark = match.group()
        # A double mark opening inside a single quotation begins a quotation of its own: the single
        # one, a stray mark or around the double, is let go, so that one stray mark hides nothing.
        if start < 0 or (closers == _SINGLE_CLOSER and mark in _CLOSERS and mark != "\u2018"):
            if mark in _CLOSERS:
                start, closers = match.end(), _CLOSERS[mark]
        elif mark in closers and not (mark == _SINGLE_CLOSER and text[match.end() : match.end() + 1].isalnum()):
            spans.append((start, match.start()))
            start = -1
    if start >= 0 and closers != _SINGLE_CLOSER:
        spans.append((start, len(text)))
    return tuple(spans)


def within_quotation(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether the span [start, end) of a text lies inside one of its ``quotations``."""
    index = bisect_right(spans, start, key=lambda span: span[0]) - 1
    return index >= 0 and end <= spans[index][1]


#: A sentence ends after ., ! or ? (and closing quotes) before a space, and at every line end: a
#: source saved on another system may end its lines with CR alone, or CR LF. One match of this
#: pattern is one sentence, its spaces at both ends left out, so that ``sentences`` does no Python
#: work per sentence: splitting at the ends, then copying and trimming each piece in Python, took
#: about 1 s for the 382,000 sentences of a 100,000-event chronology's 402 sources, on one core.
#: ``\s`` and ``\S`` are ``str.isspace`` and its opposite, for every character (the property test
#: in tests/test_text.py holds this pattern to that split-and-trim as it was written before).
_SENTENCE = re.compile(
    r"""
    (?=\S)                                # it begins at a character that is no space
    [^.!?\n\r\x85\u2028\u2029]*            # a run of words, up to an end mark or a line end
    (?:
        [.!?](?!["'\u201d\u2019)]*+\s)     # an end mark that ends nothing: not before a space,
        [^.!?\n\r\x85\u2028\u2029]*        #   after its closing quotes (3.5, U.S., "Go!"-),
    )*                                    #   and the run after it
    (?:
        [.!?]["'\u201d\u2019)]*+(?=\s)      # the mark that ends it, and its closing quotes,
    |                                     # or the end of its line or of the text, the spaces
        (?<=\S)                           #   before that left out: the last run gives them
        (?=[^\S\n\r\x85\u2028\u2029]*+(?:[\n\r\x85\u2028\u2029]|\Z))  # back one by one
    )
    """,
    re.VERBOSE,
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a text: split after ., ! or ? (and closing quotes) before a space,
    and at line ends; the spaces around each left out, a piece of nothing but spaces no sentence."""
    return list(map(re.Match.span, _SENTENCE.finditer(text)))


@dataclass(frozen=True)
class Coverage:
    """How much of a source the chronology's quotes cover."""

    characters: int
    covered_characters: int
    sentences: tuple[tuple[int, int], ...]
    uncovered_sentences: tuple[tuple[int, int], ...]

    @property
    def percent(self) -> int:
        """The share of the source's non-space characters inside some quote, rounded down."""
        return self.covered_characters * 100 // self.characters if self.characters else 100


def coverage(text: str, spans: list[tuple[int, int]]) -> Coverage:
    """Measure how the quoted ``spans`` cover ``text``: characters, and sentences touched by no quote."""
    covered = bytearray(len(text))
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    # One byte a character, 1 where it is not a space: counting the covered characters is then one
    # AND of two masks as integers (each covered character once, however many quotes overlap it),
    # all in C: a Python step for each word took seconds over a large chronology's sources.
    solid = _solid(text)
    characters = len(text) - solid.count(0)
    covered_characters = (int.from_bytes(covered, "little") & int.from_bytes(solid, "little")).bit_count()
    all_sentences = sentences(text)
    uncovered = tuple(s for s in all_sentences if covered.find(1, s[0], s[1]) == -1)
    return Coverage(characters, covered_characters, tuple(all_sentences), uncovered)


#: Every character ``str.isspace`` (and so the regular expression ``\s``) holds a space, beyond Latin-1.
_WIDE_SPACES = "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
#: Latin-1 bytes to 0 where the character is a space, else 1.
_SOLID_BYTES = bytes(0 if chr(byte).isspace() else 1 for byte in range(256))


def _solid(text: str) -> bytes:
    """One byte a character of ``text``: 0 for a space, 1 for any other character."""
    if not text.isascii():
        # Each character one byte: the wide spaces become a space, the other wide characters "?".
        # Each space looked for alone and replaced only where it is (most sources have none):
        # 17 searches for one character take half the time of one pass of a pattern matching any
        # of them (0.09 s against 0.18 s over the 100,000-event benchmark's 402 sources).
        for space in _WIDE_SPACES:
            if space in text:
                text = text.replace(space, " ")
    return text.encode("latin-1", "replace").translate(_SOLID_BYTES)


# --- Markdown safety -------------------------------------------------------------------------------

ALLOWED_SCHEMES = ("http", "https", "mailto")
_HTML = re.compile(r"(?<!\\)<(?![a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*>)(?![^\s@<>]+@[^\s@<>]+>)(?=[A-Za-z/!?])")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def _as_browser_reads(url: str) -> str:
    """A URL from Markdown's tree as a browser reads it: '&' restored, character references decoded.

    Python-Markdown keeps '&' as a placeholder (mailto autolinks are written as character
    references) and writes ``&#x61;`` in a link through unchanged, which a browser decodes.
    """
    return html.unescape(url.replace(markdown.util.AMP_SUBSTITUTE, "&"))


def link_allowed(url: str) -> bool:
    """True for a link a page may carry: http, https or mailto (after decoding, as a browser would)."""
    scheme = _SCHEME.match(_as_browser_reads(url))
    return scheme is not None and scheme.group(1).lower() in ALLOWED_SCHEMES


#: A Markdown text longer than this, or with more unescaped '[' than ``MAX_MARKDOWN_BRACKETS``, is
#: refused by the checker and never given to Python-Markdown: its time grows with their product
#: (a text of 50,000 '[' takes minutes), and deep nesting exhausts its recursion. Real summaries
#: and notes are a small fraction of either limit.
MAX_MARKDOWN_CHARS = 10_000
MAX_MARKDOWN_BRACKETS = 100
_OPEN_BRACKET = re.compile(r"(?<!\\)\[")


def markdown_limit(text: str) -> tuple[str, str] | None:
    """Why a text is beyond what Markdown can safely read, as ``(message, hint)``; None when it is not."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return (
            f"the text is {len(text):,} characters long; a Markdown text may have at most {MAX_MARKDOWN_CHARS:,}",
            "shorten it",
        )
    brackets = len(_OPEN_BRACKET.findall(text))
    if brackets > MAX_MARKDOWN_BRACKETS:
        return (
            f"the text has {brackets} '[', more than the {MAX_MARKDOWN_BRACKETS} a Markdown text may have",
            "write a literal '[' as '\\['",
        )
    return None


@cache
def _shared_renderer(recording: bool = False) -> markdown.Markdown:
    # The recording one tells the checker what it drops (see _convert); the other records nothing.
    return markdown.Markdown(extensions=[SafeMarkdown([] if recording else None)], output_format="html")


def _convert(text: str, dropped: list[tuple[str, bool]] | None = None) -> str | None:
    """Markdown to safe HTML; None when the text is beyond the limits or Markdown fails on it
    (RecursionError on deep nesting, or any other failure inside Python-Markdown)."""
    if markdown_limit(text) is not None:
        return None
    recording = dropped is not None
    try:
        # Building a Markdown instance costs more than converting a summary: reuse one.
        renderer = _shared_renderer(recording)
        renderer.reset()
        if recording:
            links = renderer.treeprocessors["safe_links"]
            assert isinstance(links, _SafeLinks)
            links.dropped = dropped
            return renderer.convert(text)
        return renderer.convert(text)
    except Exception:  # RecursionError, or a bug in Python-Markdown: neither may stop a check or a build
        # The failure may have left the shared instance half-way through a document: start afresh.
        _shared_renderer.cache_clear()
        return None


#: What Markdown makes links, images, raw HTML or nested blocks from: '[' (links, images,
#: references), '<' (autolinks, HTML), '>' (quotes), and a line that starts like a list item. A
#: text with none of them becomes one paragraph (or a heading, a code block, a rule) with at most
#: emphasis in it ('*', '_'), so it has no link to drop.
_MAY_LINK_OR_NEST = re.compile(r"[\[<>]|^[ \t]*(?:[-+*]|[0-9]+[.)])", re.MULTILINE)
#: Emphasis nests, so a text with many '*' and '_' is parsed to see that Markdown can read it;
#: with this many or fewer it always can (even 2,000 levels of nesting parse).
MAX_PLAIN_EMPHASIS = 64


def may_link_or_nest(text: str) -> bool:
    """Whether Markdown could find a link or image in ``text``, or fail on it: when False, parsing it
    would find nothing to refuse. Most summaries are such prose, or prose with a word in italics."""
    return _MAY_LINK_OR_NEST.search(text) is not None or text.count("*") + text.count("_") > MAX_PLAIN_EMPHASIS


class MarkdownProblem(NamedTuple):
    """One thing in a text that would be unsafe to render."""

    rule: str
    message: str
    hint: str
    #: What in the text the problem is (a tag, a link's target), to find where it is written; None
    #: for the text as a whole.
    found: str | None = None


def markdown_problems(text: str, parse: bool = True) -> list[MarkdownProblem]:
    """What in a text would be unsafe to render: a ``MarkdownProblem`` for each problem.

    Raw HTML is looked for in every text. With ``parse`` (texts rendered as Markdown), links and
    images are found by Python-Markdown itself, the same parser that renders the page, so every
    link it would make is checked (nested brackets, references and autolinks included); a text
    Markdown cannot safely read is refused with rule ``markdown-limit``.
    """
    problems: list[MarkdownProblem] = []
    for match in _HTML.finditer(text) if "<" in text else ():  # most texts have no '<' to look at
        close = text.find(">", match.start())
        snippet = text[match.start() : close + 1 if 0 < close < match.start() + 40 else match.start() + 40]
        problems.append(
            MarkdownProblem(
                "raw-html",
                f"raw HTML is not allowed: '{snippet}'",
                "write Markdown instead, or escape the '<' as '\\<'",
                snippet,
            )
        )
    if not parse:
        return problems
    limit = markdown_limit(text)
    if limit is not None:
        return [*problems, MarkdownProblem("markdown-limit", *limit)]
    if not may_link_or_nest(text):
        return problems
    dropped: list[tuple[str, bool]] = []
    if _convert(text, dropped) is None:
        return [
            *problems,
            MarkdownProblem(
                "markdown-limit",
                "the text cannot be read as Markdown: it is nested too deeply or otherwise too complex",
                "use fewer levels of lists and quotes",
            ),
        ]
    for target, is_image in dropped:
        if is_image:
            problems.append(
                MarkdownProblem(
                    "unsafe-link",
                    f"images are not allowed: '{target}'",
                    "the site loads nothing from elsewhere; link to the image instead",
                    target,
                )
            )
        else:
            problems.append(
                MarkdownProblem(
                    "unsafe-link",
                    f"link '{target}' is not allowed",
                    "links must start with http://, https:// or mailto:",
                    target,
                )
            )
    return problems


class _SafeLinks(Treeprocessor):
    """Drops images and any link whose scheme is not allowed: a second guard behind the checker.

    What it drops is recorded in ``dropped`` (as ``(url, is_image)``) when given: that is how the
    checker finds what it must refuse.
    """

    def __init__(self, md: markdown.Markdown, dropped: list[tuple[str, bool]] | None = None) -> None:
        super().__init__(md)
        self.dropped = dropped

    def run(self, root: Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    self._record(child.get("src", ""), True)
                    _remove_keeping_tail(parent, child)
                elif child.tag == "a":
                    href = child.get("href", "")
                    if not link_allowed(href):
                        self._record(href, False)
                        child.attrib.pop("href", None)
                    else:
                        child.set("rel", "nofollow noopener")

    def _record(self, url: str, is_image: bool) -> None:
        if self.dropped is not None:
            self.dropped.append((_as_browser_reads(url), is_image))


def _remove_keeping_tail(parent: Element, child: Element) -> None:
    """Remove an element but not the text that follows it."""
    if child.tail:
        siblings = list(parent)
        index = siblings.index(child)
        if index > 0:
            siblings[index - 1].tail = (siblings[index - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


class SafeMarkdown(Extension):
    """Python-Markdown without raw HTML (it is escaped as text) and with only http(s) and mailto links."""

    def __init__(self, dropped: list[tuple[str, bool]] | None = None) -> None:
        super().__init__()
        self.dropped = dropped

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # Markdown's API name, not ours
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md, self.dropped), "safe_links", 0)


# A letter or digit, or punctuation Markdown leaves be (typographic quotes and dashes among it).
_WORD_OR_MARK = r"(?:[^\W_]|[,.;:'\u2019\u2018\u201c\u201d\"()?%/\u2013\u2014-])"
#: A line: a letter, then words and marks, each after any spaces. Every such line splits into those
#: parts in one way only, so the quantifiers are possessive: what they took is never tried again
#: shorter (a backtracking form took two and a half times as long on a chronology's summaries).
_PLAIN_LINE = rf"[^\W\d_](?: *+{_WORD_OR_MARK})*+"
#: A paragraph in which Markdown finds nothing to do: lines of words and everyday punctuation, each
#: beginning with a letter (not a digit, which could number a list item, nor a mark that opens a
#: block) and ending without a space (two make a line break). Most summaries are such prose, and
#: Python-Markdown would turn each into itself between <p> and </p>, at a cost.
_PLAIN_PARAGRAPH = re.compile(rf"(?:{_PLAIN_LINE}\n)*+{_PLAIN_LINE}")
#: Words in emphasis: ``*`` and words and marks, each after any spaces, then ``*`` (no space inside
#: either end, no ``*`` within, on one line), which Markdown makes ``<em>`` of wherever it stands, but
#: for right before another ``*`` (two make strong emphasis).
_EMPHASIS = rf"\*{_WORD_OR_MARK}(?: *+{_WORD_OR_MARK})*+\*(?!\*)"
_EMPHASISED_LINE = rf"[^\W\d_](?: *+(?:{_WORD_OR_MARK}|{_EMPHASIS}))*+"
#: A plain paragraph with words in emphasis: the other summaries Markdown would turn into themselves
#: between <p> and </p>, but for each ``*words*`` made ``<em>words</em>``.
_EMPHASISED_PARAGRAPH = re.compile(rf"(?:{_EMPHASISED_LINE}\n)*+{_EMPHASISED_LINE}")
_EMPHASIS_MARKS = re.compile(r"\*([^*]+)\*")


@cache
def render_markdown(text: str, inline: bool = False) -> str:
    """Render Markdown from the data as HTML, raw HTML escaped; ``inline`` drops the outer paragraph.

    A text beyond what Markdown can safely read (which the checker refuses) is shown as escaped text.
    Cached: an event's summary is rendered on the timeline and on every page that lists the event.
    The cache keeps every text (see ``render_ahead``): one that dropped the oldest would drop, in a
    large chronology, the summaries rendered ahead before any worker could use them.
    """
    if inline:
        whole = render_markdown(text)  # the same text is also rendered whole (a page's description)
        if whole.startswith("<p>") and whole.endswith("</p>") and whole.count("<p>") == 1:
            return whole[3:-4]
        return whole
    if _PLAIN_PARAGRAPH.fullmatch(text) and markdown_limit(text) is None:
        return f"<p>{text}</p>"
    if "*" in text and _EMPHASISED_PARAGRAPH.fullmatch(text) and markdown_limit(text) is None:
        return "<p>" + _EMPHASIS_MARKS.sub(r"<em>\1</em>", text) + "</p>"
    html = _convert(text)
    return html if html is not None else "<p>" + escape_html(text) + "</p>"


@cache
def markdown_to_text(text: str) -> str:
    """The words of a Markdown text without its markup, for a page's meta description.
    Cached (every text, as ``render_markdown``): the data files give an event's summary as text in
    several formats."""
    rendered = render_markdown(text)
    return _SPACE.sub(" ", html.unescape(re.sub(r"<[^>]+>", "", rendered))).strip()


@cache
def first_sentence(text: str) -> str:
    """The first sentence of a text, for one-line summaries. Cached (every text, as
    ``render_markdown``): an event's stands on every list of events, and in several data files."""
    spans = sentences(text)
    if not spans:
        return ""
    start, end = spans[0]
    return text[start:end]


def render_ahead(summaries: Iterable[str]) -> None:
    """Convert each summary into every form a build shows it in, into the caches of ``render_markdown``,
    ``markdown_to_text`` and ``first_sentence``: the whole summary as HTML and as text, and its first
    sentence likewise (the HTML inline).

    A build calls it once, before it forks the workers that make the search records, the data files
    and the pages: they inherit the caches, and so find every summary converted, where each worker
    would otherwise convert all of them again. The caches are keyed by the text, so an edited summary
    is converted afresh wherever it is shown.
    """
    for summary in summaries:
        markdown_to_text(summary)  # renders the whole summary as HTML on the way
        sentence = first_sentence(summary)
        render_markdown(sentence, inline=True)
        markdown_to_text(sentence)


def plain(value: Any) -> str:
    """A value as a one-line plain string."""
    return _SPACE.sub(" ", str(value)).strip()


# --- characters a data file may not hold ----------------------------------------------------------

#: Never allowed in any text of a data file: control characters other than tab and line feed (C0,
#: DEL and C1), lone surrogates (half of a UTF-16 pair, not a character, which no file can encode)
#: and Unicode's non-characters (U+FDD0 to U+FDEF, and the last two of each plane: U+FFFE, U+FFFF,
#: U+1FFFE, ...). None has a place in a page, and several make one silently broken.
_NEVER_IN_TEXT = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
#: Also not allowed in a one-line field (a title, a name, an id): what ends or breaks a line.
_NOT_ON_ONE_LINE = "\t\n\x85\u2028\u2029"
#: In a source's text, besides the line breaks, tab and form feed that plain text documents hold.
_NEVER_IN_SOURCE = _NEVER_IN_TEXT.replace("\x0b-\x1f", "\x0b\x0e-\x1f")


def _candidates(characters: str) -> re.Pattern[str]:
    """A pattern that finds ``characters`` and every character past the first plane, whose
    non-characters ``_refused`` tells from the rest: a class listing the 32 of them one by one
    makes every search of every text about ten times slower than this one range does."""
    return re.compile(f"[{characters}\U00010000-\U0010ffff]")


_TEXT_CANDIDATES = _candidates(_NEVER_IN_TEXT)
_ONE_LINE_CANDIDATES = _candidates(_NEVER_IN_TEXT + _NOT_ON_ONE_LINE)
_SOURCE_CANDIDATES = _candidates(_NEVER_IN_SOURCE)
#: Every character that the checks of a one-line field look at: '<' (see ``markdown_problems``),
#: besides those of ``character_problem(one_line=True)``.
_ONE_LINE_CONCERNS = _candidates(_NEVER_IN_TEXT + _NOT_ON_ONE_LINE + "<")


def _refused(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every character of ``text`` that ``pattern``'s characters refuse, in order."""
    return (match for match in pattern.finditer(text) if _is_refused(match.group()))


def _is_refused(char: str) -> bool:
    """Whether a character a ``_candidates`` pattern found is refused: all are but those past the
    first plane that are not non-characters."""
    return char <= "\uffff" or ord(char) & 0xFFFE == 0xFFFE


def _character_words(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate, half of a UTF-16 pair and not a character"
    elif code < 0x20 or 0x7F <= code <= 0x9F:
        kind = {"\t": "a tab", "\n": "a line break", "\x85": "a line break"}.get(char, "a control character")
    elif char in "\u2028\u2029":
        kind = "a line break"
    else:
        kind = "a non-character"
    return f"U+{code:04X} ({kind})"


def character_problem(text: str, one_line: bool = False) -> tuple[int, str] | None:
    """The first character a data file's text may not hold, as ``(index, words)``; None when all are fine.

    ``one_line`` also refuses tabs and line breaks, for fields shown on one line.
    """
    pattern = _ONE_LINE_CANDIDATES if one_line else _TEXT_CANDIDATES
    first = pattern.search(text)
    while first is not None and not _is_refused(first.group()):
        first = pattern.search(text, first.end())
    if first is None:
        return None
    return first.start(), _character_words(first.group())


def one_line_is_plain(text: str) -> bool:
    """True for a text in which neither ``character_problem(text, one_line=True)`` nor
    ``markdown_problems(text, parse=False)`` can find anything: one search, where they take two."""
    return _ONE_LINE_CONCERNS.search(text) is None


@lru_cache(maxsize=1024)  # ``serve`` checks every source again after each edit; texts rarely change
def source_character_problems(text: str) -> tuple[int, str, int] | None:
    """The first character a source's text may not hold, as ``(index, words, how many there are)``."""
    matches = _refused(_SOURCE_CANDIDATES, text)
    first = next(matches, None)
    if first is None:
        return None
    return first.start(), _character_words(first.group()), 1 + sum(1 for _ in matches)
