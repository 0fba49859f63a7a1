"""The strict YAML loader: plain data with the position of every value, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronology.diagnostics import Collector, Diagnostic
from chronology.load import MAX_DATA_BYTES, Document, load_plain, load_yaml, parse_yaml, read_text, resolve_plain


def parse(text: str) -> tuple[Document | None, list[str]]:
    diagnostics = Collector()
    document = parse_yaml(text, "x.yaml", diagnostics)
    return document, [d.text() for d in diagnostics.items]


def test_plain_data_with_positions() -> None:
    document, lines = parse("id: a\nlist:\n  - one\n  - {k: 2}\n")
    assert lines == []
    assert document is not None
    assert document.data == {"id": "a", "list": ["one", {"k": 2}]}
    assert document.position(("id",)) == (1, 5)
    assert document.key_position(("id",)) == (1, 1)
    assert document.position(("list",)) == (3, 3)
    assert document.position(("list", 0)) == (3, 5)
    assert document.position(("list", 1, "k")) == (4, 9)
    assert document.key_position(("list", 1, "k")) == (4, 6)


def test_position_of_a_missing_value_is_its_nearest_parent() -> None:
    document, _ = parse("a:\n  b: 1\n")
    assert document is not None
    assert document.position(("a", "c", 3)) == document.position(("a",)) == (2, 3)
    assert document.position(()) == (1, 1)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("false", False),
        ("True", True),
        ("null", None),
        ("~", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("-.inf", float("-inf")),
        # YAML 1.1 would type these; YAML 1.2 (and this loader) read them as text
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("2022-12-29", "2022-12-29"),
        ("12:30", "12:30"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("0777", 777),
        ("=", "="),
    ],
)
def test_plain_scalars_follow_yaml_1_2(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_a_huge_integer_is_not_a_crash() -> None:
    assert resolve_plain("9" * 5000) == float("inf")


def test_nan_is_a_float() -> None:
    value = resolve_plain(".nan")
    assert isinstance(value, float) and value != value


def test_typed_plain_scalars_keep_the_text_written() -> None:
    document, _ = parse("a: no\nb: 1e3\nc: 'quoted 1'\nd: 2022\ne: [on, 7]\n")
    assert document is not None
    assert document.data == {"a": "no", "b": 1000.0, "c": "quoted 1", "d": 2022, "e": ["on", 7]}
    assert document.plain_texts == {("b",): "1e3", ("d",): "2022", ("e", 1): "7"}


def test_quoted_scalars_are_always_text() -> None:
    document, _ = parse("a: 'true'\nb: \"12\"\nc: 'null'\n")
    assert document is not None
    assert document.data == {"a": "true", "b": "12", "c": "null"}


def test_a_quoted_merge_key_is_an_ordinary_key() -> None:
    document, lines = parse("'<<': x\n")
    assert lines == []
    assert document is not None and document.data == {"<<": "x"}


def test_anchors_and_tags_are_all_reported_at_once() -> None:
    document, lines = parse("a: &x 1\nb: !!str 2\nc: !foo 3\n")
    assert document is None
    assert lines == [
        "x.yaml:1:4: error[yaml-anchor]: anchor '&x' refused: data files may not define anchors "
        "(write the value out in full)",
        "x.yaml:2:4: error[yaml-tag]: tag '!!str' refused: data files may not carry tags "
        "(remove the tag; quote the value if it must be text)",
        "x.yaml:3:4: error[yaml-tag]: tag '!foo' refused: data files may not carry tags "
        "(remove the tag; quote the value if it must be text)",
    ]


def test_an_alias_is_never_expanded() -> None:
    # A billion laughs: each alias would multiply the data tenfold.
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    document, lines = parse(text)
    assert document is None
    assert lines == [
        "x.yaml:1:4: error[yaml-anchor]: anchor '&a' refused: data files may not define anchors "
        "(write the value out in full)",
        "x.yaml:2:4: error[yaml-anchor]: anchor '&b' refused: data files may not define anchors "
        "(write the value out in full)",
        "x.yaml:2:8: error[yaml-alias]: alias '*a' refused: data files may not refer to other nodes "
        "(write the value out in full)",
    ]


def test_a_complex_key_is_refused() -> None:
    document, lines = parse("? {a: b}\n: c\n")
    assert document is None
    assert lines == ["x.yaml:1:3: error[yaml-key]: a key must be a plain word, not a list or a mapping"]


def test_nesting_up_to_the_limit_is_fine_and_beyond_it_refused() -> None:
    document, lines = parse("a: " + "[" * 31 + "]" * 31 + "\n")
    assert lines == [] and document is not None
    document, lines = parse("a: " + "[" * 32 + "]" * 32 + "\n")
    assert document is None
    assert lines == ["x.yaml:1:35: error[yaml-too-deep]: the data is nested more than 32 levels deep"]


def test_very_deep_nesting_stops_early() -> None:
    document, lines = parse("[" * 100_000)
    assert document is None
    assert lines == ["x.yaml:1:33: error[yaml-too-deep]: the data is nested more than 32 levels deep"]


def test_an_explicit_document_start_and_end_are_one_document() -> None:
    document, lines = parse("---\na: 1\n...\n")
    assert lines == [] and document is not None and document.data == {"a": 1}


def test_a_second_document_is_refused() -> None:
    document, lines = parse("a: 1\n---\na: 2\n")
    assert document is None
    assert lines == [
        "x.yaml:2:1: error[multiple-documents]: the file holds more than one YAML document "
        "(keep one event, actor or place per file)"
    ]


def test_duplicate_keys_are_all_reported() -> None:
    document, lines = parse("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\n")
    assert document is None
    assert lines == [
        "x.yaml:3:1: error[duplicate-key]: key 'a' appears twice in this mapping (first at line 1; keep one)",
        "x.yaml:6:3: error[duplicate-key]: key 'd' appears twice in this mapping (first at line 5; keep one)",
    ]


def test_the_same_key_in_different_mappings_is_fine() -> None:
    document, lines = parse("a:\n  k: 1\nb:\n  k: 2\nc: [{k: 1}, {k: 2}]\n")
    assert lines == [] and document is not None


def read(tmp_path: Path, content: bytes) -> tuple[str | None, list[str]]:
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    diagnostics = Collector()
    return read_text(path, "x.yaml", diagnostics), [d.text() for d in diagnostics.items]


def test_read_text_drops_a_byte_order_mark(tmp_path: Path) -> None:
    assert read(tmp_path, b"\xef\xbb\xbfa: 1\n") == ("a: 1\n", [])


def test_read_text_locates_bad_utf8_in_characters(tmp_path: Path) -> None:
    text, lines = read(tmp_path, "a: 1\nb: жж".encode() + b"\xff")
    assert text is None
    assert lines == [
        "x.yaml:2:6: error[encoding]: the file is not valid UTF-8: byte 0xff is not part of any "
        "character (save the file as UTF-8)"
    ]


def test_read_text_refuses_utf16(tmp_path: Path) -> None:
    text, lines = read(tmp_path, "a: 1\n".encode("utf-16"))
    assert text is None
    assert lines == [
        "x.yaml:1:1: error[encoding]: the file is not valid UTF-8: byte 0xff is not part of any "
        "character (save the file as UTF-8)"
    ]


def test_read_text_refuses_an_empty_file(tmp_path: Path) -> None:
    assert read(tmp_path, b" \n\t\n") == (None, ["x.yaml:1:1: error[empty-file]: the file is empty"])


def test_read_text_refuses_a_large_file_without_reading_it(tmp_path: Path) -> None:
    text, lines = read(tmp_path, b"#" * (MAX_DATA_BYTES + 1))
    assert text is None
    assert lines == ["x.yaml:1:1: error[file-too-large]: the file is 1,000,001 bytes; the limit is 1,000,000"]
    assert read(tmp_path, b"#" * MAX_DATA_BYTES)[1] == []


def test_read_text_reports_an_unreadable_file(tmp_path: Path) -> None:
    diagnostics = Collector()
    assert read_text(tmp_path / "missing.yaml", "missing.yaml", diagnostics) is None
    assert [d.rule for d in diagnostics.items] == ["unreadable-file"]
    assert diagnostics.items[0].text().startswith("missing.yaml:1:1: error[unreadable-file]: cannot read the file: ")


def test_load_yaml_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("# yaml-language-server: $schema=x\nid: x\n", encoding="utf-8")
    document = load_yaml(path, "x.yaml", Collector())
    assert document is not None
    assert document.data == {"id": "x"}
    assert document.position(("id",)) == (2, 5)


def syntax_error(written: str, line: int, column: int) -> Diagnostic:
    """The one syntax error ``written`` has, found at ``line`` and ``column``."""
    diagnostics = Collector()
    assert parse_yaml(written, "events/x.yaml", diagnostics) is None
    [found] = diagnostics.items
    assert (found.rule, found.line, found.column) == ("yaml-syntax", line, column)
    return found


@pytest.mark.parametrize(
    ("written", "line", "column", "words"),
    [
        ("id: reuters\nname:\u00a0Reuters\nkind: organisation\n", 2, 6, "a no-break space (U+00A0)"),
        ("id: reuters\nname: Reuters\naliases:\n  -\u00a0name: R\n    lang: en\n", 4, 4, "a no-break space (U+00A0)"),
        ("id: reuters\nname: Reuters\nkind:\u202forganisation\nx: 1\n", 3, 6, "a narrow no-break space (U+202F)"),
    ],
)
def test_a_space_yaml_does_not_read_as_one_is_named_where_it_is(
    written: str, line: int, column: int, words: str
) -> None:
    # Invisible in an editor, it turns a field into text that runs on: the error YAML finds is on
    # a later line, and names nothing.
    found = syntax_error(written, line, column)
    assert found.message.endswith(f"; the space at line {line}, column {column} is {words}, not an ordinary one")
    assert found.hint == "type an ordinary space there (a no-break space often comes with text pasted from a web page)"


def test_a_no_break_space_in_a_value_s_own_text_is_the_text_s() -> None:
    diagnostics = Collector()
    document = parse_yaml(
        "id: reuters\nname: Reuters\u00a0News - the\u00a0agency\n", "actors/reuters.yaml", diagnostics
    )
    assert document is not None and diagnostics.items == []
    assert document.data["name"] == "Reuters\u00a0News - the\u00a0agency"


@pytest.mark.parametrize(
    ("written", "line", "column", "ran_to"),
    [
        ('id: x\ntitle: "A title\ndate: \'2022-12-29\'\nsummary: A "quoted" word.\n', 2, 8, "line 4, column 13"),
        ("id: x\ndate: '2022-12-29\nsummary: It's a summary.\ntags:\n  - one\n", 2, 7, "line 3, column 13"),
    ],
)
def test_a_quote_left_open_is_found_where_it_opened(written: str, line: int, column: int, ran_to: str) -> None:
    # YAML reads a quoted value on over the lines until it stumbles on what follows, lines below:
    # the fix is where the quote opened.
    found = syntax_error(written, line, column)
    assert found.message.startswith(f"this quote is not closed on its line, so the value ran on to {ran_to}: ")
    assert found.hint == "close the quote at the end of the value"


#: A tab where LibYAML takes it for a space and PyYAML's own parser does not, in each place a
#: contributor's editor may leave one: (text, line and column of the tab).
TABS = {
    "after a value": ("id: a\nlist:\n  - b\t\n", 3, 6),
    "after a key's colon": ("id:\ta\n", 1, 4),
    "before a comment": ("id: a\t# the id\n", 1, 6),
    "inside a plain value": ("id: a\ntitle: Tab\ttest\n", 2, 11),
    "in a flow list": ("id: a\nlist: [b,\tc]\n", 2, 10),
    "before a key's colon": ("id\t: a\n", 1, 3),
    "indentation": ("id: a\nlist:\n\t- b\n", 3, 1),
}


@pytest.mark.parametrize(("text", "line", "column"), TABS.values(), ids=TABS.keys())
def test_a_tab_outside_quotes_is_refused_where_it_is_with_or_without_libyaml(
    yaml_parser: str, text: str, line: int, column: int
) -> None:
    document, lines = parse(text)
    assert document is None
    assert lines == [
        f"x.yaml:{line}:{column}: error[yaml-syntax]: found a tab where YAML needs a space (type spaces instead, "
        "or delete it at the end of a line: YAML reads a tab only in quotes or a text block)"
    ]
    assert load_plain(text) is None  # the quick reading leaves it to parse_yaml


@pytest.mark.parametrize("text", ['title: "Tab\tin quotes"\n', "summary: |\n  A tab\tin a block.\n"])
def test_a_tab_inside_quotes_or_a_text_block_is_text_with_or_without_libyaml(yaml_parser: str, text: str) -> None:
    document, lines = parse(text)
    assert lines == []
    assert document is not None and "\t" in next(iter(document.data.values()))
