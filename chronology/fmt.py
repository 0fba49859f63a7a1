"""Fmt: ``python build.py fmt`` puts every data file in one canonical form, keeping its comments.

The canonical form, so that a pull request shows only real changes:

* the ``# yaml-language-server: $schema=...`` line first, then the file's own header comments;
* keys in the order of the schema's ``properties``, at the top level and in nested mappings
  (``actors`` items: ref, role; ``sources`` items: seed, quotes; ``related`` items: ref, type;
  ``coordinates``: lat, lon, precision, basis); keys the schema does not know (the checker reports them)
  are kept, after the known ones, in their original order, so that nothing is lost;
* two-space indentation, block sequences written ``  - `` under their key, no flow collections;
* Markdown text (the fields marked ``x-markdown`` in the schemas: summary, description,
  date_basis, ...) as a literal block scalar ``|`` ending in one newline, without trailing spaces;
* every other string on one line: plain where that is safe (free text with an end-of-line comment
  after it is not: the checker's ``comment-in-text``), in single quotes where YAML 1.1 or 1.2
  would read it as something else (``yes``, ``no``, ``on``, ``2022-12-29``, ``10:00``, ``1e3``,
  ``null``), where it starts with a YAML indicator, and where it looks like a number, date or time
  (``2022-11``, ``10:00/11:00``); strings with line breaks or unprintable characters in double
  quotes;
* ``null`` written out; no blank lines; no trailing spaces; one newline at the end.

Values never change, with one deliberate exception: Markdown text that was not already a literal
block (a folded ``>-`` block, or a one-line string) is written one sentence per line, since a
literal block keeps its line breaks. The words, and the sentences the site takes its one-line
summaries from (``text.sentences``), stay exactly the same; only whitespace between sentences
becomes a line break, which Markdown renders as a space. Text that is already a literal block
keeps its lines (code, lists and tables in it are safe). Quotes, ids, titles and names are never
rewrapped: they are written with exactly the value they had.

Comments: ruamel.yaml's round-trip mode writes the file (its emitter keeps comments, quoting and
block styles), but ruamel attaches a full-line comment to the node *before* it, so reordering keys
would carry a comment away from the line it describes. This module therefore finds every comment
itself, from the positions of the scalars in the YAML event stream, and attaches it to the node
it belongs to: a full-line comment to the node that follows it (it moves with that key), an
end-of-line comment to the key or item on its line, comments before the first key to the file's
header and those after the last to its end. End-of-line comments keep their column where the
value leaves two spaces before it, and stand two spaces after the value where it does not.

Safety: a file is formatted only after the project's strict loader (``load.load_yaml``) has
accepted it, so files with YAML errors, anchors, aliases or tags are reported and left alone.
Every result is read back with the same loader and compared with the data it must hold, and its
comments with the original's; if anything differs the file is left alone and the problem reported.
Files are replaced atomically (a temporary file in the same folder, then ``os.replace``).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from chronology import schema
from chronology.diagnostics import Collector, count, render
from chronology.layout import FOLDERS, KINDS_BY_FOLDER, TEMPORARY_SUFFIX, is_temporary, refuse_undecodable
from chronology.load import DataPath, load_yaml, parse_yaml, resolve_plain

#: Spaces per indentation level.
INDENT = 2
#: What ``fmt --check`` prints for a file that is not canonical.
NOT_CANONICAL = "not in canonical form (run python build.py fmt)"

_SCHEMA_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=")
#: Characters YAML treats as line breaks: a string holding one is written in double quotes.
_BREAKS = frozenset("\n\r\x85\u2028\u2029")
#: A sentence end (as ``text.sentences`` sees it) followed by spaces and the start of a next
#: sentence that cannot begin a Markdown block (a heading, list, quote, table or rule).
_SENTENCE_BREAK = re.compile(r"""([.!?]["'\u201d\u2019)]*)[ \t]+(?=[^\W_]|["'(\u201c\u2018])(?![0-9]+[.)](?:\s|\Z))""")
#: A line that is Markdown structure rather than prose: left exactly as written.
_STRUCTURE = re.compile(r"""[\s#>|\-*+<\[:=_`~]|[0-9]+[.)](?:\s|\Z)""")
_FENCE = re.compile(r"\s{0,3}(```|~~~)")
#: What a literal block cannot hold: characters YAML does not print, and line breaks but '\n'.
_NOT_IN_A_BLOCK = re.compile("[^\x09\x0a\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NUMERIC = re.compile(r"[-+.:/~?%_\[\]0-9]*[0-9][-+.:/~?%_\[\]0-9]*")
_YAML_11 = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


class FormatError(Exception):
    """A file could not be put in canonical form safely; it is left as it was."""


def schema_line(kind: str) -> str:
    """The first line of every data file: where editors find the file's JSON Schema."""
    return f"# yaml-language-server: $schema=../chronology/schemas/{kind}.schema.json"


# --- the schema, as fmt needs it ------------------------------------------------------------------


def _resolve(kind: str, node: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if node is None else schema.resolve(node, schema.schema(kind))


def _child(kind: str, node: dict[str, Any] | None, part: str | int) -> dict[str, Any] | None:
    """The subschema of a mapping's key or a sequence's item; None where the schema has none."""
    node = _resolve(kind, node)
    if node is None:
        return None
    if isinstance(part, int):
        items = node.get("items")
        return _resolve(kind, items) if isinstance(items, dict) else None
    return _resolve(kind, node.get("properties", {}).get(part))


def _ordered_keys(node: dict[str, Any] | None, keys: Iterable[str]) -> list[str]:
    """Known keys in the schema's order, then unknown keys in their original order."""
    keys = list(keys)
    known = list((node or {}).get("properties", {}))
    return [k for k in known if k in keys] + [k for k in keys if k not in known]


def _is_markdown(node: dict[str, Any] | None) -> bool:
    return bool(node and node.get("x-markdown"))


# --- canonical values -----------------------------------------------------------------------------


def misread(text: str) -> bool:
    """True when ``text`` must be quoted: written plain, YAML 1.2 or 1.1 could read something else.

    Text made only of digits and the punctuation of numbers, dates and times (``2022-11``,
    ``2022-12-19~``, ``[..2022-12-19]``, ``10:00/11:00``) is quoted too, whether or not a YAML reader would type it:
    so every date and time in the data is written the same way, and no reader takes it for a number.
    """
    if text in ("", "y", "Y", "n", "N"):  # YAML 1.1 booleans PyYAML does not know
        return True
    if _NUMERIC.fullmatch(text):
        return True
    if not isinstance(resolve_plain(text), str):  # the project's loader: YAML 1.2 core schema
        return True
    tag: str = _YAML_11.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag != _STR_TAG


def canonical_markdown(text: str, literal: bool) -> str | None:
    """Markdown text as it is written in a literal block: no trailing spaces, one final newline.

    Text that was not a literal block is put one sentence per line (see the module's docstring).
    None when nothing but whitespace is left (the value is then kept as it is).
    """
    lines = [line.rstrip(" \t") for line in text.split("\n")]
    if not literal:
        lines = _one_sentence_per_line(lines)
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return None
    return "\n".join(lines) + "\n"


def _one_sentence_per_line(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or not line or _STRUCTURE.match(line):
            out.append(line)
        else:
            out.extend(_SENTENCE_BREAK.sub("\\1\n", line).split("\n"))
    return out


def _scalar(value: Any, node: dict[str, Any] | None, literal: bool) -> Any:
    """A value as the emitter must write it, styled by its value alone (and, for Markdown, by
    whether it already was a literal block)."""
    if not isinstance(value, str):
        return value
    if _is_markdown(node) and not _NOT_IN_A_BLOCK.search(value):
        text = canonical_markdown(value, literal)
        if text is not None:
            return LiteralScalarString(text)
    return _string(value)


def _string(value: str) -> Any:
    if any(ch in _BREAKS for ch in value):
        return DoubleQuotedScalarString(value)
    if misread(value):
        # Single quotes where they can say it; ruamel's emitter falls back to double quotes.
        return SingleQuotedScalarString(value)
    return value  # plain, unless the emitter finds it unsafe (then it quotes it)


def _before_a_comment(built: Any, node: dict[str, Any] | None) -> Any:
    """A value an end-of-line comment follows on its line. Free text (``schema.is_prose``: a title, a
    summary, a quote, a name) is quoted there, as the checker asks (``comment-in-text``): written
    plain, its reader could not tell whether a '#' in the text was cut off as a comment."""
    if type(built) is str and node is not None and schema.is_prose(node):
        if "'" in built and not any(ch in built for ch in '"\\'):
            return DoubleQuotedScalarString(built)  # "it's", rather than 'it''s'
        return SingleQuotedScalarString(built)
    return built


def canonical_data(kind: str, data: Any, styles: dict[DataPath, str | None] | None = None) -> Any:
    """The data a canonical file holds: Markdown text as ``canonical_markdown`` makes it."""
    styles = styles or {}

    def walk(value: Any, path: DataPath, node: dict[str, Any] | None) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, (*path, k), _child(kind, node, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*path, i), _child(kind, node, i)) for i, v in enumerate(value)]
        styled = _scalar(value, node, styles.get(path) == "|")
        return str(styled) if isinstance(styled, str) else styled

    return walk(data, (), _resolve(kind, schema.schema(kind)))


# --- reading a file: scalars, anchors and comments ------------------------------------------------


@dataclass
class _Scan:
    """What fmt needs from a file's YAML events."""

    spans: list[tuple[int, int]] = field(default_factory=list)  # text offsets of every scalar
    styles: dict[DataPath, str | None] = field(default_factory=dict)  # scalar style of each value
    #: Every key and sequence item in document order: (line, data path, is a key).
    anchors: list[tuple[int, DataPath, bool]] = field(default_factory=list)


def _scan(text: str) -> _Scan:
    scan = _Scan()
    # Frames: [is a mapping, data path, pending key or None, next item index]
    stack: list[list[Any]] = []

    def value_path(line: int) -> DataPath:
        if not stack:
            return ()
        frame = stack[-1]
        if frame[0]:
            path: DataPath = (*frame[1], frame[2])
            frame[2] = None
            return path
        path = (*frame[1], frame[3])
        frame[3] += 1
        scan.anchors.append((line, path, False))
        return path

    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        start_mark, end_mark = event.start_mark, event.end_mark
        assert start_mark is not None and end_mark is not None  # the parser marks every event
        if isinstance(event, yaml.ScalarEvent):
            start, end = start_mark.index, end_mark.index
            if event.style in ("|", ">"):
                # The header line (indicator and any comment) is not part of the text.
                newline = text.find("\n", start)
                start = end if newline == -1 else min(newline + 1, end)
            scan.spans.append((start, end))
            if stack and stack[-1][0] and stack[-1][2] is None:
                stack[-1][2] = event.value  # a key
                scan.anchors.append((start_mark.line, (*stack[-1][1], event.value), True))
            else:
                scan.styles[value_path(start_mark.line)] = event.style
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            path = value_path(start_mark.line)
            stack.append([isinstance(event, yaml.MappingStartEvent), path, None, 0])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
    scan.spans.sort()
    return scan


@dataclass(frozen=True)
class _Comment:
    line: int  # from 0
    column: int  # from 0
    text: str  # from '#' to the end of the line, trailing spaces removed
    full_line: bool  # nothing but indentation before it


_HASH = re.compile("(?<![^ \t\n\r\x85\u2028\u2029])#")
#: Line breaks as PyYAML counts them, so that comment lines match the event stream's marks.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _comments(text: str, spans: list[tuple[int, int]]) -> list[_Comment]:
    """Every comment in the file: a '#' after a space or at a line start, outside every scalar."""
    starts = [s for s, _ in spans]
    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    found: list[_Comment] = []
    taken_line = -1
    for match in _HASH.finditer(text):
        index = match.start()
        i = bisect_right(starts, index) - 1
        if i >= 0 and spans[i][0] <= index < spans[i][1]:
            continue
        line = bisect_right(line_starts, index) - 1
        if line == taken_line:
            continue  # the rest of the line is already the comment
        taken_line = line
        line_start = line_starts[line]
        line_break = _LINE_BREAK.search(text, index)
        body = text[index : line_break.start() if line_break else len(text)].rstrip()
        full = not text[line_start:index].strip()
        found.append(_Comment(line, index - line_start, body, full))
    return found


@dataclass
class _Attached:
    """The file's comments, attached to the data paths they belong to."""

    header: list[str] = field(default_factory=list)
    before: dict[DataPath, list[str]] = field(default_factory=dict)
    after: dict[DataPath, list[tuple[int, str]]] = field(default_factory=dict)  # end of line
    trailing: list[str] = field(default_factory=list)


def _attach(comments: list[_Comment], anchors: list[tuple[int, DataPath, bool]]) -> _Attached:
    attached = _Attached()
    lines = [line for line, _, _ in anchors]
    for comment in comments:
        if comment.full_line:
            following = bisect_right(lines, comment.line)
            if following == 0:
                attached.header.append(comment.text)
            elif following == len(anchors):
                attached.trailing.append(comment.text)
            else:
                attached.before.setdefault(anchors[following][1], []).append(comment.text)
            continue
        on_line = [a for a in anchors if a[0] == comment.line]
        if on_line:
            keys = [a for a in on_line if a[2]]
            target = (keys or on_line)[0][1]
        else:
            previous = bisect_right(lines, comment.line) - 1
            if previous < 0:
                attached.header.append(comment.text)
                continue
            target = anchors[previous][1]
        attached.after.setdefault(target, []).append((comment.column, comment.text))
    return attached


# --- writing --------------------------------------------------------------------------------------


def _token(text: str, column: int) -> CommentToken:
    return CommentToken(text + "\n", CommentMark(column))


def _build(kind: str, data: Any, styles: dict[DataPath, str | None], attached: _Attached) -> Any:
    """The ruamel tree of the canonical file, with every comment in its place."""

    def before(path: DataPath) -> list[str]:
        return attached.before.pop(path, [])

    def after(path: DataPath) -> list[tuple[int, str]]:
        return attached.after.pop(path, [])

    def walk(value: Any, path: DataPath, node: dict[str, Any] | None, indent: int) -> Any:
        # indent: the column of this collection's keys, or of its items' '- '
        if isinstance(value, dict):
            mapping = CommentedMap()
            for key in _ordered_keys(node, value):
                child_path = (*path, key)
                child_node = _child(kind, node, key)
                item = value[key]
                built = walk(item, child_path, child_node, indent + INDENT)
                out_key = _string(key)
                mapping[out_key] = built
                pre = before(child_path)
                ends = after(child_path)
                if isinstance(built, LiteralScalarString) or (
                    isinstance(built, CommentedMap | CommentedSeq) and not built
                ):
                    # After 'key: |' a comment would land below the block, and the emitter does
                    # not keep one after an empty '[]' or '{}': write it above the key instead.
                    pre += [text for _, text in ends]
                    ends = []
                elif len(ends) > 1:
                    pre += [text for _, text in ends[1:]]
                    ends = ends[:1]
                if ends and isinstance(built, CommentedMap | CommentedSeq):
                    ends = [(0, ends[0][1])]  # the value moved below the key: no column to keep
                elif ends:
                    mapping[out_key] = _before_a_comment(built, child_node)
                comment: list[Any] = [None, None, None, None]
                if pre:
                    comment[1] = [_token(text, indent) for text in pre]
                if ends:
                    comment[2] = _token(ends[0][1], ends[0][0])
                if pre or ends:
                    mapping.ca.items[out_key] = comment
            return mapping
        if isinstance(value, list):
            sequence = CommentedSeq()
            for index, item in enumerate(value):
                child_path = (*path, index)
                child_node = _child(kind, node, index)
                if isinstance(item, dict) and item:
                    # A comment above an item's first key is written above the item's '- '.
                    first = _ordered_keys(child_node, item)[0]
                    moved = attached.before.pop((*child_path, first), [])
                    if moved:
                        attached.before.setdefault(child_path, []).extend(moved)
                pre = before(child_path)
                ends = after(child_path)
                built = walk(item, child_path, child_node, indent + INDENT)
                if isinstance(built, CommentedMap | CommentedSeq):
                    pre += [text for _, text in ends]
                    ends = []
                elif len(ends) > 1:
                    pre += [text for _, text in ends[1:]]
                    ends = ends[:1]
                sequence.append(_before_a_comment(built, child_node) if ends else built)
                comment = [None, None, None, None]
                if ends:
                    comment[0] = _token(ends[0][1], ends[0][0])
                if pre:
                    comment[1] = [_token(text, indent) for text in pre]
                if pre or ends:
                    sequence.ca.items[index] = comment
            return sequence
        return _scalar(value, node, styles.get(path) == "|")

    return walk(data, (), _resolve(kind, schema.schema(kind)), 0)


def _represent_none(representer: Any, _data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


class _Emitter(RoundTripEmitter):
    """ruamel's round-trip emitter, with an end-of-line comment at least two spaces after the text
    before it. ruamel writes a comment at its column, or one space after a text that reaches it:
    a value fmt quotes (``_before_a_comment``) grows by its quotes, and "title: 'X' # note" lost
    the space the contributor left."""

    def write_comment(self, comment: Any, pre: bool = False) -> None:
        if self.column and comment.value.startswith("#") and comment.start_mark.column < self.column + 2:
            comment = CommentToken(comment.value, CommentMark(self.column + 2))
        super().write_comment(comment, pre)


def _emitter() -> YAML:
    out = YAML(typ="rt")
    out.Emitter = _Emitter
    out.indent(mapping=INDENT, sequence=2 * INDENT, offset=INDENT)
    out.width = 1_000_000_000  # never fold a long line: quotes are written as they are
    out.allow_unicode = True
    out.representer.add_representer(type(None), _represent_none)
    return out


def _emit(kind: str, tree: Any, header: list[str], trailing: list[str]) -> str:
    stream = StringIO()
    _emitter().dump(tree, stream)
    body = stream.getvalue()
    lines = [schema_line(kind), *header, *body.rstrip("\n").split("\n"), *trailing]
    return "\n".join(lines) + "\n"


# --- the whole file -------------------------------------------------------------------------------


def _coerced(text: str, kind: str, rel: str, diagnostics: Collector) -> Any:
    """The file's data as the checker sees it (text where the schema wants text), or None."""
    doc = parse_yaml(text, rel, diagnostics)
    if doc is None:
        return None
    if isinstance(doc.data, dict):
        schema.validate(kind, doc, Collector())  # only for its coercion; the checker reports errors
    return doc.data


def format_text(text: str, kind: str, rel: str = "<text>") -> str:
    """The canonical form of one data file's text, or FormatError saying why it cannot be made.

    ``text`` must already have passed the strict loader (``run`` sees to that).
    """
    diagnostics = Collector()
    data = _coerced(text, kind, rel, diagnostics)
    if diagnostics.errors:
        raise FormatError(render(diagnostics.errors, "text"))
    if not isinstance(data, dict):
        raise FormatError(f"{rel}: the file must hold a mapping of fields, found {schema.describe(data)}")
    scan = _scan(text)
    comments = [c.text for c in _comments(text, scan.spans)]
    attached = _attach(_comments(text, scan.spans), scan.anchors)
    schema_lines = [c for c in attached.header if _SCHEMA_LINE.match(c)]
    attached.header = [c for c in attached.header if not _SCHEMA_LINE.match(c)]
    for line in schema_lines:
        comments.remove(line)
    tree = _build(kind, data, scan.styles, attached)
    if attached.before or attached.after:  # pragma: no cover - every anchor is in the data
        raise FormatError(f"{rel}: some comments could not be placed; left as it is")
    result = _emit(kind, tree, attached.header, attached.trailing)
    _verify(result, kind, rel, canonical_data(kind, data, scan.styles), [schema_line(kind), *comments])
    return result


def render_data(kind: str, data: dict[str, Any]) -> str:
    """A new file's text in canonical form, from plain data (``new`` writes through this)."""
    result = _emit(kind, _build(kind, data, {}, _Attached()), [], [])
    _verify(result, kind, "<new>", canonical_data(kind, data), [schema_line(kind)])
    return result


def _verify(result: str, kind: str, rel: str, expected: Any, comments: list[str]) -> None:
    """Read the result back as the checker would; refuse it unless data and comments survived."""
    diagnostics = Collector()
    data = _coerced(result, kind, rel, diagnostics)
    if diagnostics.errors or not same(data, expected):
        raise FormatError(f"{rel}: the canonical form would not hold the same data; left as it is")
    written = [c.text for c in _comments(result, _scan(result).spans)]
    if sorted(written) != sorted(comments):
        raise FormatError(f"{rel}: the canonical form would lose a comment; left as it is")


def same(a: Any, b: Any) -> bool:
    """Deep equality (key order aside) telling ``1`` from ``True`` and ``1.0``; NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and all(k in b and same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


# --- the command ----------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.description = (
        "Put the data files (events/, actors/, places/, seeds/*.yaml) in canonical form: key "
        "order, quoting and indentation, keeping comments. Files that are not valid YAML are "
        "reported and left alone."
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; list the files that are not canonical and exit 1 if any",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="only these data files (default: every data file)",
    )


def data_files(root: Path, paths: list[Path] | None = None) -> list[tuple[str, Path]]:
    """The data files to format, with their kind; ValueError for a path that is not a data file."""
    if not paths:
        found: list[tuple[str, Path]] = []
        for kind, folder in FOLDERS.items():
            directory = root / folder
            if directory.is_dir() and not directory.is_symlink():  # the checker refuses a linked folder
                # Not an editor's lock (.#ID.yaml) nor a hidden copy: the checker reads neither.
                found += [(kind, p) for p in sorted(directory.glob("*.yaml")) if not p.is_dir() and p.name[0] != "."]
        return found
    chosen: list[tuple[str, Path]] = []
    for given in paths:
        path = given if given.is_absolute() else Path.cwd() / given
        folder_kind = KINDS_BY_FOLDER.get(path.parent.name)
        inside = path.parent.resolve() == (root / path.parent.name).resolve()
        if folder_kind is None or not inside or path.suffix != ".yaml" or not path.is_file():
            raise ValueError(f"'{given}' is not a data file (ID.yaml in events/, actors/, places/, seeds/)")
        chosen.append((folder_kind, root / path.parent.name / path.name))
    return chosen


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``; an interrupted run leaves either the old file or the new.

    The temporary file sits beside ``path`` (``os.replace`` needs the same file system), named so
    that the checker ignores it (``layout.is_temporary``) and the next ``fmt`` removes it should this
    process be killed before it could.
    """
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before os.replace
        "wb", dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, delete=False
    )
    try:
        with handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, path.stat().st_mode & 0o7777)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(root: Path) -> None:
    """Remove the temporary files of a ``fmt`` that was killed before it could (``write_atomically``)."""
    for folder in FOLDERS.values():
        directory = root / folder
        if directory.is_dir() and not directory.is_symlink():
            for path in directory.iterdir():
                if is_temporary(path.name) and path.is_file() and not path.is_symlink():
                    try:
                        path.unlink(missing_ok=True)
                    except OSError as exc:
                        print(f"{folder}/{path.name}: left by an interrupted fmt; cannot remove it: {exc.strerror}")
                        continue
                    print(f"{folder}/{path.name}: removed, left by an interrupted fmt")


def _located(rel: str, exc: yaml.YAMLError) -> str:
    """A YAML error met in reading a file's layout, as a diagnostic line at its position."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
    return f"{rel}:{line}:{column}: error[yaml-syntax]: {problem}"


def run(args: argparse.Namespace, root: Path) -> int:
    """Format (or with ``--check`` only inspect) the data files; the exit code."""
    try:
        files = data_files(root, list(args.paths or []))
    except ValueError as exc:
        print(f"build.py fmt: error: {exc}", file=sys.stderr)
        return 2
    changed: list[str] = []
    failed: list[str] = []
    unwritable: list[str] = []
    if not args.check:
        remove_stale_temporaries(root)
    if not args.paths:
        for folder in FOLDERS.values():
            if (root / folder).is_symlink():  # refused by the checker as well, whatever it holds
                print(f"{folder}/: left as it is: symbolic links are not followed")
                failed.append(f"{folder}/")
    for kind, path in files:
        rel = path.relative_to(root).as_posix()
        refused = Collector()
        if refuse_undecodable(rel, refused):
            print(render(refused.items, "text"))
            failed.append(rel)
            continue
        if path.is_symlink():
            print(f"{rel}: left as it is: symbolic links are not followed")
            failed.append(rel)
            continue
        diagnostics = Collector()
        document = load_yaml(path, rel, diagnostics)
        if document is None:
            print(render(diagnostics.items, "text"))
            failed.append(rel)
            continue
        original = path.read_bytes()
        try:
            formatted = format_text(original.decode("utf-8-sig"), kind, rel)
        except FormatError as exc:
            print(exc)
            failed.append(rel)
            continue
        except yaml.YAMLError as exc:  # the loader accepted what the layout's reading refuses: say where
            print(f"{_located(rel, exc)}; left as it is")
            failed.append(rel)
            continue
        if formatted.encode("utf-8") == original:
            continue
        changed.append(rel)
        if args.check:
            print(f"{rel}: {NOT_CANONICAL}")
        else:
            try:
                write_atomically(path, formatted)
            except OSError as exc:  # a read-only folder or file, a full disk: say which, go on with the rest
                print(f"{rel}: left as it is: cannot write it: {exc.strerror or exc}")
                changed.remove(rel)
                unwritable.append(rel)
                continue
            print(f"{rel}: formatted")
    total = len(files)
    if failed:
        print(f"fmt: {len(failed)} of {total} files could not be read as data; left as they are")
    if unwritable:
        print(f"fmt: {len(unwritable)} of {total} files could not be written; left as they are")
    if args.check:
        if changed:
            print(f"fmt: {len(changed)} of {total} files not in canonical form")
        elif not failed:
            print(f"fmt: all {total} files in canonical form")
    else:
        unchanged = total - len(changed) - len(failed) - len(unwritable)
        print(f"fmt: {count(len(changed), 'file')} formatted, {unchanged} already canonical")
    return 1 if failed or unwritable or (args.check and changed) else 0
