"""The checker's fast paths say nothing the located ones would not: a file they pass, the slow path
would pass too, and a file with a problem still gets its exact, located message from the slow path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chronology import schema, text
from chronology.diagnostics import Collector
from chronology.load import _NOT_PLAIN, _needs_careful_reading, load_plain, parse_yaml
from tests.test_fuzz import FUZZ, REAL_FILES, SPECIALS, mutate, operations, yaml_like_text

KIND = {"events": "event", "actors": "actor", "places": "place", "seeds": "seed"}


def located_errors(kind: str, data: Any) -> list[str]:
    return [error.message for error in schema._validator(kind).iter_errors(data)]


@pytest.mark.parametrize("path", list(REAL_FILES), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_compiled_schema_passes_every_real_file(path: Path) -> None:
    document = parse_yaml(REAL_FILES[path].decode("utf-8"), path.name, Collector())
    assert document is not None
    assert schema.is_valid(KIND[path.parent.name], document.data)


@pytest.mark.example
@FUZZ
@given(st.sampled_from(list(REAL_FILES)), operations)
def test_what_the_compiled_schema_passes_the_located_validator_passes(path: Path, edits: list[Any]) -> None:
    document = parse_yaml(mutate(REAL_FILES[path], edits).decode("utf-8", "replace"), path.name, Collector())
    if document is not None and schema.is_valid(KIND[path.parent.name], document.data):
        assert located_errors(KIND[path.parent.name], document.data) == []


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("belarus", True),
        ("belarus\n", False),  # Python's '$' would let the line break through; JSON Schema's does not
        ("belarus-", False),
        ("bel\u0430rus", False),  # a Cyrillic 'a'
        ("belarus-2", True),
        ("belarus-\u0662", False),  # an Arabic-Indic digit: not an ASCII one
    ],
)
def test_the_compiled_schema_reads_patterns_as_json_schema_does(value: str, valid: bool) -> None:
    data = {"id": value, "name": "Belarus", "kind": "state"}
    assert schema.is_valid("actor", data) is valid
    assert (located_errors("actor", data) == []) is valid


def test_references_are_written_out_in_the_compiled_schema_where_that_keeps_their_meaning() -> None:
    root: dict[str, Any] = {
        "$defs": {
            "slug": {"description": "A slug.", "type": "string", "pattern": "^a$"},
            "tree": {"type": "array", "items": {"$ref": "#/$defs/tree"}},
        },
        "properties": {
            "a": {"description": "Its own words.", "$ref": "#/$defs/slug", "x-refers-to": "actor"},
            "b": {"$ref": "#/$defs/slug", "pattern": "^b$"},
            "c": {"$ref": "#/$defs/tree"},
            "d": {"$ref": "#/$defs/none"},
        },
    }
    inlined = schema._inline(root, root, ())
    assert inlined["properties"] == {
        "a": {"description": "Its own words.", "type": "string", "pattern": "^a$", "x-refers-to": "actor"},
        "b": {"$ref": "#/$defs/slug", "pattern": "^b$"},  # two patterns must both hold: kept
        "c": {"type": "array", "items": {"$ref": "#/$defs/tree"}},  # recursive: kept where it recurs
        "d": {"$ref": "#/$defs/none"},
    }
    assert inlined["properties"]["a"] is not root["$defs"]["slug"]
    for kind in schema.KINDS:
        assert "$ref" not in json.dumps(schema._inline(schema.schema(kind), schema.schema(kind), ()))


markdown_like = st.lists(
    st.sampled_from(
        [*"ab1 .,:;'\"()#=~|!&-+`\\\n\t*_", "1.", "1)", "- ", "* ", "**", "***", "\n\n", "    ", "http://x.org"]
    ),
    max_size=120,
).map("".join)


@FUZZ
@given(st.one_of(markdown_like, st.sampled_from(SPECIALS)))
def test_a_text_not_parsed_as_markdown_has_nothing_parsing_would_find(value: str) -> None:
    if text.may_link_or_nest(value) or text.markdown_limit(value) is not None:
        return
    dropped: list[tuple[str, bool]] = []
    assert text._convert(value, dropped) is not None
    assert dropped == []


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("The report calls it *a provocation*, and _so_ do **they**.", False),
        ("x" + "*" * 32 + "x" + "_" * 32, False),
        ("x" + "*" * 33 + "x" + "_" * 32, True),  # nested past what the fast path vouches for
        ("* an item", True),
        ("  * an item", True),
        ("a\n* an item", True),
        ("See [the statement](https://example.org).", True),
        ("a <https://example.org>", True),
        ("> quoted", True),
    ],
)
def test_only_texts_with_links_lists_quotes_or_much_emphasis_are_parsed(value: str, parsed: bool) -> None:
    assert text.may_link_or_nest(value) is parsed


@FUZZ
@given(st.one_of(st.text(max_size=40), markdown_like, st.sampled_from(SPECIALS)))
def test_a_one_line_field_passed_as_plain_has_nothing_its_checks_would_find(value: str) -> None:
    if text.one_line_is_plain(value):
        assert text.character_problem(value, one_line=True) is None
        assert text.markdown_problems(value, parse=False) == []
    else:  # only a refused character, a '<' or a character past U+FFFF (to be looked at) makes it not
        assert text.character_problem(value, one_line=True) or "<" in value or max(value) > "\uffff"


def test_a_list_nested_past_what_markdown_reads_is_still_parsed_and_refused() -> None:
    assert [problem.rule for problem in text.markdown_problems("- " * 1500 + "x")] == ["markdown-limit"]
    assert [problem.rule for problem in text.markdown_problems("1. " * 1500 + "x")] == ["markdown-limit"]


def read_carefully(value: str) -> tuple[Any, list[str]]:
    diagnostics = Collector()
    document = parse_yaml(value, "x.yaml", diagnostics)
    return (None if document is None else document.data), [d.text() for d in diagnostics.items]


def assert_read_alike(value: str) -> None:
    """What the C reading returns, the careful reading returns too, and without a word to say."""
    fast = load_plain(value)
    if fast is not None:
        assert read_carefully(value) == (fast, [])


@pytest.mark.example
@FUZZ
@given(st.sampled_from(list(REAL_FILES)), operations)
def test_the_c_reading_of_a_mutated_file_is_the_careful_reading(path: Path, edits: list[Any]) -> None:
    assert_read_alike(mutate(REAL_FILES[path], edits).decode("utf-8", "replace"))


@FUZZ
@given(yaml_like_text)
def test_the_c_reading_of_random_yaml_is_the_careful_reading(value: str) -> None:
    assert_read_alike(value)


@pytest.mark.parametrize(
    "value",
    [
        "a: &x b\n",
        "a: *x\n",
        "a: !!str b\n",
        "a: ! b\n",
        "- &x [1]\n- *x\n",
        "a:\n  &x\n  b: c\n",
        "{a: *x}\n",
        "[a, &x b]\n",
        "<<: {a: b}\n",
        "%YAML 1.1\n---\na: b\n",
        "a: b\na: c\n",
        "a: b\n---\nc: d\n",
        "a: .nan\n",
        "[a]: b\n",
        "a: b\rc: *x\n",
        "a:" + " [" * 40 + "]" * 40 + "\n",
        "# only a comment\n",
        "a: [b\n",
        # A second byte order mark (the first is taken off as the file is read), which LibYAML
        # passes over: the tag or anchor after it starts a node.
        "\ufeff!t a\n",
        "\ufeff&a x: 1\n",
    ],
)
def test_what_only_the_careful_reading_handles_is_left_to_it(value: str) -> None:
    assert load_plain(value) is None


#: Texts dense in what ``_NOT_PLAIN`` looks at: the marks, what may come before a node, spaces, tabs
#: and line breaks, and letters for the rest. Without the line breaks other than '\\n' (any one of
#: them settles it) half the time, so that the marks are decided by what comes before them.
_CAREFUL_MARKS = "&*!%<-?:[{, \t\nab"
careful_like = st.one_of(
    st.text(st.sampled_from(_CAREFUL_MARKS), max_size=24),
    st.text(st.sampled_from(_CAREFUL_MARKS + "\r\x85\u2028\u2029\ufeff"), max_size=24),
)


@settings(FUZZ, max_examples=1000)
@given(careful_like)
@example("")
@example("*x")  # an alias where the text starts
@example("a: *x")  # after a key's ':'
@example("a:\t \t*x")  # after a key's ':', spaces and tabs between
@example("- &x b")  # an anchor after a list's '-'
@example("[a,!x]")  # a tag after a flow list's ','
@example("a *b*")  # Markdown's emphasis: after a letter and a space, no node starts there
@example("a\n \t!x")  # at a line's start, after its indentation
@example("a\r*x")  # '^' only follows a '\\n', but the '\\r' is enough
@example("a\x85b")
@example("a\u2028b")
@example("a\u2029b")
@example("%YAML")  # a directive where the text starts
@example("a\n\t %x")  # at a line's start, after its indentation
@example("a: %x")  # a '%' elsewhere is text
@example("a -%")
@example("a <b<")  # a '<' alone is text
@example("<<: b")  # a merge key
def test_what_is_left_to_the_careful_reading_is_what_its_pattern_finds(value: str) -> None:
    assert _needs_careful_reading(value) is (_NOT_PLAIN.search(value) is not None)


def test_the_c_reading_types_plain_scalars_as_yaml_1_2_does() -> None:
    value = "a: no\nb: 2022-12-29\nc: 1e3\nd: '1e3'\ne: ~\nf: true\ng: 0x1f\nh: 'x *y* & z!'\ni: >-\n  p *q*\n  r\n"
    assert load_plain(value) == read_carefully(value)[0]
    assert load_plain(value) == {
        "a": "no",
        "b": "2022-12-29",
        "c": 1000.0,
        "d": "1e3",
        "e": None,
        "f": True,
        "g": 31,
        "h": "x *y* & z!",
        "i": "p *q* r",
    }


def test_the_c_reading_reads_escapes_in_keys_and_values_and_types_the_rest() -> None:
    value = 'a: "\\u00e9 b"\n"k\\u00e9": [\'\\ud83d\', "\\t"]\nc: 1.5\nd: -x\ne: +.5\nf: x1\n'
    assert load_plain(value) == read_carefully(value)[0]
    assert load_plain(value) == {
        "a": "\u00e9 b",
        "k\u00e9": ["\\ud83d", "\t"],
        "c": 1.5,
        "d": "-x",
        "e": 0.5,
        "f": "x1",
    }


#: Run in a process of its own: workers are forked only from a process with no other thread, which
#: the suite's earlier tests (a server, a browser) may have left running in this one.
QUOTES_BY_WORKERS = """
import multiprocessing, shutil, sys
from pathlib import Path
from chronology import check, quote_search, workers
from chronology.cli import summary
from chronology.diagnostics import render

