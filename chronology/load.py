"""Load: strict, safe YAML into plain data, remembering where every value came from.

PyYAML's own loaders construct objects as they go, expand aliases and merge keys, and follow
YAML 1.1, which turns ``no`` into False and ``2022-12-29`` into a date. This module instead reads
PyYAML's event stream and builds the data itself, so that

* nothing is ever executed or expanded: anchors, aliases, merge keys and tags are refused;
* duplicate keys, a second document, bad encodings and huge or deeply nested files are refused
  with their position, instead of being silently resolved;
* plain scalars follow the YAML 1.2 core schema (only ``true``/``false``, ``null``/``~`` and
  numbers are typed), and the original text of every typed plain scalar is kept, so that where
  the schema wants text it gets exactly the text that was written (see ``schema.validate``);
* every value and every key has a (line, column), so that a diagnostic can point at it.
"""

from __future__ import annotations

import math
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from chronology.diagnostics import Collector
from chronology.pickling import by_fields

#: Data files larger than this are refused: no event needs a megabyte, and the limit keeps a
#: hostile file from exhausting memory or time.
MAX_DATA_BYTES = 1_000_000
#: Nesting deeper than this is refused; the schemas never go beyond five levels.
MAX_DEPTH = 32

DataPath = tuple[str | int, ...]
Position = tuple[int, int]

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+")
_INT_OCT = re.compile(r"0o[0-7]+")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
#: How every number above starts: a plain scalar that starts otherwise (and is no null or boolean) is text.
_NUMBER_START = frozenset("+-.0123456789")


