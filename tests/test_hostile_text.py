"""Text the checker refuses, as classes: every pattern, every text field, every list, every one-line field.

Each class is tested where it lives (the schemas, the validator, the loader's data) and by one
example of the exact line a contributor reads.
"""

# ruff: noqa: RUF001  (other scripts' digits and typographic quotes are what some of these tests are about)

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from chronology import schema
from chronology.diagnostics import Diagnostic, Severity
from chronology.text import character_problem, source_character_problems
from tests.conftest import EVENT, EVENT_ID, REPORT_TXT, REPORT_YAML, ROOT, check, edit, make_project, run

EV = f"events/{EVENT_ID}.yaml"


def _nodes(kind: str) -> list[tuple[str, dict[str, Any]]]:
    """Every subschema of a kind with a readable name, ``$ref`` resolved."""
    root = schema.schema(kind)
    out: list[tuple[str, dict[str, Any]]] = []
    stack: list[tuple[str, dict[str, Any]]] = [(kind, root)]
    while stack:
        name, node = stack.pop()
        while "$ref" in node:
            target: Any = root
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        out.append((name, node))
        for key, child in node.get("properties", {}).items():
            stack.append((f"{name}.{key}", child))
        if isinstance(node.get("items"), dict):
            stack.append((f"{name}[]", node["items"]))
    return out


