"""``python build.py fmt``: one canonical form for the data files, comments and values kept."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology import fmt, schema
from chronology.cli import main
from chronology.diagnostics import Collector
from chronology.layout import FOLDERS
from chronology.load import parse_yaml
from chronology.text import normalise, sentences
from tests.conftest import EVENT_ID, ROOT, check, edit, make_project

EVENT_LINE = fmt.schema_line("event")
ACTOR_LINE = fmt.schema_line("actor")
PLACE_LINE = fmt.schema_line("place")
EV = f"events/{EVENT_ID}.yaml"
QUOTE = "Belarus said on 29 December 2022 that it had shot down a Ukrainian S-300 missile near Minsk."
#: The start of an actor file, for tests about one more field.
HEAD = "id: x\nname: X\nkind: state\n"


def dumped(value: str) -> str:
    """``value`` as a YAML scalar written by PyYAML, on one line (ASCII, escapes where needed)."""
    return yaml.safe_dump(value, width=1000, allow_unicode=False).strip()


def run_fmt(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    """``build.py fmt`` in-process: exit code, stdout lines, stderr."""
    code = main(["--root", str(root), "fmt", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, as bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def repository_files() -> list[tuple[str, Path]]:
    return fmt.data_files(ROOT)


def loaded(text: str, kind: str) -> Any:
    """The data as the checker sees it: the strict loader, then text where the schema wants text."""
    diagnostics = Collector()
    document = parse_yaml(text, "file.yaml", diagnostics)
    assert document is not None, [d.text() for d in diagnostics.items]
    schema.validate(kind, document, Collector())
    return document.data


def markdown_paths(kind: str, data: Any) -> set[tuple[str | int, ...]]:
    return {path for path, node, value in schema.walk(kind, data) if node.get("x-markdown") and isinstance(value, str)}


def assert_same_values(kind: str, before: Any, after: Any) -> None:
    """Every value unchanged; Markdown text may differ in whitespace, never in its sentences."""
    text_paths = markdown_paths(kind, before)
    assert markdown_paths(kind, after) == text_paths

    def compare(a: Any, b: Any, path: tuple[str | int, ...]) -> None:
        assert type(a) is type(b), path
        if isinstance(a, dict):
            assert sorted(a) == sorted(b), path
            for key in a:
                compare(a[key], b[key], (*path, key))
        elif isinstance(a, list):
            assert len(a) == len(b), path
            for index, (x, y) in enumerate(zip(a, b, strict=True)):
                compare(x, y, (*path, index))
        elif path in text_paths:
            assert normalise(a).text == normalise(b).text, path
            assert [normalise(a[s:e]).text for s, e in sentences(a)] == [
                normalise(b[s:e]).text for s, e in sentences(b)
            ], path
        else:
            assert a == b, path  # quotes, ids, titles, names: exactly the same text

    compare(before, after, ())


# --- the canonical form -------------------------------------------------------------------------


MESSY_EVENT = f"""\
title: "Belarus says it shot down a Ukrainian S-300"
sources:
    - quotes: ['{QUOTE}']
      voice: own
      seed: report
date: 2022-12-29
id: 2022-12-29-belarus-downs-s300
summary: >-
    Belarus said it had shot down a Ukrainian S-300 missile near Minsk.   It said
    so on Thursday.
actors: [{{role: claimant, ref: belarus}}]
places: [minsk]
"""

CANONICAL_EVENT = f"""\
{EVENT_LINE}
id: 2022-12-29-belarus-downs-s300
title: Belarus says it shot down a Ukrainian S-300
date: '2022-12-29'
summary: |
  Belarus said it had shot down a Ukrainian S-300 missile near Minsk.
  It said so on Thursday.
actors:
  - ref: belarus
    role: claimant
places:
  - minsk
sources:
  - seed: report
    voice: own
    quotes:
      - {QUOTE}
"""


def test_the_canonical_form_orders_keys_indents_and_quotes() -> None:
    assert fmt.format_text(MESSY_EVENT, "event") == CANONICAL_EVENT


def test_the_canonical_form_is_canonical() -> None:
    assert fmt.format_text(CANONICAL_EVENT, "event") == CANONICAL_EVENT


def test_nested_keys_follow_the_schema_and_unknown_keys_come_last_in_their_order() -> None:
    text = """\