@by_fields
@dataclass(slots=True)
class Document:
    """One YAML file's content as plain data, with the position of each value and key."""

    path: str
    data: Any
    positions: dict[DataPath, Position] = field(default_factory=dict)
    key_positions: dict[DataPath, Position] = field(default_factory=dict)
    #: The source text of plain scalars that YAML 1.2 typed as something other than text.
    plain_texts: dict[DataPath, str] = field(default_factory=dict)
    #: Where a comment begins on the line a plain scalar ends, for each such scalar: what follows
    #: ' #' is not the scalar's, which a title or a quote cut short there may not mean. None when
    #: there is none (most documents: a large check keeps 100,000, each dict of its own would cost).
    comments: dict[DataPath, Position] | None = None

    def position(self, path: DataPath) -> Position:
        """The position of the value at ``path``, or of its nearest enclosing value."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_position(self, path: DataPath) -> Position:
        """The position of the key that holds the value at ``path`` (the value's own position for items)."""
        return self.key_positions.get(path) or self.position(path)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _pair_surrogates(text: str) -> str:
    """Join escaped UTF-16 surrogate pairs into the character they encode.

    YAML reads each ``\\uXXXX`` escape alone, so ``"\\ud83d\\ude00"`` (how JSON, and many tools,
    write a character beyond the first 65,536) would become two halves instead of one emoji. A half
    without its other half stays, for the checker to refuse.
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def is_unbounded(value: Any) -> bool:
    """Whether ``value`` is a number nothing can count or show: NaN, an infinity (``.inf``, or a
    float too large, ``1e400``), or an integer beyond the largest float (the figures compare
    numbers as floats)."""
    if type(value) is float:
        return not math.isfinite(value)
    return type(value) is int and abs(value) > sys.float_info.max


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema: null, booleans, numbers, or text."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text[0] not in _NUMBER_START:
        return text  # most plain scalars (ids, references, roles): no pattern below can match
    if _INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # longer than Python converts (4300 digits): as a number, it is infinite
            return float(text)
    if _INT_OCT.fullmatch(text):
        return int(text[2:], 8)
    if _INT_HEX.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INF.fullmatch(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.fullmatch(text):
        return float("nan")
    return text


class _Refused(Exception):
    """Stops reading a file after a problem that makes the rest of it meaningless."""


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


def read_text(
    path: Path, rel: str, diagnostics: Collector, max_bytes: int = MAX_DATA_BYTES, raw: bytes | None = None
) -> str | None:
    """Read a file as UTF-8 text, refusing (with a diagnostic) what is too large, empty or not UTF-8.
    ``raw``: the file's bytes, when they were read already (and were not too many)."""
    if raw is not None:
        return _decode(raw, rel, diagnostics)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # A FIFO or device would block or never end; only regular files are data.
            diagnostics.error(rel, 1, 1, "unexpected-file", "this is not a regular file", "put the file itself here")
            return None
        size = status.st_size
        if size > max_bytes:
            diagnostics.error(rel, 1, 1, "file-too-large", f"the file is {size:,} bytes; the limit is {max_bytes:,}")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        diagnostics.error(rel, 1, 1, "unreadable-file", f"cannot read the file: {exc.strerror or exc}")
        return None
    return _decode(raw, rel, diagnostics)


def _decode(raw: bytes, rel: str, diagnostics: Collector) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, as an editor shows them, not bytes.
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        diagnostics.error(
            rel,
            line,
            column,
            "encoding",
            f"the file is not valid UTF-8: byte 0x{raw[exc.start]:02x} is not part of any character",
            "save the file as UTF-8",
        )
        return None
    if not text.strip():
        diagnostics.error(rel, 1, 1, "empty-file", "the file is empty")
        return None
    return text


def load_yaml(path: Path, rel: str, diagnostics: Collector, raw: bytes | None = None) -> Document | None:
    """Load one YAML data file strictly; on any problem record it and return None. ``raw``: the
    file's bytes, when they were read already."""
    text = read_text(path, rel, diagnostics, raw=raw)
    if text is None:
        return None
    return parse_yaml(text, rel, diagnostics)


#: LibYAML's parser, where PyYAML was built with it: about ten times faster than the pure-Python one.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _libyaml_may_read(text: str) -> bool:
    """Whether LibYAML is available and reads ``text`` as PyYAML's own parser does.

    The two differ on a tab outside quotes and text blocks: LibYAML takes it for a space (after a
    value, a key's ':' or a '-', inside a plain value, in a flow list), PyYAML refuses it. PyYAML's
    parser is the one whose reading counts (``fmt`` reads the layout of a file with it too), so a
    file with a tab anywhere is read by it alone: the file means the same, or is refused with the
    same diagnostic, with or without LibYAML.
    """
    return _FAST_LOADER is not None and "\t" not in text


def parse_yaml(text: str, rel: str, diagnostics: Collector) -> Document | None:
    """Parse YAML text into a Document; every problem found is recorded in ``diagnostics``.

    The file is read with LibYAML when it is available (and ``_libyaml_may_read`` it). Should
    that fail, it is read again with PyYAML's own parser, whose error messages and positions this
    module knows how to explain, so the diagnostics are the same with or without LibYAML.
    """
    if _libyaml_may_read(text):
        scratch = Collector()
        try:
            document = _parse(text, rel, scratch, _FAST_LOADER)
        except yaml.YAMLError:
            pass
        else:
            diagnostics.items.extend(scratch.items)
            return document
    try:
        return _parse(text, rel, diagnostics, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        message, hint = _syntax_message(exc)
        lines = text.split("\n")
        found = _odd_space(lines, line)
        # A quote never closed is told by YAML itself, from where it opened ('the quoted text that starts').
        quoted = found is not None or "quoted scalar" in (exc.context or "")
        opened = None if quoted else _unclosed_quote(lines, line)
        if found is not None:  # invisible in an editor, and the likeliest cause
            at_line, at_column, character = found
            line, column = at_line, at_column
            message = f"{message}; the space at line {at_line}, column {at_column} is {character}, not an ordinary one"
            hint = "type an ordinary space there (a no-break space often comes with text pasted from a web page)"
        elif opened is not None:  # the quoted text ran on until YAML stumbled, lines below
            message = (
                f"this quote is not closed on its line, so the value ran on to line {line}, column {column}: {message}"
            )
            line, column = opened
            hint = "close the quote at the end of the value"
        elif hint is not None and hint.startswith("check the indentation"):
            hint = _out_of_step(lines, line) or hint
        diagnostics.error(rel, line, column, "yaml-syntax", message, hint)
        return None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a control character such as NUL): locate it.
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        diagnostics.error(
            rel,
            line,
            column,
            "yaml-syntax",
            f"the character U+{exc.character:04X} is not allowed in YAML",
            "remove it; control characters cannot appear in a data file",
        )
        return None
    except yaml.YAMLError as exc:
        diagnostics.error(rel, 1, 1, "yaml-syntax", str(exc).splitlines()[0] if str(exc) else "invalid YAML")
        return None


#: A key of the data format, with its ':'.
_KEY = r"[A-Za-z_][A-Za-z0-9_-]*:"
#: A space YAML does not take for one, where the structure needs one: in a line's indentation, after
#: a list's '-', or after a key's ':' (not in a value's text, where it is the text's own).
_ODD_SPACE = re.compile(rf"[ \t]*(?:-[ \t]*|(?:-[ \t]+)?{_KEY}[ \t]*)?([\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])")
_SPACE_NAMES = {"\u00a0": "a no-break space (U+00A0)", "\u202f": "a narrow no-break space (U+202F)"}


def _odd_space(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """Where a space YAML does not read as one stands in the structure of the ``lines`` up to
    ``line`` (a syntax error is found at or after it), and which it is: line, column, words."""
    for number in range(line, max(line - 3, 0), -1):  # the line of the error, and the two before it
        if number > len(lines):
            continue
        found = _ODD_SPACE.match(lines[number - 1])
        if found is not None:
            character = found.group(1)
            words = _SPACE_NAMES.get(character, f"a space character (U+{ord(character):04X})")
            return number, found.start(1) + 1, words
    return None


#: A line's indentation, any list item's '-' on it, and a key after them.
_LINE_START = re.compile(rf"( *)((?:- +)*)({_KEY})?")


def _out_of_step(lines: list[str], line: int) -> str | None:
    """Where YAML stumbled on the indentation at ``line``, and the line of content before it starts
    its item (or its field) in another column than this one: a hint naming both lines. The parser
    finds the fault on the line after the one out of step as often as on it, so neither is blamed."""
    if not 1 < line <= len(lines):
        return None
    this = _LINE_START.match(lines[line - 1])
    number = line - 1
    while number > 0 and (not lines[number - 1].strip() or lines[number - 1].lstrip().startswith("#")):
        number -= 1
    if this is None or number == 0:
        return None
    before = _LINE_START.match(lines[number - 1])
    assert before is not None  # the pattern matches any line, if only its empty start
    if this.group(2) and before.group(2):  # two items: their '-' line up
        what, here, there = "the items of one list", len(this.group(1)), len(before.group(1))
    elif this.group(3) and before.group(3) and not this.group(2):  # two fields: their keys line up
        what, here, there = "the fields of one mapping", this.start(3), before.start(3)
    else:
        return None
    if here == there:
        return None
    hint = (
        f"check the indentation of this line and of line {number} before it: {what} start in the same column, "
        f"but line {number}'s starts in column {there + 1} and this line's in column {here + 1}"
    )
    # A field set back from the one before may belong to a mapping around it (a list item's field
    # followed by the record's next field), not beside it: name those mappings' columns too, so
    # that the hint does not read as "line it up with the line before".
    if this.group(3) and not this.group(2) and here < there:
        around = sorted({m.start(3) for m in map(_LINE_START.match, lines[: number - 1]) if m and m.group(3)})
        outer = [column for column in around if column < there]
        # Only the nearest, and only where this line is nearer to it than to the line before.
        nearest = min(outer, key=lambda column: abs(here - column), default=None)
        if nearest is not None and abs(here - nearest) < there - here:
            hint += (
                f"; or, if this field belongs to the mapping around them, whose fields start in column "
                f"{nearest + 1}, start it there"
            )
    return hint


#: A value that opens a quote: after a key's ':' or a list's '-', the quote mark and the rest.
_QUOTED_VALUE = re.compile(rf"[ \t]*(?:-[ \t]+)?(?:{_KEY}[ \t]+)?([\"'])(.*)")
#: How far above a syntax error an unclosed quote is looked for.
QUOTE_LINES = 20


def _unclosed_quote(lines: list[str], line: int) -> tuple[int, int] | None:
    """Where the nearest value of ``lines`` at or above ``line`` (within ``QUOTE_LINES``) that opens
    a quote does not close it on its line: a quoted value may go on over lines, so YAML stumbles
    only later, on whatever follows it. Line and column of the quote mark."""
    for number in range(min(line, len(lines)), max(line - QUOTE_LINES, 0), -1):
        found = _QUOTED_VALUE.fullmatch(lines[number - 1])
        if found is None:
            continue
        mark, rest = found.group(1), found.group(2)
        closed = re.search(r'(?<!\\)"', rest) if mark == '"' else "'" in rest.replace("''", "")
        if not closed:  # a value closed on its line may lie inside the quoted text run on
            return number, found.start(1) + 1
    return None


def _parse(text: str, rel: str, diagnostics: Collector, loader: Any) -> Document | None:
    """Build the Document from one parser's events; YAML errors propagate to the caller."""
    before = len(diagnostics.errors)
    builder = _Builder(rel, diagnostics, text)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event)
    except _Refused:
        return None
    if len(diagnostics.errors) > before:
        return None
    if not builder.documents:
        diagnostics.error(rel, 1, 1, "empty-file", "the file holds no YAML document, only comments")
        return None
    return builder.document


class _Plain(Exception):
    """The file is not plain data as ``load_plain`` reads it: ``parse_yaml`` must read it."""


#: What only the careful reading handles: an anchor, alias or tag ('&', '*', '!') where a node can
#: start (at a line's start, or after '-', '?', ':', '[', '{' or ','), a directive ('%' starting a
#: line), a merge key ('<<'), the line breaks other than '\\n' (so that '^' finds every line's
#: start), and a byte order mark (one is taken off as the file is read: a second, which LibYAML
#: passes over, would hide a node's start from '^'). Text inside a quote that looks like one of
#: them only costs the careful reading. This is the specification: ``_needs_careful_reading``
#: answers as its ``search`` does, faster.
_NOT_PLAIN = re.compile(r"(?:^|[-?:\[{,])[ \t]*[&*!]|^[ \t]*%|<<|[\r\x85\u2028\u2029\ufeff]", re.MULTILINE)
#: What may come before an anchor, alias or tag (and the spaces and tabs before it) where a node can
#: start: a line break (the line's start), or one of '-', '?', ':', '[', '{', ','.
_NODE_MAY_FOLLOW = frozenset("\n-?:[{,")


def _needs_careful_reading(text: str) -> bool:
    """Whether ``_NOT_PLAIN`` is found in ``text``, found as that search would find it.

    The pattern may start at any line's start, so the regular expression engine tries it at every
    character: some 50 µs on an event's 1.4 KB once a '*' (Markdown's emphasis) or a '%' lets a
    file through to it. Here each character a match must hold is looked for with ``str.find``
    (a scan in C, much faster than a character class) and decided by what comes before it on its
    line: ``^`` in a MULTILINE pattern is the text's start or just after a '\\n' (never after
    another line break, but a file holding one is left to the careful reading anyway).
    """
    if any(mark in text for mark in ("<<", "\r", "\x85", "\u2028", "\u2029", "\ufeff")):
        return True
    for mark in "&*!%":
        at = text.find(mark)
        while at >= 0:
            start = at  # where the spaces and tabs before it start: '[ \t]*' takes them all
            while start and text[start - 1] in " \t":
                start -= 1
            # A directive starts its line; an anchor, alias or tag may follow a node's start too.
            if start == 0 or text[start - 1] in ("\n" if mark == "%" else _NODE_MAY_FOLLOW):
                return True
            at = text.find(mark, at + 1)
    return False


if _FAST_LOADER is not None:
    from yaml._yaml import CParser

    class _PlainLoader(CParser):
        """LibYAML's parser and composer, both in C, with a resolver that only tells plain scalars
        (to be typed by the YAML 1.2 core schema) from quoted ones and collections.

        The composer asks only for ``resolve``, ``descend_resolver`` and ``ascend_resolver``: no
        constructor or resolver of PyYAML's is made for each file, and the composer's call on
        either side of each node costs nothing (they follow the path resolvers, which ``resolve``
        here never reads). About 7 us less of a 1.4 KB event's 80."""

        def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                return "plain" if implicit[0] else "text"
            return "mapping" if kind is yaml.MappingNode else "list"

        def descend_resolver(self, parent: Any, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass


def load_plain(text: str) -> Any:
    """The data of a file that is plain data, read in C without positions; ``None`` where only
    ``parse_yaml`` can tell (what it refuses, explains or locates: see ``_NOT_PLAIN``, and duplicate
    keys, keys that are not text, nesting past ``MAX_DEPTH``, NaN or an infinity, more than one
    document, any syntax error). What it returns is what ``parse_yaml`` would make of the same text.
    """
    if not _libyaml_may_read(text) or _needs_careful_reading(text):
        return None
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
        # A surrogate can only come from an escape ('\\ud83d'): a file without a backslash has none.
        return None if node is None else _plain_data(node, 0, "\\" in text)
    except (yaml.YAMLError, _Plain):
        return None
    finally:
        loader.dispose()


#: Texts up to this long (ids, references, roles, tags) are kept once however many files hold them:
#: a large project repeats each of them thousands of times.
SHARED_CHARS = 80


def _shared(text: str) -> str:
    return sys.intern(text) if len(text) <= SHARED_CHARS else text


def _plain_data(node: Any, depth: int, escapes: bool) -> Any:
    tag = node.tag
    if tag == "text":
        return _shared(_pair_surrogates(node.value) if escapes else node.value)
    if tag == "plain":
        value = resolve_plain(node.value)
        if type(value) is str:  # most plain scalars: ids, references, roles
            return _shared(value)
        if is_unbounded(value):  # parse_yaml keeps its text, for the checker to refuse it
            raise _Plain
        return value
    if depth >= MAX_DEPTH:
        raise _Plain
    if tag == "list":
        return [_plain_data(item, depth + 1, escapes) for item in node.value]
    out: dict[str, Any] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise _Plain
        name = sys.intern(_pair_surrogates(key.value) if escapes else key.value)
        if name in out:
            raise _Plain
        out[name] = _plain_data(value, depth + 1, escapes)
    return out


#: PyYAML's names for what it found or expected, in a contributor's words.
_TOKEN_WORDS = {
    "<block end>": "the end of the indented block",
    "<block mapping start>": "a field at this indentation",
    "<block sequence start>": "a list at this indentation",
    "<scalar>": "more text",
    "<stream end>": "the end of the file",
    "end of stream": "end of the file",
    "<document start>": "'---'",
    "<document end>": "'...'",
    "<flow mapping start>": "'{'",
    "<flow sequence start>": "'['",
    "<anchor>": "an anchor",
    "<alias>": "an alias",
    "<tag>": "a tag",
    "the node content": "a value",
}
#: PyYAML's contexts ("while parsing a block mapping"), as the thing that was being read.
_CONTEXT_WORDS = {
    "while parsing a block mapping": "the fields",
    "while parsing a block collection": "the list",
    "while parsing a block node": "the value",
    "while parsing a flow sequence": "the list in [ ]",
    "while parsing a flow mapping": "the mapping in { }",
    "while parsing a flow node": "the value",
    "while scanning a quoted scalar": "the quoted text",
    "while scanning a block scalar": "the text block",
    "while scanning a simple key": "the key",
}


def _syntax_message(exc: yaml.MarkedYAMLError) -> tuple[str, str | None]:
    """A YAML syntax error in a contributor's words, with a hint for the common mistakes."""
    problem = exc.problem or "invalid YAML"
    for token, words in _TOKEN_WORDS.items():
        problem = problem.replace(f"'{token}'", words).replace(token, words)
    problem = problem.replace("found '?'", "found a field")
    context = _CONTEXT_WORDS.get(exc.context or "")
    mark, at = exc.context_mark, exc.problem_mark
    same_place = mark is not None and at is not None and (mark.line, mark.column) == (at.line, at.column)
    if context and mark is not None and not same_place:
        problem += f", reading {context} that start{'' if context == 'the fields' else 's'} at line {mark.line + 1}"
    hint = None
    if "'\\t'" in problem:
        problem = problem.replace("character '\\t' that cannot start any token", "a tab where YAML needs a space")
        hint = "type spaces instead, or delete it at the end of a line: YAML reads a tab only in quotes or a text block"
    elif "cannot start any token" in problem:
        hint = "put the value in quotes"
    elif "mapping values are not allowed here" in problem:
        hint = "check the indentation, and quote a value that contains ': '"
    elif "more text" in problem:
        hint = "check the indentation; a quoted value cannot go on after its closing quote"
    elif "indentation" in problem or "found a field" in problem:
        hint = "check the indentation"
    elif context == "the quoted text":
        hint = "close the quote"
    return problem, hint


def may_have_comment_after_value(text: str) -> bool:
    """Whether a '#' in ``text`` follows a space that follows other text on its line: a comment
    after a value, or a '#' inside quotes. (A comment on a line of its own follows only the line's
    indentation.) Looked for by each '#', not by a pattern: most files have one, their first
    line's, and a pattern that may start at any character reads all of every file. Each character
    is looked at about once, however long a line or however many '#' it holds."""
    at = text.find("#")
    searched, line_start, first_text = 0, 0, -1
    while at != -1:
        newline = text.rfind("\n", searched, at)  # only what the last '#' left unread
        if newline != -1:
            line_start, first_text = newline + 1, -1
        searched = at
        if at > line_start and text[at - 1] in " \t":
            if first_text == -1:  # where the line's text begins, found once a line
                indent = _INDENT.match(text, line_start)
                assert indent is not None  # it matches nothing at least
                first_text = indent.end()
            if first_text < at - 1:
                return True
        at = text.find("#", at + 1)
    return False


#: A line's indentation.
_INDENT = re.compile(r"[ \t]*")
#: What YAML takes for a line break: its positions count lines by each of these.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts, its lines broken as YAML breaks them, so that a
    position's line is found in the text (a text may hold a U+2028, or end its lines with CR)."""
    return [0, *(found.end() for found in _LINE_BREAK.finditer(text))]


#: The spaces and the '#' that begin a comment after a scalar.
_COMMENT = re.compile(r"[ \t]+#")


class _Builder:
    """Turns PyYAML events into plain data, refusing every construct that is not plain data."""

    def __init__(self, rel: str, diagnostics: Collector, text: str = "") -> None:
        self.rel = rel
        self.diagnostics = diagnostics
        self.document = Document(rel, None)
        # The text, to find a comment after a plain scalar; only where one may be.
        self.text = text if may_have_comment_after_value(text) else None
        self.documents = 0
        # Each frame: [container, data path, pending key (mappings), key position]
        self.stack: list[list[Any]] = []

    def refuse(self, position: Position, rule: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.error(self.rel, position[0], position[1], rule, message, hint)

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.refuse(
                    _pos(event.start_mark),
                    "multiple-documents",
                    "the file holds more than one YAML document",
                    "keep one event, actor or place per file",
                )
                raise _Refused
            return
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return
        position = _pos(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            self.refuse(
                position,
                "yaml-alias",
                f"alias '*{event.anchor}' refused: data files may not refer to other nodes",
                "write the value out in full",
            )
            raise _Refused
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.anchor is not None:
                self.refuse(
                    position,
                    "yaml-anchor",
                    f"anchor '&{event.anchor}' refused: data files may not define anchors",
                    "write the value out in full",
                )
            if event.tag is not None:
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                self.refuse(
                    position,
                    "yaml-tag",
                    f"tag '{tag}' refused: data files may not carry tags",
                    "remove the tag; quote the value if it must be text",
                )
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style  # PyYAML says None for a plain scalar, LibYAML ''
            value = resolve_plain(event.value) if plain else _pair_surrogates(event.value)
            path = self.add(
                value,
                position,
                text=event.value if plain and not isinstance(value, str) else None,
                is_scalar_text=_pair_surrogates(event.value),
                plain=plain,
            )
            end = event.end_mark
            # A value (not a key: its frame waits for the value) that a comment follows on its line.
            if plain and self.text is not None and end is not None and self.stack and self.stack[-1][2] is None:
                found = _COMMENT.match(self.text, end.index)  # a mark's index counts characters, as str does
                if found is not None:
                    if self.document.comments is None:
                        self.document.comments = {}
                    self.document.comments[path] = (end.line + 1, end.column + found.end() - end.index)
        elif isinstance(event, yaml.MappingStartEvent):
            self.open({}, position)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.open([], position)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()

    def open(self, container: dict[str, Any] | list[Any], position: Position) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.refuse(position, "yaml-too-deep", f"the data is nested more than {MAX_DEPTH} levels deep")
            raise _Refused
        path = self.add(container, position)
        self.stack.append([container, path, None, None])

    def add(
        self,
        value: Any,
        position: Position,
        text: str | None = None,
        is_scalar_text: str | None = None,
        plain: bool = False,
    ) -> DataPath:
        """Place a new value in its parent (or as the document) and return its data path."""
        if not self.stack:
            self.document.data = value
            self.document.positions[()] = position
            if text is not None:
                self.document.plain_texts[()] = text
            return ()
        frame = self.stack[-1]
        container = frame[0]
        parent_path: DataPath = frame[1]
        if isinstance(container, list):
            path: DataPath = (*parent_path, len(container))
            container.append(value)
        elif frame[2] is None:
            # This value is a key.
            if is_scalar_text is None:
                self.refuse(position, "yaml-key", "a key must be a plain word, not a list or a mapping")
                raise _Refused
            key = sys.intern(is_scalar_text)  # one copy of each field's name, however many files
            if plain and key == "<<":
                self.refuse(
                    position,
                    "yaml-merge-key",
                    "merge key '<<' refused: data files may not merge mappings",
                    "write the keys out in full",
                )
                raise _Refused
            if key in container:
                first = self.document.key_positions[(*parent_path, key)]
                self.refuse(
                    position,
                    "duplicate-key",
                    f"key '{key}' appears twice in this mapping",
                    f"first at line {first[0]}; keep one",
                )
            frame[2], frame[3] = key, position
            return parent_path
        else:
            key, key_position = frame[2], frame[3]
            frame[2] = frame[3] = None
            path = (*parent_path, key)
            if key not in container:
                self.document.key_positions[path] = key_position
            container.setdefault(key, value)
        self.document.positions.setdefault(path, position)
        if text is not None:
            self.document.plain_texts[path] = text
        return path