root = Path(sys.argv[1])
shared = []
spread_beside = workers.spread_beside

def counted(f, items):
    items = list(items)
    if f is quote_search._find_in_source:
        shared.append(len(items))
    return spread_beside(f, items)

workers.spread_beside = counted
# The references and links are checked while the quotes' workers search (on two cores, one would
# otherwise be idle meanwhile): the workers are alive as each begins.
beside = []
for name in ("check_references", "check_links"):
    def watched(self, _real=getattr(check._Checker, name), _name=name):
        beside.append((_name, len(multiprocessing.active_children())))
        return _real(self)
    setattr(check._Checker, name, watched)

def report():
    shutil.rmtree(root / ".cache", ignore_errors=True)
    result = check.check_project(root, model=False)
    return render(result.diagnostics, "text") + "\\n" + summary(result)

alone = report()
assert shared == [], shared
assert beside == [("check_references", 0), ("check_links", 0)], beside
beside.clear()
quote_search.PARALLEL_QUOTES_FROM, quote_search.QUOTES_A_TASK = 1, 3
together = report()
assert len(shared) == 1 and shared[0] > 2, shared
assert together == alone, (together, alone)
assert [name for name, alive in beside if alive == workers.usable_cores()] == ["check_references", "check_links"], \
    beside
print(alone)
"""


@pytest.mark.example
def test_quotes_found_by_workers_are_where_one_process_finds_them(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    from chronology import workers
    from tests.conftest import EVENT, EVENT_ID, ROOT, edit

    if workers.usable_cores() < 2:
        pytest.skip("one core: the search is never shared")
    # The repository's own data, and a quote its source does not hold.
    root = tmp_path / "p"
    for folder in ("events", "actors", "places", "seeds"):
        shutil.copytree(ROOT / folder, root / folder)
    missing = edit(EVENT, "near Minsk.\n", "near Pinsk.\n").replace(f"id: {EVENT_ID}", "id: misquoted")
    (root / "events/misquoted.yaml").write_text(missing.replace("seed: report", "seed: 000_9acb625707f65469"))
    run = subprocess.run(
        [sys.executable, "-c", QUOTES_BY_WORKERS, str(root)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "error[quote-not-found]" in run.stdout and "quoted in" not in run.stdout


def test_records_from_workers_share_their_short_texts_and_hold_the_same_data() -> None:
    from chronology import file_check

    data = {"id": "x-1", "actors": [{"ref": "belarus", "role": "claimant"}], "summary": "s" * int("100"), "n": 3}
    copy = {"id": "x-1", "actors": [{"ref": "belarus", "role": "claimant"}], "summary": "s" * int("100"), "n": 3}
    shared, again = file_check._shared(data), file_check._shared(copy)
    assert shared == data and again == copy
    assert shared["actors"][0]["role"] is again["actors"][0]["role"]  # one object for both records
    assert next(iter(shared["actors"][0])) is next(iter(again["actors"][0]))
    assert shared["summary"] is not again["summary"]  # long texts are each record's own


def test_the_c_reading_shares_short_texts_plain_or_quoted_and_keeps_long_ones_each() -> None:
    # Every record repeats the same references, roles and words; each is one object however many
    # files hold it, whether written plain or in quotes. A long text is each file's own.
    long = "w" * int("100")
    first = load_plain(f"actors:\n  - ref: belarus\n    role: 'claimant'\nsummary: {long}\n")
    again = load_plain(f"actors:\n  - ref: belarus\n    role: 'claimant'\nsummary: {long}\n")
    assert first == again == {"actors": [{"ref": "belarus", "role": "claimant"}], "summary": long}
    assert first["actors"][0]["ref"] is again["actors"][0]["ref"]
    assert first["actors"][0]["role"] is again["actors"][0]["role"]
    assert first["summary"] is not again["summary"]