kind: village
zebra: 2
coordinates: {precision: settlement, lon: 24.1, lat: 52.10}
name: Gorbakha
alpha: [1, yes]
id: gorbakha
"""
    assert (
        fmt.format_text(text, "place")
        == f"""\
{PLACE_LINE}
id: gorbakha
name: Gorbakha
kind: village
coordinates:
  lat: 52.1
  lon: 24.1
  precision: settlement
zebra: 2
alpha:
  - 1
  - 'yes'
"""
    )


def test_a_link_s_note_comes_after_its_reference_and_type() -> None:
    # In the schema's order: what the link joins and how, then what of the other event it concerns.
    text = "id: x\nrelated:\n  - note: the missile, not who fired it\n    type: comments-on\n    ref: other\n"
    assert fmt.format_text(text, "event") == (
        f"{EVENT_LINE}\nid: x\nrelated:\n  - ref: other\n    type: comments-on\n"
        "    note: the missile, not who fired it\n"
    )


COMMENTED = """\
# yaml-language-server: $schema=../chronology/schemas/actor.schema.json
# Who: the president, as the report names him.
name: Alexander Lukashenko   # as the report spells it
# The id is the file name.
id: alexander-lukashenko
kind: person # a person, not the state
member_of:  # his state
  - belarus
aliases:
  # the report's own form
  - Mr Lukashenko
  - Аляксандр Лукашэнка  # Belarusian
description: >-   # rewrite when there is more
  Belarus's president.
sources:
  # the first mention
  - quotes:
      - for talks with its president, Alexander Lukashenko  # verbatim
    # the seed comes second here
    seed: report

# and a last word
"""

COMMENTED_CANONICAL = f"""\
{ACTOR_LINE}
# Who: the president, as the report names him.
# The id is the file name.
id: alexander-lukashenko
name: 'Alexander Lukashenko'  # as the report spells it
kind: person  # a person, not the state
aliases:
  # the report's own form
  - Mr Lukashenko
  - Аляксандр Лукашэнка  # Belarusian
member_of:  # his state
  - belarus
# rewrite when there is more
description: |
  Belarus's president.
sources:
  # the first mention
  # the seed comes second here
  - seed: report
    quotes:
      - 'for talks with its president, Alexander Lukashenko'  # verbatim
# and a last word
"""


def test_comments_are_kept_full_line_and_end_of_line_and_move_with_their_key() -> None:
    assert fmt.format_text(COMMENTED, "actor") == COMMENTED_CANONICAL
    # An end-of-line comment keeps its column where the text before it ends two spaces short of
    # it, and stands two spaces after the text where it does not: quoting the name, fmt left "'X'
    # # note" with one space, as it did "kind: person # a person" as written.
    kept = f"{ACTOR_LINE}\nid: x\nname: 'X'      # note\nkind: state\n"
    assert fmt.format_text("id: x\nname: X        # note\nkind: state\n", "actor") == kept
    grown = "id: x\nname: It's X  # note\nkind: state  # a state\n"
    assert fmt.format_text(grown, "actor") == f'{ACTOR_LINE}\nid: x\nname: "It\'s X"  # note\nkind: state  # a state\n'


def test_a_comment_above_a_nested_key_stays_above_it_when_the_keys_are_reordered() -> None:
    text = """\
id: gorbakha
name: Gorbakha
kind: village
coordinates:
  precision: settlement  # a village centre
  # from the gazetteer
  lon: 24.1
  lat: 52.1
"""
    assert (
        fmt.format_text(text, "place")
        == f"""\
{PLACE_LINE}
id: gorbakha
name: Gorbakha
kind: village
coordinates:
  lat: 52.1
  # from the gazetteer
  lon: 24.1
  precision: settlement  # a village centre