def check_in_a_shell(root: Path) -> subprocess.CompletedProcess[str]:
    """``python build.py check`` on ``root``, as a contributor runs it, printing to a real pipe."""
    return subprocess.run(
        [sys.executable, "build.py", "--root", str(root), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


PATTERNS = sorted({node["pattern"] for kind in schema.KINDS for _, node in _nodes(kind) if "pattern" in node})


# --- patterns: the whole text, ASCII digits ------------------------------------------------------


@pytest.mark.parametrize("pattern", PATTERNS)
def test_no_schema_pattern_accepts_a_trailing_newline(pattern: str) -> None:
    example = {
        "^[a-z0-9]+(-[a-z0-9]+)*$": "air-defence",
        "^[A-Za-z0-9_-]+$": "report",
        "^[a-z]+( [a-z]+)*$": "claimant",
        "^https?://": "https://example.org/",
        "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "en-GB",
        "^[A-Z]{3}$": "UKR",
        "^~?([01][0-9]|2[0-3]):[0-5][0-9](/~?([01][0-9]|2[0-3]):[0-5][0-9])?$": "~10:00/11:00",
    }[pattern]
    compiled = schema.ecma_pattern(pattern)
    assert compiled.search(example)
    if pattern.endswith("$"):
        assert compiled.search(example + "\n") is None
        assert re.search(pattern, example + "\n"), "Python's own '$' would have let it through"


def test_schema_patterns_read_digits_as_ascii() -> None:
    assert schema.ecma_pattern(r"^\d+$").search("2022")
    assert schema.ecma_pattern(r"^\d+$").search("٢٠٢٢") is None
    assert schema.ecma_pattern(r"^[$]\w$").search("$é") is None


def test_a_tag_ending_in_a_newline_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path, events={EVENT_ID: EVENT + 'tags:\n  - "air-defence\\n"\n'})
    assert check(root) == [
        f"{EV}:20:5: error[id-format]: 'tags[0]' must be a lowercase slug (letters, digits, single hyphens), "
        "found 'air-defence\\n' (for example 'air-defence')"
    ]


@pytest.mark.parametrize(
    ("line", "value", "message"),
    [
        (
            "date: '2022-12-29'",
            "date: '٢٠٢٢-١٢-٢٩'",
            "3:7: error[invalid-date]: '٢٠٢٢-١٢-٢٩' is not a date this chronology accepts (write YYYY, YYYY-MM or "
            "YYYY-MM-DD, optionally followed by ~, ? or %; one of a set [A..B], [..B], [A..]; "
            "or a span A/B, ../B, A/..)",
        ),
        (
            "date: '2022-12-29'",
            "date: '2022-12-29'\ntime: '١٠:٠٠'\ntimezone: Europe/Minsk",
            "4:7: error[invalid-time]: 'time' has the wrong form: '١٠:٠٠' (write HH:MM (10:00), ~HH:MM for an "
            "approximate time (~00:15, about 00:15), or a window HH:MM/HH:MM (10:00/11:00), either end of which may "
            "be approximate (~10:00/11:00))",
        ),
    ],
    ids=["date", "time"],
)
def test_other_scripts_digits_are_not_dates(tmp_path: Path, line: str, value: str, message: str) -> None:
    assert check(make_project(tmp_path, events={EVENT_ID: edit(EVENT, line, value)})) == [f"{EV}:{message}"]


def _regexes(path: Path) -> list[tuple[int, str]]:
    """Every regular expression written in a module: the first argument of each ``re`` call."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


@pytest.mark.parametrize("module", sorted((ROOT / "chronology").glob("*.py")), ids=lambda p: p.name)
def test_no_checker_pattern_uses_unicode_digits_or_a_loose_end(module: Path) -> None:
    # '\d' matches every script's digits and '$' matches before a final newline: neither belongs in a
    # pattern that decides what the data may hold. Write [0-9], and match with fullmatch or '\Z'.
    loose = [(line, p) for line, p in _regexes(module) if r"\d" in p or re.search(r"(?<!\\)\$(?![^\[]*\])", p)]
    assert loose == []


# --- characters ------------------------------------------------------------------------------------

BAD = [
    ("\\x00", "U+0000 (a control character)"),
    ("\\x7f", "U+007F (a control character)"),
    ("\\x80", "U+0080 (a control character)"),
    ("\\x9f", "U+009F (a control character)"),
    ("\\r", "U+000D (a control character)"),
    ("\\ud800", "U+D800 (a lone surrogate, half of a UTF-16 pair and not a character)"),
    ("\\uFFFE", "U+FFFE (a non-character)"),
    ("\\uFDD0", "U+FDD0 (a non-character)"),
    ("\\U0010FFFF", "U+10FFFF (a non-character)"),
]


@pytest.mark.parametrize(("escape", "words"), BAD, ids=[b[0] for b in BAD])
def test_no_text_field_holds_a_control_character_surrogate_or_non_character(
    tmp_path: Path, escape: str, words: str
) -> None:
    text = edit(EVENT, "title: Belarus says", f'title: "Bel{escape}arus" #')
    text = edit(text, "summary: Belarus said", f'summary: "Belarus{escape} said"\n#')
    text = edit(text, "      - there was", f'      - "x{escape}"\n      - there was')
    lines = check(make_project(tmp_path, events={EVENT_ID: text}))
    assert [line for line in lines if "invalid-character" in line] == [
        f"{EV}:2:8: error[invalid-character]: 'title' holds {words} at character 4 (remove it)",
        f"{EV}:4:10: error[invalid-character]: 'summary' holds {words} at character 8 (remove it)",
        f"{EV}:18:9: error[invalid-character]: 'sources[0].quotes[1]' holds {words} at character 2 (remove it)",
    ]
    # The quote is not in the source either; nothing else is reported.
    assert len(lines) == 4
    assert lines[3].startswith(f"{EV}:18:9: error[quote-not-found]: quote not found in source 'report': 'x\\")


def test_a_lone_surrogate_in_a_key_or_a_quote_is_reported_with_every_other_problem(tmp_path: Path) -> None:
    text = edit(EVENT, "      - there was", '      - "a\\ud800"\n      - there was') + '"\\ud800": 1\n'
    root = make_project(tmp_path, events={EVENT_ID: text}, actors={"belarus": "id: belarus\nname: B\nkind: nation\n"})
    done = check_in_a_shell(root)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[:-1] == [
        "actors/belarus.yaml:3:7: error[invalid-value]: 'kind' cannot be 'nation' (one of: person, state, "
        "government-body, "
        "armed-force, agency, media, organisation, alliance, group)",
        f"{EV}:17:9: error[invalid-character]: 'sources[0].quotes[1]' holds U+D800 (a lone surrogate, half of a "
        "UTF-16 pair and not a character) at character 2 (remove it)",
        f"{EV}:20:1: error[invalid-character]: a key holds U+D800 (a lone surrogate, half of a UTF-16 pair and not a "
        "character) at character 1 (remove it)",
        f"{EV}:20:1: error[unknown-field]: unknown field '\\ud800' (allowed: id, title, date, time, timezone, "
        "date_basis, summary, actors, places, place_precision, tags, sources, figures, related)",
    ]


@pytest.mark.parametrize(
    ("escape", "words"),
    [("\\n", "U+000A (a line break)"), ("\\t", "U+0009 (a tab)"), ("\\u2028", "U+2028 (a line break)")],
    ids=["newline", "tab", "line-separator"],
)
def test_one_line_fields_are_one_line(tmp_path: Path, escape: str, words: str) -> None:
    root = make_project(
        tmp_path,
        actors={
            "belarus": f'id: belarus\nname: "Bela{escape}rus"\nkind: state\n'
            f'aliases: [{{name: "B{escape}", lang: en, basis: B.}}]\n'
        },
        seeds={"report": edit(REPORT_YAML, "publisher: null", f'publisher: "The{escape}Times"')},
    )
    assert check(root) == [
        f"actors/belarus.yaml:2:7: error[invalid-character]: 'name' holds {words} at character 5; it must be one "
        "line (remove it)",
        f"actors/belarus.yaml:4:18: error[invalid-character]: 'aliases[0].name' holds {words} at character 2; it "
        "must be one line (remove it"
        # A line break at the end is what a block begun with '>' or '|' keeps: the hint says so.
        + (
            "; a block begun with '>' or '|' keeps a line break at its end: write the text on the field's own "
            "line, or begin the block with '>-')"
            if escape == "\\n"
            else ")"
        ),
        f"seeds/report.yaml:4:12: error[invalid-character]: 'publisher' holds {words} at character 4; it must be one "
        "line (remove it)",
    ]


def test_every_text_field_is_checked_for_characters() -> None:
    # The loader's data is scanned whole (keys included), so no field can be missed; the one-line
    # rule covers every field that is not Markdown or a quote.
    assert character_problem("tab\tand\nnewline") is None
    assert character_problem("tab\tand\nnewline", one_line=True) == (3, "U+0009 (a tab)")


def test_past_the_first_plane_only_the_non_characters_are_refused() -> None:
    # Every character beyond U+FFFF is looked at, and only the last two of each plane are refused.
    assert character_problem("\U0001f600 \U00010000 \U0010fffd") is None
    assert character_problem("\U0001f600 \U0001fffe", one_line=True) == (2, "U+1FFFE (a non-character)")
    assert character_problem("\U0001f600\U0010ffff\x07") == (1, "U+10FFFF (a non-character)")
    assert character_problem("\U0001f600\n\U0002ffff", one_line=True) == (1, "U+000A (a line break)")
    assert source_character_problems("\U0001f600\U0001fffe \U0002fffd \U0003ffff\x0c") == (
        1,
        "U+1FFFE (a non-character)",
        2,
    )


def test_a_nul_in_a_source_text_is_refused_where_it_is(tmp_path: Path) -> None:
    root = make_project(tmp_path, texts={"report": REPORT_TXT + "A line with a NUL\x00 and\x00 another.\n"})
    assert check(root) == [
        "seeds/report.txt:3:18: error[invalid-character]: the source text holds U+0000 (a control character) "
        "(1 more after it) (remove it: a source's text is plain text (a NUL or control character usually means a "
        "binary file or a wrong encoding))"
    ]


# --- lists: no entry twice ---------------------------------------------------------------------------


def test_every_list_of_references_or_names_is_declared_unique() -> None:
    lists = {
        name: node.get("x-unique")
        for kind in schema.KINDS
        for name, node in _nodes(kind)
        if node.get("type") == "array" and not name.endswith(("sources", "quotes"))
    }
    assert lists == {
        "actor.aliases": "name",
        "actor.member_of": True,
        "event.actors": "ref",
        "event.places": True,
        "event.figures": True,
        "event.figures[].attributed_to": True,
        "event.related": True,
        "event.sources[].attributed_to": True,
        "event.tags": True,
        "place.aliases": "name",
        "seed.relays": True,
    }


def test_a_link_an_alias_or_a_membership_twice_is_refused(tmp_path: Path) -> None:
    other = edit(EVENT, f"id: {EVENT_ID}", "id: other")
    related = "related:\n  - ref: other\n    type: follows\n  - ref: other\n    type: part-of\n"
    related += "  - ref: other\n    type: follows\n"
    lukashenko = "id: alexander-lukashenko\nname: A\nkind: person\nmember_of: [belarus, belarus]\n"
    lukashenko += "aliases: [{name: A, lang: en, basis: B.}, {name: A, lang: en, basis: B.}]\n"
    root = make_project(
        tmp_path, events={EVENT_ID: EVENT + related, "other": other}, actors={"alexander-lukashenko": lukashenko}
    )
    assert check(root) == [
        "actors/alexander-lukashenko.yaml:4:22: error[duplicate-entry]: 'belarus' is listed twice in 'member_of' "
        "(keep one)",
        "actors/alexander-lukashenko.yaml:5:50: error[duplicate-entry]: 'A' is listed twice in 'aliases' (keep one)",
        f"{EV}:24:5: error[duplicate-entry]: 'ref: other, type: follows' is listed twice in 'related' (keep one)",
    ]


# --- lengths -------------------------------------------------------------------------------------------


def test_every_one_line_field_has_a_length_cap() -> None:
    uncapped = [
        name
        for kind in schema.KINDS
        for name, node in _nodes(kind)
        if "string" in ([node["type"]] if isinstance(node.get("type"), str) else node.get("type", []))
        and not node.get("x-markdown")
        and not name.endswith("quotes[]")
        and "maxLength" not in node
    ]
    assert uncapped == []


@pytest.mark.parametrize(
    ("kind", "field", "cap"),
    [("seed", "title", 300), ("seed", "publisher", 200), ("actor", "title", 200), ("actor", "aliases", 200)],
)
def test_a_long_one_line_field_is_refused(tmp_path: Path, kind: str, field: str, cap: int) -> None:
    long = "x" * 100_000
    if kind == "seed":
        root = make_project(tmp_path, seeds={"report": edit(REPORT_YAML, f"{field}: null", f"{field}: {long}")})
        rel, where = "seeds/report.yaml", {"title": "3:8", "publisher": "4:12"}[field]
        shown = field
    else:
        value = f"[{{name: {long}, lang: en, basis: B.}}]" if field == "aliases" else long
        root = make_project(
            tmp_path, actors={"belarus": f"id: belarus\nname: Belarus\nkind: state\n{field}: {value}\n"}
        )
        rel, where = "actors/belarus.yaml", "4:8" if field == "title" else "4:18"
        shown = "aliases[0].name" if field == "aliases" else field
    assert check(root) == [
        f"{rel}:{where}: error[invalid-value]: '{shown}' is too long: 100000 characters, at most {cap} (shorten it)"
    ]


# --- diagnostics ---------------------------------------------------------------------------------------


def test_a_diagnostic_is_one_line_whatever_the_quote_holds(tmp_path: Path) -> None:
    quote = '"zzz\\nevents/fake.yaml:1:1: error[x]: y\\u2028z"'  # no word of it is in the source: shown whole
    root = make_project(
        tmp_path, events={EVENT_ID: edit(EVENT, "      - there was", f"      - {quote}\n      - there was")}
    )
    done = check_in_a_shell(root)
    assert done.stdout.splitlines() == [
        f"{EV}:17:9: error[quote-not-found]: quote not found in source 'report': "
        "'zzz\\nevents/fake.yaml:1:1: error[x]: y\\u2028z'",
        "checked 1 event, 2 actors, 2 places, 1 source: 1 error, 0 warnings",
    ]


def test_diagnostic_text_escapes_every_unprintable_character() -> None:
    d = Diagnostic("events/a\nb.yaml", 1, 2, Severity.ERROR, "rule", "x\ny\tz\x00\u2029", "h\x85")
    assert d.text() == "events/a\\nb.yaml:1:2: error[rule]: x\\ny\\tz\\x00\\u2029 (h\\x85)"


def test_an_event_missing_three_fields_hears_of_each_once(tmp_path: Path) -> None:
    text = f"id: {EVENT_ID}\nsources:\n  - seed: report\n    voice: own\n    quotes: [x]\n"
    root = make_project(tmp_path, events={EVENT_ID: text})
    lines = check(root)
    # What the file's other fields show is told in the same round: it names no actor.
    assert [line.split(": ")[1] for line in lines if ": warning" in line] == ["warning[event-without-actor]"]
    rules = [line.split(": error")[1].split(" (")[0] for line in lines if ": error" in line]
    assert rules == [
        "[missing-field]: missing field 'date'",
        "[missing-field]: missing field 'summary'",
        "[missing-field]: missing field 'title'",
    ]


# --- ids the site needs for itself -----------------------------------------------------------------------


def test_index_is_no_id_of_any_kind_nor_a_tag(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        events={EVENT_ID: EVENT + "tags:\n  - index\n"},
        actors={"index": "id: index\nname: I\nkind: state\n"},
        places={"index": "id: index\nname: I\nkind: area\n"},
        seeds={"index": edit(REPORT_YAML, "id: report", "id: index")},
        texts={"index": REPORT_TXT},
    )
    assert [line for line in check(root) if "reserved" in line] == [
        "actors/index.yaml:1:5: error[reserved-id]: the id 'index' is reserved: the site's list of actors has that "
        "name (choose another id)",
        f"{EV}:20:5: error[reserved-id]: the tag 'index' is reserved: the site's list of tags has that name "
        "(choose another tag)",
        "places/index.yaml:1:5: error[reserved-id]: the id 'index' is reserved: the site's list of places has that "
        "name (choose another id)",
        "seeds/index.yaml:1:5: error[reserved-id]: the id 'index' is reserved: the site's list of sources has that "
        "name (choose another id)",
    ]


# --- a folder that is no project ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["check"], [], ["build"], ["fmt", "--check"]], ids=["check", "default", "build", "fmt"]
)
def test_a_folder_that_is_no_project_exits_2(tmp_path: Path, command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *command], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"build.py: error: '{tmp_path}' is not a chronology project: it has no events/, actors/, places/ or seeds/ "
        "folder (run the command in the project folder, or give --root)\n"
    )


def test_an_escaped_surrogate_pair_is_the_character_it_encodes(tmp_path: Path) -> None:
    # JSON, and the tools that write it, escape a character beyond U+FFFF as two halves.
    text = edit(EVENT, "title: Belarus says", 'title: "\\ud83d\\ude00 Belarus" #')
    root = make_project(tmp_path, events={EVENT_ID: text})
    assert check(root) == []
    chronology = run(root).chronology
    assert chronology is not None
    assert chronology.events[0].title == "\U0001f600 Belarus"