"""
    )


def test_a_wrong_schema_line_is_replaced_and_a_missing_one_added() -> None:
    wrong = f"{EVENT_LINE}\n{HEAD}"
    expected = f"{ACTOR_LINE}\nid: x\nname: X\nkind: state\n"
    assert fmt.format_text(wrong, "actor") == expected
    assert fmt.format_text("id: x\nname: X\nkind: state\n", "actor") == expected


def test_blank_lines_trailing_spaces_crlf_and_a_byte_order_mark_go() -> None:
    text = "\ufeffid: x   \r\n\r\nname: X # note   \r\n\r\n\r\nkind: state\r\n\r\n"
    assert fmt.format_text(text, "actor") == f"{ACTOR_LINE}\nid: x\nname: 'X'  # note\nkind: state\n"


@pytest.mark.parametrize(
    "value",
    [
        "yes",
        "no",
        "on",
        "off",
        "y",
        "N",
        "true",
        "False",
        "null",
        "~",
        "",
        "2022",
        "2022-12-29",
        "10:00",
        "1e3",
        "0o17",
        "0x1F",
        "1_000",
        ".inf",
        "-",
        "- x",
        "#x",
        "@x",
        "`x",
        "a: b",
        "a #b",
        " lead",
        "trail ",
        "[x]",
        "{x}",
        "!x",
        "&x",
        "*x",
        "|x",
        ">x",
        "%x",
        "'x",
        '"x',
        "? x",
        ": x",
        "<<",
        "=",
        "it's",
        'say "hi"',
        "line\nbreak",
        "tab\there",
        "bell\x07",
        "nbsp\u00a0x",
        "sep\u2028x",
    ],
)
def test_strings_yaml_would_misread_are_quoted_and_read_back_unchanged(value: str) -> None:
    text = fmt.format_text(
        f"{HEAD}title: {dumped(value)}\n",
        "actor",
    )
    assert loaded(text, "actor")["title"] == value
    assert yaml.safe_load(text)["title"] == value  # and YAML 1.1 (PyYAML) reads the same
    assert fmt.format_text(text, "actor") == text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Belarus", "Belarus"),
        ("yes", "'yes'"),
        ("2022-12-29", "'2022-12-29'"),
        ("it's", "it's"),
        ("a: b", "'a: b'"),
        ("- x", "'- x'"),
        ("line\nbreak", '"line\\nbreak"'),
        ("Горбаха", "Горбаха"),
        ("2022-11", "'2022-11'"),
        ("2022-12-19~", "'2022-12-19~'"),
        ("../2022-12-19", "'../2022-12-19'"),
        ("[..2022-12-19]", "'[..2022-12-19]'"),
        ("[2022-12-29..2022-12-31~]", "'[2022-12-29..2022-12-31~]'"),
        ("10:00/11:00", "'10:00/11:00'"),
        ("000_9acb625707f65469", "000_9acb625707f65469"),
        ("S-300", "S-300"),
    ],
)
def test_plain_where_safe_single_quotes_where_needed_double_quotes_for_line_breaks(value: str, written: str) -> None:
    text = fmt.format_text(f"{HEAD}title: {dumped(value)}\n", "actor")
    assert text.splitlines()[-1] == f"title: {written}"


def test_plain_scalars_yaml_types_are_written_as_the_text_the_checker_reads() -> None:
    text = "id: x\nlabel: L\ntitle: 2022\npublisher: ~\nurl:\nlanguage: en\npublished: 2022\npublished_basis: yes\n"
    assert (
        fmt.format_text(text, "seed")
        == f"""\
{fmt.schema_line("seed")}
id: x
label: L
title: '2022'
publisher: null
url: null
language: en
published: '2022'
published_basis: |
  yes
"""
    )


def test_markdown_that_is_already_a_literal_block_keeps_its_lines() -> None:
    text = f"{HEAD}description: |+\n\n  First line. Same line.   \n    indented code. Here.\n\n  - a list. Item.\n\n\n"
    assert fmt.format_text(text, "actor").split("description:")[1] == (
        " |\n  First line. Same line.\n    indented code. Here.\n\n  - a list. Item.\n"
    )


def test_markdown_in_other_styles_becomes_a_literal_block_one_sentence_per_line() -> None:
    text = (
        "id: x\nname: X\nkind: state\n"
        'description: \'He said "No." Then he left (at 10am). 3. is not a list! '
        "# nor a heading? - nor this.'\n"
    )
    assert fmt.format_text(text, "actor").split("description:")[1] == (
        ' |\n  He said "No."\n  Then he left (at 10am). 3.\n  is not a list! # nor a heading? - nor this.\n'
    )


def test_a_literal_block_that_cannot_be_one_is_left_quoted() -> None:
    text = 'id: x\nname: X\nkind: state\ndescription: "bell\\a here"\n'
    out = fmt.format_text(text, "actor")
    assert out.splitlines()[-1] == 'description: "bell\\a here"'
    assert fmt.format_text(out, "actor") == out


@settings(max_examples=300)
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=40))
def test_any_text_survives_unchanged(value: str) -> None:
    source = f"{HEAD}title: {dumped(value)}\n"
    diagnostics = Collector()
    if parse_yaml(source, "x.yaml", diagnostics) is None:
        return  # PyYAML's writer made something the strict loader refuses (not fmt's doing)
    text = fmt.format_text(source, "actor")
    assert loaded(text, "actor")["title"] == loaded(source, "actor")["title"]
    assert fmt.format_text(text, "actor") == text


# --- the repository's own data -------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "path"), repository_files(), ids=lambda p: str(p))
def test_every_repository_file_keeps_its_values_and_formats_idempotently(kind: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    once = fmt.format_text(text, kind)
    assert fmt.format_text(once, kind) == once
    assert_same_values(kind, loaded(text, kind), loaded(once, kind))
    assert not [line for line in once.splitlines() if line != line.rstrip()]
    assert once.startswith(fmt.schema_line(kind) + "\n") and once.endswith("\n") and not once.endswith("\n\n")


@pytest.mark.example
def test_the_repository_has_data_to_test() -> None:
    kinds = {kind for kind, _ in repository_files()}
    assert kinds == {"event", "actor", "place", "seed"}


def prose_fields(kind: str) -> set[tuple[str, ...]]:
    """Every free-text field of a kind (``schema.is_prose``: what ``comment-in-text`` looks at), as a
    path with ``[]`` for a list's items."""
    found: set[tuple[str, ...]] = set()
    root = schema.schema(kind)

    def visit(node: dict[str, Any], path: tuple[str, ...]) -> None:
        node = schema.resolve(node, root)
        if schema.is_prose(node):
            found.add(path)
        for key, child in node.get("properties", {}).items():
            visit(child, (*path, key))
        if isinstance(node.get("items"), dict):
            visit(node["items"], (*path, "[]"))

    visit(root, ())
    return found


def one_line(value: Any) -> str:
    """A scalar as PyYAML writes it on one line: plain where it can be, quoted where it must."""
    return yaml.safe_dump([value], width=10**9, allow_unicode=True, default_flow_style=True).strip()[1:-1]


def commented_file(kind: str, data: dict[str, Any]) -> tuple[str, set[str], set[tuple[str, ...]]]:
    """``data`` written as a file with every free text on one line and a comment after it: the
    text, the comments, and the free-text fields written (paths with ``[]`` for a list's items).
    Markdown texts in ``data`` are put on one line as they are written."""
    nodes = {path: node for path, node, _ in schema.walk(kind, data)}
    comments: set[str] = set()
    fields: set[tuple[str, ...]] = set()

    def entry(head: str, value: Any, path: tuple[str | int, ...], indent: int) -> list[str]:
        pad = " " * indent
        if isinstance(value, dict | list) and value:
            items = value.items() if isinstance(value, dict) else enumerate(value)
            lines = [f"{pad}{head}"]
            for key, item in items:
                lines += entry(f"{key}:" if isinstance(value, dict) else "-", item, (*path, key), indent + 2)
            return lines
        if not (isinstance(value, str) and path in nodes and schema.is_prose(nodes[path])):
            return [f"{pad}{head} {one_line(value)}"]
        if nodes[path].get("x-markdown"):
            value = " ".join(value.split())
            schema._set(data, path, value)
        comment = f"# note {len(comments)}"
        comments.add(comment)
        fields.add(tuple("[]" if isinstance(part, int) else part for part in path))
        return [f"{pad}{head} {one_line(value)}  {comment}"]

    lines = [line for key, value in data.items() for line in entry(f"{key}:", value, (key,), 0)]
    return "\n".join(lines) + "\n", comments, fields


@pytest.mark.example
def test_free_text_with_an_end_of_line_comment_formats_to_a_file_the_checker_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every free-text field of every kind, on one line with a comment after it (as a contributor
    writes a title or a quote, quoted or not): fmt keeps the text and the comment, its output checks
    with nothing to say (no ``comment-in-text``, which ``build --strict`` fails on), and a second fmt
    changes nothing."""
    root = tmp_path / "repo"
    written: dict[Path, tuple[str, Any, set[str]]] = {}
    covered: set[tuple[str, tuple[str, ...]]] = set()
    for kind, source in fmt.data_files(ROOT):
        data = loaded(source.read_text(encoding="utf-8"), kind)
        if kind == "seed":  # the repository's seed has neither: the test gives them
            data["title"] = data["title"] or "Belarus says it downed a missile"
            data["publisher"] = data["publisher"] or "A news agency"
        if kind == "place" and data["id"] == "odesa":  # every point of the repository's is on land
            data["coordinates"].update(lat=46.2, lon=31.2, outside_shapes="A point at sea, off the coast.")
        text, comments, fields = commented_file(kind, data)
        covered.update((kind, path) for path in fields)
        target = root / source.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written[target] = (kind, data, comments)
    for text_file in (ROOT / "seeds").glob("*.txt"):
        (root / "seeds" / text_file.name).write_bytes(text_file.read_bytes())
    assert covered == {(kind, path) for kind in FOLDERS for path in prose_fields(kind)}
    assert any("comment-in-text" in line for line in check(root))  # the plain ones, as written

    code, _, err = run_fmt(root, capsys)
    assert (code, err) == (0, "")
    assert check(root) == []
    for target, (kind, data, comments) in written.items():
        text = target.read_text(encoding="utf-8")
        assert {line[line.index("# note") :] for line in text.splitlines() if "# note" in line} == comments
        assert_same_values(kind, data, loaded(text, kind))
        assert fmt.format_text(text, kind) == text


# --- the command ---------------------------------------------------------------------------------


def test_fmt_rewrites_what_is_not_canonical_and_says_which(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path, events={EVENT_ID: MESSY_EVENT})
    code, out, err = run_fmt(root, capsys)
    assert (code, err) == (0, "")
    assert out == [
        "events/2022-12-29-belarus-downs-s300.yaml: formatted",
        "actors/alexander-lukashenko.yaml: formatted",
        "actors/belarus.yaml: formatted",
        "places/belarus.yaml: formatted",
        "places/minsk.yaml: formatted",
        "seeds/report.yaml: formatted",
        "fmt: 6 files formatted, 0 already canonical",
    ]
    assert (root / EV).read_text(encoding="utf-8") == CANONICAL_EVENT
    assert (root / "actors/belarus.yaml").read_text(
        encoding="utf-8"
    ) == f"{ACTOR_LINE}\nid: belarus\nname: Belarus\nkind: state\n"
    assert sorted(p.name for p in (root / "events").iterdir()) == [f"{EVENT_ID}.yaml"]  # no temporary file left
    # Belarus, the place, is in use through Minsk, which is within it.
    assert [line.split(": ")[1] for line in check(root)] == ["warning[unused-actor]"]
    before = snapshot(root)
    assert run_fmt(root, capsys) == (0, ["fmt: 0 files formatted, 6 already canonical"], "")
    assert snapshot(root) == before
    (root / EV).write_text(MESSY_EVENT, encoding="utf-8")
    assert run_fmt(root, capsys)[1][-1] == "fmt: 1 file formatted, 5 already canonical"


def test_fmt_check_lists_what_is_not_canonical_changes_nothing_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path)
    main(["--root", str(root), "fmt"])
    (root / "places/minsk.yaml").write_text("kind: city\nid: minsk\nname: Minsk\nwithin: belarus\n", encoding="utf-8")
    (root / "actors/belarus.yaml").write_text(
        f"{ACTOR_LINE}\nid: belarus\nname: 'Belarus'\nkind: state\n", encoding="utf-8"
    )
    capsys.readouterr()
    before = snapshot(root)
    code, out, err = run_fmt(root, capsys, "--check")
    assert (code, err) == (1, "")
    assert out == [
        "actors/belarus.yaml: not in canonical form (run python build.py fmt)",
        "places/minsk.yaml: not in canonical form (run python build.py fmt)",
        "fmt: 2 of 6 files not in canonical form",
    ]
    assert snapshot(root) == before


def test_fmt_check_exits_0_when_everything_is_canonical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path)
    main(["--root", str(root), "fmt"])
    capsys.readouterr()
    assert run_fmt(root, capsys, "--check") == (0, ["fmt: all 6 files in canonical form"], "")


BROKEN = {
    "syntax": ("title: [\n", "events/syntax.yaml:2:1: error[yaml-syntax]"),
    "alias": ("id: a\ntitle: &t T\nsummary: *t\n", "events/alias.yaml:2:8: error[yaml-anchor]"),
    "tag": ("id: a\ntitle: !!str T\n", "events/tag.yaml:2:8: error[yaml-tag]"),
    "duplicate": ("id: a\nid: b\n", "events/duplicate.yaml:2:1: error[duplicate-key]"),
}


def test_broken_files_are_reported_and_left_alone_while_the_others_are_formatted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, events={name: text for name, (text, _) in BROKEN.items()})
    broken_before = {name: (root / f"events/{name}.yaml").read_bytes() for name in BROKEN}
    code, out, err = run_fmt(root, capsys)
    assert (code, err) == (1, "")
    for _, start in BROKEN.values():
        assert any(line.startswith(start) for line in out), start
    assert f"{EV}: formatted" in out
    assert out[-2:] == [
        "fmt: 4 of 10 files could not be read as data; left as they are",
        "fmt: 6 files formatted, 0 already canonical",
    ]
    assert {name: (root / f"events/{name}.yaml").read_bytes() for name in BROKEN} == broken_before
    code, out, _ = run_fmt(root, capsys, "--check")
    assert code == 1
    assert not [line for line in out if "not in canonical form" in line]


def test_a_file_that_is_not_a_mapping_is_reported_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, actors={"list": "- a\n- b\n"})
    code, out, _ = run_fmt(root, capsys, "--check")
    assert code == 1
    assert "actors/list.yaml: the file must hold a mapping of fields, found a list" in out
    assert (root / "actors/list.yaml").read_text(encoding="utf-8") == "- a\n- b\n"


def test_fmt_takes_only_the_files_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path)
    monkeypatch.chdir(root)
    code, out, _ = run_fmt(root, capsys, "--check", "places/minsk.yaml", str(root / "actors/belarus.yaml"))
    assert code == 1
    assert out == [
        "places/minsk.yaml: not in canonical form (run python build.py fmt)",
        "actors/belarus.yaml: not in canonical form (run python build.py fmt)",
        "fmt: 2 of 2 files not in canonical form",
    ]
    code, out, err = run_fmt(root, capsys, "seeds/report.txt")
    assert (code, out) == (2, [])
    assert err == (
        "build.py fmt: error: 'seeds/report.txt' is not a data file (ID.yaml in events/, actors/, places/, seeds/)\n"
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symbolic_link_is_reported_and_not_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path)
    (root / "actors/alias.yaml").symlink_to(root / "actors/belarus.yaml")
    code, out, _ = run_fmt(root, capsys)
    assert code == 1
    assert "actors/alias.yaml: left as it is: symbolic links are not followed" in out
    assert (root / "actors/alias.yaml").is_symlink()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_linked_data_folder_is_reported_and_its_files_left_as_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The checker refuses a data folder that is a symbolic link: fmt must not rewrite what it holds.
    root = make_project(tmp_path / "p")
    elsewhere = tmp_path / "elsewhere"
    (root / "actors").rename(elsewhere)
    (root / "actors").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "belarus.yaml").write_text("id: belarus\n\n\nname: Belarus\nkind: state\n", "utf-8")
    before = (elsewhere / "belarus.yaml").read_bytes()
    code, out, _ = run_fmt(root, capsys)
    assert code == 1
    assert "actors/: left as it is: symbolic links are not followed" in out
    assert (elsewhere / "belarus.yaml").read_bytes() == before


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path)
    before = snapshot(root)

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    assert main(["--root", str(root), "fmt"]) == 130
    assert snapshot(root) == before


def test_fmt_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    fmt.write_atomically(path, "new\n")
    assert (path.read_text(encoding="utf-8"), path.stat().st_mode & 0o777) == ("new\n", 0o640)


@settings(max_examples=300)
@given(st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60))
def test_any_markdown_text_keeps_its_words_and_sentences(value: str) -> None:
    source = f"{HEAD}description: {dumped(value)}\n"
    if parse_yaml(source, "x.yaml", Collector()) is None:
        return
    text = fmt.format_text(source, "actor")
    assert_same_values("actor", loaded(source, "actor"), loaded(text, "actor"))
    assert fmt.format_text(text, "actor") == text


def test_a_tab_the_loader_refuses_is_located_and_the_other_files_formatted(
    yaml_parser: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tabbed = edit(CANONICAL_EVENT, "  - minsk\n", "  - minsk\t\n")
    root = make_project(tmp_path, events={"tabbed": tabbed, EVENT_ID: MESSY_EVENT})
    code, out, err = run_fmt(root, capsys)
    assert (code, err) == (1, "")
    tab_line = tabbed.split("\n").index("  - minsk\t") + 1
    assert f"events/tabbed.yaml:{tab_line}:10: error[yaml-syntax]: found a tab where YAML needs a space" in "\n".join(
        out
    )
    assert f"{EV}: formatted" in out and "places/minsk.yaml: formatted" in out
    assert out[-2:] == [
        "fmt: 1 of 7 files could not be read as data; left as they are",
        "fmt: 6 files formatted, 0 already canonical",
    ]
    assert (root / "events/tabbed.yaml").read_text(encoding="utf-8") == tabbed


def test_a_yaml_error_in_reading_the_layout_is_located_and_the_other_files_formatted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = fmt._scan

    def refusing(text: str) -> Any:
        if "Belarus says" in text:  # the event only
            raise yaml.scanner.ScannerError(problem="found something", problem_mark=yaml.Mark("", 0, 21, 13, "", 0))
        return scan(text)

    monkeypatch.setattr(fmt, "_scan", refusing)
    root = make_project(tmp_path, events={EVENT_ID: MESSY_EVENT})
    code, out, err = run_fmt(root, capsys)
    assert (code, err) == (1, "")
    assert out[0] == f"{EV}:22:14: error[yaml-syntax]: found something; left as it is"
    assert "places/minsk.yaml: formatted" in out
    assert out[-2:] == [
        "fmt: 1 of 6 files could not be read as data; left as they are",
        "fmt: 5 files formatted, 0 already canonical",
    ]


def test_an_editor_s_lock_and_a_hidden_copy_are_not_formatted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, files={f"events/.copy-{EVENT_ID}.yaml": MESSY_EVENT})
    main(["--root", str(root), "fmt"])
    capsys.readouterr()
    (root / f"events/.#{EVENT_ID}.yaml").symlink_to("user@host.1234:1700000000")  # Emacs's lock
    assert run_fmt(root, capsys, "--check") == (0, ["fmt: all 6 files in canonical form"], "")
    assert (root / f"events/.copy-{EVENT_ID}.yaml").read_text(encoding="utf-8") == MESSY_EVENT


def test_a_file_name_that_is_not_utf8_is_reported_and_the_others_formatted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path, events={EVENT_ID: MESSY_EVENT})
    with open(os.path.join(os.fsencode(root / "events"), b"caf\xe9.yaml"), "w", encoding="utf-8") as handle:
        handle.write(MESSY_EVENT)
    code, out, err = run_fmt(root, capsys)
    assert (code, err) == (1, "")
    assert "\nevents/caf\\xe9.yaml:1:1: error[unexpected-file]: the file's name is not UTF-8" in "\n".join(out)
    assert f"{EV}: formatted" in out
    assert out[-2:] == [
        "fmt: 1 of 7 files could not be read as data; left as they are",
        "fmt: 6 files formatted, 0 already canonical",
    ]
