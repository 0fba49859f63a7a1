"""The checker, rule by rule: each test writes a tiny chronology with one thing wrong and asserts the
exact lines a contributor would read (``path:line:column: severity[rule]: message (hint)``).

The default chronology is in conftest.py; ``EVENT``'s line numbers are listed there.
"""

# ruff: noqa: RUF001  (typographic quote marks and dashes are what these tests are about)

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import pytest

from chronology.diagnostics import Diagnostic
from chronology.links import link_types
from chronology.model import STATEMENT_LINKS
from tests.conftest import (
    BELARUS_ACTOR,
    BELARUS_PLACE,
    EVENT,
    EVENT_ID,
    KYIV_PLACE,
    LUKASHENKO_ACTOR,
    MINSK_PLACE,
    REPORT_TXT,
    REPORT_YAML,
    check,
    edit,
    make_project,
    run,
)

EV = f"events/{EVENT_ID}.yaml"
QUOTE_1 = "Belarus said on 29 December 2022 that it had shot down a Ukrainian S-300 missile near Minsk."
QUOTE_2 = "there was “absolutely nothing to worry about”"
TITLE = "title: Belarus says it shot down a Ukrainian S-300"
DATE = "date: '2022-12-29'"
ACTORS = "actors:\n  - ref: belarus\n    role: claimant\n  - ref: alexander-lukashenko\n    role: speaker\n"


def check_event(tmp_path: Path, text: str | bytes) -> list[str]:
    """The diagnostics for the tiny chronology with its event replaced by ``text``."""
    return check(make_project(tmp_path, events={EVENT_ID: text}))


def test_the_tiny_chronology_is_valid(project: Path) -> None:
    result = run(project)
    assert [d.text() for d in result.diagnostics] == []
    assert result.chronology is not None
    assert result.counts == {"event": 1, "actor": 2, "place": 2, "seed": 1}
    assert [e.id for e in result.chronology.events] == [EVENT_ID]


# --- the YAML itself ---------------------------------------------------------------------------------


def test_yaml_syntax(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "title: Belarus", "title: [Belarus")) == [
        f"{EV}:3:5: error[yaml-syntax]: expected ',' or ']', but got ':', reading the list in [ ] that starts at line 2"
    ]


def test_yaml_syntax_tab_indentation(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "  - ref: belarus\n", "\t- ref: belarus\n")) == [
        f"{EV}:6:1: error[yaml-syntax]: found a tab where YAML needs a space "
        "(type spaces instead, or delete it at the end of a line: YAML reads a tab only in quotes or a text block)"
    ]


def test_yaml_syntax_colon_in_an_unquoted_value(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, TITLE, TITLE + ": a claim")) == [
        f"{EV}:2:51: error[yaml-syntax]: mapping values are not allowed here "
        "(check the indentation, and quote a value that contains ': ')"
    ]


@pytest.mark.parametrize(
    ("old", "new", "at", "found", "lines"),
    [
        # An item one space deeper than the next: YAML stumbles on the next, which is in step.
        ("places:\n  - minsk\n", "places:\n   - minsk\n", "12:3", "a list", (11, 4, 3)),
        # A field one space deeper than the one before it, in an item of a list.
        ("    role: claimant\n", "     role: claimant\n", "7:10", None, (6, 5, 6)),
        ("    role: claimant\n", "   role: claimant\n", "7:4", "a field", (6, 5, 4)),
    ],
)
def test_yaml_syntax_indentation_names_the_line_before_and_both_columns(
    tmp_path: Path, old: str, new: str, at: str, found: str | None, lines: tuple[int, int, int]
) -> None:
    """YAML finds an indentation fault where it stumbles, on the line out of step or on the one
    after it: the hint names the line before too, and the column each starts in."""
    [line] = check_event(tmp_path, edit(EVENT, old, new))
    number, there, here = lines
    assert line.startswith(f"{EV}:{at}: error[yaml-syntax]: ")
    if found:
        assert f"but found {found} at this indentation" in line
    what = "the items of one list" if found == "a list" else "the fields of one mapping"
    assert line.endswith(
        f"(check the indentation of this line and of line {number} before it: {what} start in the same column, "
        f"but line {number}'s starts in column {there} and this line's in column {here})"
    )


def test_an_indentation_hint_names_the_mapping_around_a_field_set_back_towards_it(tmp_path: Path) -> None:
    """'places' one space in after an actor's 'role': it is the event's field, set back too little,
    not the actor's: the hint says where the event's fields start as well as where 'role' does."""
    text = edit(EVENT, "places:\n", " places:\n")
    [line] = check_event(tmp_path, text)
    assert line.endswith(
        "or, if this field belongs to the mapping around them, whose fields start in column 1, start it there)"
    ), line


def test_yaml_syntax_text_after_a_closing_quote(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, TITLE, "title: 'Belarus' says")) == [
        f"{EV}:2:18: error[yaml-syntax]: expected the end of the indented block, but found more text, "
        "reading the fields that start at line 1 "
        "(check the indentation; a quoted value cannot go on after its closing quote)"
    ]


def test_yaml_syntax_unclosed_quote(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, TITLE, 'title: "Belarus says')) == [
        f"{EV}:19:1: error[yaml-syntax]: found unexpected end of the file, "
        "reading the quoted text that starts at line 2 (close the quote)"
    ]


def test_yaml_syntax_control_character(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "Ukrainian S-300\n", "Ukrainian\x00 S-300\n")) == [
        f"{EV}:2:45: error[yaml-syntax]: the character U+0000 is not allowed in YAML "
        "(remove it; control characters cannot appear in a data file)"
    ]


def test_yaml_anchor(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "title: Belarus", "title: &t Belarus")) == [
        f"{EV}:2:8: error[yaml-anchor]: anchor '&t' refused: data files may not define anchors "
        "(write the value out in full)"
    ]


def test_yaml_alias(tmp_path: Path) -> None:
    text = edit(EVENT, "  - ref: belarus\n    role: claimant\n", "  - &b\n    ref: belarus\n    role: claimant\n")
    assert check_event(tmp_path, text + "related: *b\n") == [
        f"{EV}:6:5: error[yaml-anchor]: anchor '&b' refused: data files may not define anchors "
        "(write the value out in full)",
        f"{EV}:20:10: error[yaml-alias]: alias '*b' refused: data files may not refer to other nodes "
        "(write the value out in full)",
    ]


def test_yaml_merge_key(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "    role: claimant\n", "    role: claimant\n    <<: {x: 1}\n")) == [
        f"{EV}:8:5: error[yaml-merge-key]: merge key '<<' refused: data files may not merge mappings "
        "(write the keys out in full)"
    ]


@pytest.mark.parametrize(
    ("tagged", "tag", "column"),
    [
        ("!!python/object/apply:os.system ['true']", "!!python/object/apply:os.system", 8),
        ("!!str Belarus", "!!str", 8),
        ("!local Belarus", "!local", 8),
    ],
)
def test_yaml_tag(tmp_path: Path, tagged: str, tag: str, column: int) -> None:
    assert check_event(tmp_path, edit(EVENT, TITLE, f"title: {tagged}")) == [
        f"{EV}:2:{column}: error[yaml-tag]: tag '{tag}' refused: data files may not carry tags "
        "(remove the tag; quote the value if it must be text)"
    ]


def test_yaml_key_that_is_not_a_word(tmp_path: Path) -> None:
    assert check_event(tmp_path, EVENT + "[a, b]: c\n") == [
        f"{EV}:19:1: error[yaml-key]: a key must be a plain word, not a list or a mapping"
    ]


def test_yaml_too_deep(tmp_path: Path) -> None:
    assert check_event(tmp_path, EVENT + "tags: " + "[" * 40 + "]" * 40 + "\n") == [
        f"{EV}:19:38: error[yaml-too-deep]: the data is nested more than 32 levels deep"
    ]


def test_duplicate_key(tmp_path: Path) -> None:
    assert check_event(tmp_path, EVENT + "title: Again\n") == [
        f"{EV}:19:1: error[duplicate-key]: key 'title' appears twice in this mapping (first at line 2; keep one)"
    ]


def test_duplicate_key_in_a_nested_mapping(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "    role: claimant\n", "    role: claimant\n    ref: russia\n")) == [
        f"{EV}:8:5: error[duplicate-key]: key 'ref' appears twice in this mapping (first at line 6; keep one)"
    ]


def test_multiple_documents(tmp_path: Path) -> None:
    assert check_event(tmp_path, EVENT + "---\nid: another\n") == [
        f"{EV}:19:1: error[multiple-documents]: the file holds more than one YAML document "
        "(keep one event, actor or place per file)"
    ]


def test_encoding(tmp_path: Path) -> None:
    # Latin-1 'é' after a Cyrillic word: the column counts characters, as an editor shows them.
    text = edit(EVENT, TITLE, "title: Беларусь café").encode("utf-8").replace("é".encode(), b"\xe9")
    assert check_event(tmp_path, text) == [
        f"{EV}:2:20: error[encoding]: the file is not valid UTF-8: byte 0xe9 is not part of any character "
        "(save the file as UTF-8)"
    ]


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    assert check(make_project(tmp_path, events={EVENT_ID: "\ufeff" + EVENT})) == []


@pytest.mark.parametrize("content", ["", "\n  \n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    message = "the file holds no YAML document, only comments" if content.strip() else "the file is empty"
    assert check_event(tmp_path, content) == [f"{EV}:1:1: error[empty-file]: {message}"]


def test_file_too_large(tmp_path: Path) -> None:
    text = EVENT + "# " + "x" * 1_000_000 + "\n"
    size = len(text.encode("utf-8"))
    assert check_event(tmp_path, text) == [
        f"{EV}:1:1: error[file-too-large]: the file is {size:,} bytes; the limit is 1,000,000"
    ]


def test_unexpected_files(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        files={"events/notes.txt": "to do", "events/other.yml": "id: other\n", "places/more/x.yaml": "id: x\n"},
    )
    assert check(root) == [
        "events/notes.txt:1:1: error[unexpected-file]: 'notes.txt' is not a data file, so it would be ignored "
        "(files in events/ are named ID.yaml)",
        "events/other.yml:1:1: error[unexpected-file]: 'other.yml' is not a data file, so it would be ignored "
        "(files in events/ are named ID.yaml)",
        "places/more:1:1: error[unexpected-file]: folders are not read inside places/ "
        "(put the files directly in places/)",
    ]


#: What editors keep beside a file they edit, by the name of the file edited: (name, a symbolic link).
EDITOR_FILES = [
    (".#{}", True),  # Emacs's lock: a link to nowhere
    ("#{}#", False),  # Emacs's auto-save
    ("{}~", False),  # a backup
    (".{}.swp", False),  # Vim's swap file, and the next ones
    (".{}.swo", False),
    (".{}.swx", False),  # Vim's test of the folder
    (".{}.kate-swp", False),
    ("{}___jb_tmp___", False),
    ("{}___jb_old___", False),
]


@pytest.mark.parametrize(("pattern", "link"), EDITOR_FILES, ids=[p for p, _ in EDITOR_FILES])
def test_an_editor_s_files_beside_the_data_are_passed_by(tmp_path: Path, pattern: str, link: bool) -> None:
    root = make_project(tmp_path, files={"events/.DS_Store": b"\0", "places/Thumbs.db": b"\0"})
    for rel in (
        f"events/{EVENT_ID}.yaml",
        "actors/belarus.yaml",
        "places/minsk.yaml",
        "seeds/report.yaml",
        "seeds/report.txt",
    ):
        path = root / rel
        beside = path.with_name(pattern.format(path.name))
        if link:
            beside.symlink_to("user@host.1234:1700000000")
        else:
            beside.write_bytes(path.read_bytes())
    assert check(root) == []


def test_a_hidden_copy_of_a_data_file_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path, files={f"events/.{EVENT_ID}.yaml": EVENT, "seeds/.report.txt": "Text."})
    assert check(root) == [
        f"events/.{EVENT_ID}.yaml:1:1: error[unexpected-file]: '.{EVENT_ID}.yaml' is not a data file, so it would "
        "be ignored (files in events/ are named ID.yaml)",
        "seeds/.report.txt:1:1: error[unexpected-file]: '.report.txt' is not a data file, so it would be ignored "
        "(files in seeds/ are named ID.yaml and ID.txt)",
    ]


def test_readme_and_gitkeep_are_allowed(tmp_path: Path) -> None:
    assert check(make_project(tmp_path, files={"events/README.md": "# Events", "places/.gitkeep": ""})) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_record_that_is_a_symbolic_link_is_refused_and_no_reference_to_it_is_unknown(tmp_path: Path) -> None:
    # The event names alexander-lukashenko: the file is there, only not followed, so 'add
    # actors/alexander-lukashenko.yaml' would send the contributor after a file that exists.
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "lukashenko.yaml").write_text(LUKASHENKO_ACTOR, encoding="utf-8")
    root = make_project(tmp_path / "project")
    actor = root / "actors" / "alexander-lukashenko.yaml"
    actor.unlink()
    actor.symlink_to(outside / "lukashenko.yaml")
    assert check(root) == [
        "actors/alexander-lukashenko.yaml:1:1: error[unexpected-file]: symbolic links are not followed "
        "(put the file itself here)",
    ]


def test_symbolic_links_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "kyiv.yaml").write_text(
        KYIV_PLACE,
        encoding="utf-8",
    )
    (outside / "report.txt").write_text(REPORT_TXT, encoding="utf-8")
    root = make_project(tmp_path / "project", texts={"report": None})
    (root / "places" / "kyiv.yaml").symlink_to(outside / "kyiv.yaml")
    (root / "seeds" / "report.txt").symlink_to(outside / "report.txt")
    assert check(root) == [
        "places/kyiv.yaml:1:1: error[unexpected-file]: symbolic links are not followed (put the file itself here)",
        "seeds/report.txt:1:1: error[unexpected-file]: symbolic links are not followed (put the file itself here)",
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_data_folder_that_is_a_symbolic_link_is_not_read(tmp_path: Path) -> None:
    outside = make_project(tmp_path / "outside")
    root = make_project(tmp_path / "project")
    for path in (root / "places").iterdir():
        path.unlink()
    (root / "places").rmdir()
    (root / "places").symlink_to(outside / "places")
    assert check(root) == [
        f"{EV}:11:5: error[unknown-reference]: no place 'minsk' in places/ "
        "(add places/minsk.yaml, or use an existing id)",
        f"{EV}:12:5: error[unknown-reference]: no place 'belarus' in places/ "
        "(there is an actor 'belarus' (actors/), but no place; add places/belarus.yaml, or use an existing id)",
        "places:1:1: error[unexpected-file]: symbolic links are not followed "
        "(make places/ a real folder inside the project)",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("rel", ["events/pipe.yaml", "seeds/report.txt"])
def test_a_named_pipe_is_refused_not_read(tmp_path: Path, rel: str) -> None:
    root = make_project(tmp_path)
    (root / rel).unlink(missing_ok=True)
    os.mkfifo(root / rel)  # reading it would wait for a writer for ever
    found: list[list[str]] = []
    worker = threading.Thread(target=lambda: found.append(check(root)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "the checker is waiting on the pipe"
    assert found == [[f"{rel}:1:1: error[unexpected-file]: this is not a regular file (put the file itself here)"]]


def test_missing_metadata(tmp_path: Path) -> None:
    assert check(make_project(tmp_path, texts={"other": "Another report."})) == [
        "seeds/other.txt:1:1: error[missing-metadata]: the source 'other' has no metadata file "
        "(add seeds/other.yaml, e.g. with 'python build.py new source')"
    ]


def test_missing_source_text(tmp_path: Path) -> None:
    assert check(make_project(tmp_path, texts={"report": None})) == [
        "seeds/report.yaml:1:1: error[missing-source-text]: the source text seeds/report.txt is missing "
        "(save the document, verbatim, beside its metadata)"
    ]


def test_source_text_that_is_not_utf8(tmp_path: Path) -> None:
    assert check(make_project(tmp_path, texts={"report": b"Belarus \xff said"})) == [
        "seeds/report.txt:1:9: error[encoding]: the file is not valid UTF-8: byte 0xff is not part of any "
        "character (save the file as UTF-8)"
    ]


# --- YAML 1.1 surprises: what is written is what is read ------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["no", "on", "off", "yes", "y", "2022-12-29", "1e3", "12:30", "0x1F", ".inf", "true", "0777", "1_000", "-.5"],
)
def test_plain_words_are_read_as_the_text_written(tmp_path: Path, written: str) -> None:
    result = run(make_project(tmp_path, events={EVENT_ID: edit(EVENT, TITLE, f"title: {written}")}))
    assert [d.text() for d in result.diagnostics] == []
    assert result.chronology is not None
    assert result.chronology.events[0].title == written


def test_an_id_written_as_a_date_or_number_is_the_text_written(tmp_path: Path) -> None:
    events = {
        EVENT_ID: None,
        "2022-12-29": edit(EVENT, f"id: {EVENT_ID}", "id: 2022-12-29"),
        "2022": edit(EVENT, f"id: {EVENT_ID}", "id: 2022").replace(QUOTE_2, "there was"),
        "no": edit(EVENT, f"id: {EVENT_ID}", "id: no").replace(QUOTE_2, "for now"),
    }
    result = run(make_project(tmp_path, events=events))
    assert [d.text() for d in result.diagnostics] == []
    assert result.chronology is not None
    assert sorted(e.id for e in result.chronology.events) == ["2022", "2022-12-29", "no"]


def test_an_unquoted_date_is_read_as_its_text(tmp_path: Path) -> None:
    result = run(make_project(tmp_path, events={EVENT_ID: edit(EVENT, DATE, "date: 2022-12")}))
    assert [d.text() for d in result.diagnostics] == []
    assert result.chronology is not None
    assert result.chronology.events[0].date.text == "2022-12"


def test_null_is_still_nothing(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, TITLE, "title: null")) == [
        f"{EV}:2:8: error[missing-value]: 'title' has no value; it must be text "
        "(write a value after the colon, or remove the line if the field is optional)"
    ]


def test_a_number_where_a_number_is_wanted_stays_a_number(tmp_path: Path) -> None:
    minsk = edit(MINSK_PLACE, "lon: 27.56653", "lon: 27")
    result = run(make_project(tmp_path, places={"minsk": minsk}))
    assert result.chronology is not None
    coordinates = result.chronology.places["minsk"].coordinates
    assert coordinates is not None
    assert (coordinates.lat, coordinates.lon) == (53.9, 27)


# --- the schema ---------------------------------------------------------------------------------------


def test_unknown_field_with_did_you_mean(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "summary:", "sumary:")) == [
        f"{EV}:1:1: error[missing-field]: missing field 'summary' "
        "(What happened, in a few sentences, saying only what the sources say)",
        f"{EV}:4:1: error[unknown-field]: unknown field 'sumary' (did you mean 'summary'?)",
    ]


def test_unknown_field_lists_the_allowed_fields(tmp_path: Path) -> None:
    assert check_event(tmp_path, EVENT + "colour: red\n") == [
        f"{EV}:19:1: error[unknown-field]: unknown field 'colour' (allowed: id, title, date, time, timezone, "
        "date_basis, summary, actors, places, place_precision, tags, sources, figures, related)"
    ]


def test_a_field_of_another_kind_says_whose_it_is_not_a_far_spelling(tmp_path: Path) -> None:
    """'kind' is not 'id', nor 'aliases' 'places': each is a field of actors and places, and an event
    names those in fields of its own. The event's own fields are listed beside: 'description' on an
    event may be its 'summary' meant, not an actor's field."""
    fields = (
        "an event's own fields: id, title, date, time, timezone, date_basis, summary, actors, places, "
        "place_precision, tags, sources, figures, related"
    )
    text = (
        EVENT
        + "kind: event\naliases:\n  - name: X\n    lang: en\ncoordinates:\n  lat: 1\n  lon: 2\nurl: x\n"
        + "description: x\n"
    )
    assert check_event(tmp_path, text) == [
        f"{EV}:19:1: error[unknown-field]: unknown field 'kind' (a field of actors and places, not of events: it "
        "goes in an actor's or a place's own file; an event names its actors in 'actors' and its places in "
        f"'places'; {fields})",
        f"{EV}:20:1: error[unknown-field]: unknown field 'aliases' (a field of actors and places, not of events: "
        "it goes in an actor's or a place's own file; an event names its actors in 'actors' and its places in "
        f"'places'; {fields})",
        f"{EV}:23:1: error[unknown-field]: unknown field 'coordinates' (a field of places, not of events: it goes "
        f"in a place's own file; an event names its places in 'places'; {fields})",
        f"{EV}:26:1: error[unknown-field]: unknown field 'url' (a field of sources, not of events: it goes in a "
        f"source's own file; an event names its sources in 'sources'; {fields})",
        f"{EV}:27:1: error[unknown-field]: unknown field 'description' (a field of actors and places, not of "
        "events: it goes in an actor's or a place's own file; an event names its actors in 'actors' and its "
        f"places in 'places'; {fields})",
    ]
    # A place names no event: it is told whose field it is, and its own fields.
    minsk = MINSK_PLACE + "date_basis: x\ntitle: x\n"
    found = [line for line in check(make_project(tmp_path / "p", places={"minsk": minsk})) if "unknown" in line]
    assert [line[: line.index("; a place's own fields: id, name, ")] for line in found] == [
        "places/minsk.yaml:10:1: error[unknown-field]: unknown field 'date_basis' (a field of events, not of places: "
        "it goes in an event's own file",
        # A place names its sources in 'sources', but that is not where a 'title' goes: no clause.
        "places/minsk.yaml:11:1: error[unknown-field]: unknown field 'title' (a field of events and actors and "
        "sources, not of places: it goes in an event's or an actor's or a source's own file",
    ]


def test_no_far_spelling_is_offered_as_meant(tmp_path: Path) -> None:
    """Below ``schema.CLOSE`` a spelling is another word: 'caused-by' is not 'compared-to'."""
    text = EVENT + f"related:\n  - ref: {EVENT_ID}\n    type: caused-by\n"
    assert check_event(tmp_path, text) == [
        f"{EV}:21:11: error[invalid-value]: 'related[0].type' cannot be 'caused-by' (one of: "
        "precedes, follows, during, part-of, response-to, reports-on, comments-on, asserts, acknowledges, "
        "denies, disputes, contradicts, corroborates, compared-to, context)"
    ]


def test_another_form_of_a_word_is_offered_as_meant(tmp_path: Path) -> None:
    """Less alike than ``schema.CLOSE`` but a form of the same word ('deny', 'denies'), or a part of
    the name ('zone' of 'timezone', 'basis' of 'date_basis'): offered as meant."""
    text = EVENT + f"zone: Europe/Minsk\nbasis: x\nrelated:\n  - ref: {EVENT_ID}\n    type: deny\n"
    found = check_event(tmp_path, text)
    assert any("unknown field 'zone' (did you mean 'timezone'?)" in line for line in found), found
    assert any("unknown field 'basis' (did you mean 'date_basis'?)" in line for line in found), found
    assert any("cannot be 'deny' (did you mean 'denies'?" in line for line in found), found


def test_a_compound_word_or_a_field_the_file_has_is_not_offered_as_meant(tmp_path: Path) -> None:
    """'followed-by' is no form of 'follows' (it is its opposite), nor 'date_end' beside a 'date'
    the file has a 'date' meant; 'relays' on an event is a source's field, or 'related' misspelt."""
    text = EVENT + f"date_end: '2022-12-30'\nrelays: [x]\nrelated:\n  - ref: {EVENT_ID}\n    type: followed-by\n"
    found = check_event(tmp_path, text)
    assert [line for line in found if "did you mean" in line and "relays" not in line] == [], found
    assert any("unknown field 'date_end' (allowed: id, title, date," in line for line in found), found
    # With 'related' in the file, 'relays' is no 'related' meant; without it, it may be.
    assert any("unknown field 'relays' (a field of sources, not of events:" in line for line in found), found
    assert check_event(tmp_path / "without", EVENT + "relays: [x]\n") == [
        f"{EV}:19:1: error[unknown-field]: unknown field 'relays' (a field of sources, not of events: it goes in a "
        "source's own file; an event names its sources in 'sources'; or did you mean 'related'?)"
    ]


def test_a_link_written_as_the_site_shows_it_is_told_which_type_and_from_which_end(tmp_path: Path) -> None:
    """Every link type's words on the page of the event that declares it (``reads``) name the type;
    its words on the other event's page (``reads-back``) name the type to declare from that event,
    unless another type reads so from this one (Comes after: 'follows')."""
    reads = {link.reads: link.name for link in link_types().values()}
    for number, link in enumerate(link_types().values()):
        for words in {link.reads, link.reads_back}:
            text = EVENT + f"related:\n  - ref: {EVENT_ID}\n    type: {words}\n"
            [line] = check_event(tmp_path / f"{number}-{len(words)}", text)
            if words in reads:
                assert f"(did you mean '{reads[words]}'? ('{words}' is how the site shows it); one of: " in line
            else:
                assert (
                    f"('{words}' is how the site shows the other end of '{link.name}': declare it from the other "
                    f"event, with ref: {EVENT_ID} and type: {link.name}; one of: " in line
                )
    assert reads["Comes after"] == "follows"  # the back of 'precedes' reads as 'follows' does
    text = EVENT + f"related:\n  - ref: {EVENT_ID}\n    type: includes\n"
    assert "the other end of 'part-of': declare it from the other event" in check_event(tmp_path / "i", text)[0]


FIGURE = (
    "figures:\n  - counts: missiles-shot-down\n    what: missiles shot down\n    value: 1\n    seed: report\n"
    f"    voice: own\n    quote: {QUOTE_1}\n"
)


def test_an_item_under_the_wrong_list_is_told_once_where_it_goes(tmp_path: Path) -> None:
    """A link ('ref', 'type') appended under 'figures' is not a figure that lacks five fields and has
    two unknown: it is one error, naming the list whose items have its fields."""
    text = EVENT + FIGURE + f"  - ref: {EVENT_ID}\n    type: precedes\n"
    assert check_event(tmp_path, text) == [
        f"{EV}:26:5: error[misplaced-item]: 'figures[1]' has the fields of an item of 'related' (ref, type), "
        "not of 'figures' (move it under a new key, 'related:')"
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # an event's link among its actors: 'ref' is an actor's field too, 'type' is not
        (
            {
                "events": {
                    EVENT_ID: edit(EVENT, "    role: speaker\n", "    role: speaker\n  - ref: x\n    type: precedes\n")
                }
            },
            f"{EV}:10:5: error[misplaced-item]: 'actors[2]' has the fields of an item of 'related' (ref, type), "
            "not of 'actors' (move it under a new key, 'related:')",
        ),
        # an actor among the links, where the file has the list it belongs in
        (
            {"events": {EVENT_ID: EVENT + "related:\n  - ref: belarus\n    role: claimant\n"}},
            f"{EV}:20:5: error[misplaced-item]: 'related[0]' has the fields of an item of 'actors' (ref, role), "
            "not of 'related' (move it into the 'actors' list)",
        ),
        # a source among the figures, which a source's list would still want more of
        (
            {"events": {EVENT_ID: EVENT + "figures:\n  - seed: report\n    quotes:\n      - there was\n"}},
            f"{EV}:20:5: error[misplaced-item]: 'figures[0]' has the fields of an item of 'sources' (seed, quotes), "
            "not of 'figures' (move it into the 'sources' list; there it also needs 'voice')",
        ),
        # a place's name among its sources
        (
            {"places": {"minsk": MINSK_PLACE + "sources:\n  - name: Mensk\n    lang: be\n"}},
            "places/minsk.yaml:11:5: error[misplaced-item]: 'sources[0]' has the fields of an item of 'aliases' "
            "(name, lang), not of 'sources' (move it under a new key, 'aliases:')",
        ),
        # an actor's source among its names
        (
            {"actors": {"alexander-lukashenko": LUKASHENKO_ACTOR + "aliases:\n  - seed: report\n    quotes: [x]\n"}},
            "actors/alexander-lukashenko.yaml:7:5: error[misplaced-item]: 'aliases[0]' has the fields of an item of "
            "'sources' (seed, quotes), not of 'aliases' (move it under a new key, 'sources:')",
        ),
        # a lone 'ref' could be an actor or a link: both are named
        (
            {"events": {EVENT_ID: EVENT + "figures:\n  - ref: belarus\n"}},
            f"{EV}:20:5: error[misplaced-item]: 'figures[0]' has the fields of an item of 'actors' or 'related' "
            "(ref), not of 'figures' (move it under 'actors:' or 'related:', whichever it is)",
        ),
    ],
)
def test_an_item_of_any_list_under_another_is_told_where_it_goes(
    tmp_path: Path, files: dict[str, dict[str, str]], expected: str
) -> None:
    assert check(make_project(tmp_path, **files)) == [expected]


def test_an_item_with_a_retired_field_under_another_list_is_told_where_it_goes_and_that_the_field_is_retired(
    tmp_path: Path,
) -> None:
    """A citation in the format before 'voice' ('claimed_by'), appended under 'related': the retired
    field belongs to no list now, so the item is judged by its other fields, and still told."""
    text = EVENT + "related:\n  - seed: report\n    voice: own\n    quotes: [there was]\n    claimed_by: [belarus]\n"
    found = check_event(tmp_path, text)
    assert [line.split(": ", 2)[1] for line in found] == ["error[misplaced-item]", "error[replaced-field]"], found
    assert "'related[0]' has the fields of an item of 'sources' (seed, voice, quotes, claimed_by)" in found[0]
    # In the words of the list it belongs to, a citation's, not those of the link it is written as.
    assert found[1].endswith(
        "'claimed_by' is no longer a field (who a source says claims the event is now said in its citation: "
        "'voice: attributed' and 'attributed_to' with the actor ids)"
    ), found


def test_an_item_with_a_field_of_its_own_list_misspelt_is_not_told_to_move(tmp_path: Path) -> None:
    """Only an item every field of which is another list's is misplaced: a figure with 'quotes' for
    'quote' is a figure, told its field's spelling, though 'quotes' is a source's field."""
    found = check_event(tmp_path, EVENT + FIGURE.replace("    quote:", "    quotes:"))
    assert [line for line in found if "misplaced" in line or "move it" in line] == [], found
    assert any("unknown field 'quotes' in 'figures[0]' (did you mean 'quote'?)" in line for line in found), found


def test_unknown_field_in_a_nested_mapping(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "    role: claimant", "    rol: claimant")) == [
        f"{EV}:6:5: error[missing-field]: missing field 'role' in 'actors[0]' "
        "(The part the actor played, in a few lowercase words, e.g. claimant, attacker, target, speaker, reporter)",
        f"{EV}:7:5: error[unknown-field]: unknown field 'rol' in 'actors[0]' (did you mean 'role'?)",
    ]


def test_missing_field(tmp_path: Path) -> None:
    actor = "id: belarus\nname: Belarus\n"
    assert check(make_project(tmp_path, actors={"belarus": actor})) == [
        "actors/belarus.yaml:1:1: error[missing-field]: missing field 'kind' (What sort of actor: person, state, "
        "government-body (a ministry, a president's office), armed-force, agency, media (a news organisation), "
        "organisation, alliance, group (people a source names only together, such as officials or residents, "
        "without saying whose they are or what body))"
    ]


def test_each_missing_field_is_reported_once(tmp_path: Path) -> None:
    actor = "id: belarus\n"
    assert [line.split(" (")[0] for line in check(make_project(tmp_path, actors={"belarus": actor}))] == [
        "actors/belarus.yaml:1:1: error[missing-field]: missing field 'kind'",
        "actors/belarus.yaml:1:1: error[missing-field]: missing field 'name'",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            TITLE,
            "title:",
            "2:7: error[missing-value]: 'title' has no value; it must be text "
            "(write a value after the colon, or remove the line if the field is optional)",
        ),
        (
            TITLE,
            "title: ''",
            "2:8: error[missing-value]: 'title' must not be empty (A one-line headline for the "
            "event, in plain text (no Markdown). A party's claim is worded as its claim.)",
        ),
        (
            f"      - {QUOTE_1}\n      - {QUOTE_2}\n",
            "        []\n",
            "16:9: error[missing-value]: 'sources[0].quotes' must not be empty (Passages copied verbatim from the "
            "source that support the event. Whitespace, typographic quote marks and dashes may differ from the "
            "source; nothing else may.)",
        ),
    ],
    ids=["null", "empty-text", "empty-list"],
)
def test_missing_value(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert check_event(tmp_path, edit(EVENT, old, new)) == [f"{EV}:{expected}"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "places:\n  - minsk\n  - belarus",
            "places: minsk",
            "10:9: error[wrong-type]: 'places' must be a list, found text",
        ),
        (TITLE, "title:\n  - Belarus", "3:3: error[wrong-type]: 'title' must be text, found a list"),
        (TITLE, "title: {a: b}", "2:8: error[wrong-type]: 'title' must be text, found a mapping of fields"),
        (
            "  - ref: belarus\n    role: claimant\n",
            "  - belarus\n",
            "6:5: error[wrong-type]: 'actors[0]' must be a mapping of fields, found text",
        ),
    ],
    ids=["text-for-list", "list-for-text", "mapping-for-text", "text-for-mapping"],
)
def test_wrong_type(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert check_event(tmp_path, edit(EVENT, old, new)) == [f"{EV}:{expected}"]


def test_wrong_type_of_number(tmp_path: Path) -> None:
    minsk = edit(edit(MINSK_PLACE, "lat: 53.9", "lat: 'fifty'"), "lon: 27.56653", "lon: true")
    assert check(make_project(tmp_path, places={"minsk": minsk})) == [
        "places/minsk.yaml:6:8: error[wrong-type]: 'coordinates.lat' must be a number, found text",
        "places/minsk.yaml:7:8: error[wrong-type]: 'coordinates.lon' must be a number, found 'true' (true or false)",
    ]


@pytest.mark.parametrize("content", ["- a\n- b\n", "just a sentence\n", "---\n"])
def test_wrong_type_of_file(tmp_path: Path, content: str) -> None:
    found = {"-": "a list", "just": "text", "---": "nothing"}[content.split()[0]]
    line = 2 if content == "---\n" else 1  # where the empty document's value would be
    assert check_event(tmp_path, content) == [
        f"{EV}:{line}:1: error[wrong-type]: the file must hold a mapping of fields, found {found}"
    ]


def test_invalid_value_with_did_you_mean(tmp_path: Path) -> None:
    assert check_event(tmp_path, EVENT + f"related:\n  - ref: {EVENT_ID}\n    type: follow\n") == [
        f"{EV}:21:11: error[invalid-value]: 'related[0].type' cannot be 'follow' (did you mean 'follows'? one of: "
        "precedes, follows, during, part-of, response-to, reports-on, comments-on, asserts, acknowledges, "
        "denies, disputes, "
        "contradicts, corroborates, compared-to, context)"
    ]


def test_invalid_value_lists_the_choices(tmp_path: Path) -> None:
    assert check(make_project(tmp_path, actors={"belarus": edit(BELARUS_ACTOR, "kind: state", "kind: country")})) == [
        "actors/belarus.yaml:3:7: error[invalid-value]: 'kind' cannot be 'country' (one of: person, state, "
        "government-body, armed-force, agency, media, organisation, alliance, group)"
    ]


def test_invalid_value_of_a_pattern(tmp_path: Path) -> None:
    assert check(make_project(tmp_path, seeds={"report": edit(REPORT_YAML, "url: null", "url: ftp://x.org/a")})) == [
        "seeds/report.yaml:5:6: error[invalid-value]: 'url' has the wrong form: 'ftp://x.org/a' "
        "(Where the source was published (http or https), or null when it is not known.)"
    ]


def test_invalid_value_of_a_language_tag(tmp_path: Path) -> None:
    # Not an id: no 'lowercase slug' message and no slug suggestion.
    assert check(make_project(tmp_path, seeds={"report": edit(REPORT_YAML, "language: en", "language: English")})) == [
        "seeds/report.yaml:6:11: error[invalid-value]: 'language' has the wrong form: 'English' "
        "(The language of the text, as a BCP 47 tag, e.g. en.)"
    ]


def test_invalid_value_out_of_range(tmp_path: Path) -> None:
    minsk = edit(edit(MINSK_PLACE, "lat: 53.9", "lat: 100"), "lon: 27.56653", "lon: .nan")
    assert check(make_project(tmp_path, places={"minsk": minsk})) == [
        "places/minsk.yaml:6:8: error[invalid-value]: 'coordinates.lat': 100 is greater than the maximum of 90",
        "places/minsk.yaml:7:8: error[invalid-value]: 'coordinates.lon' must be a number, found '.nan' (not a number)",
    ]


def test_a_number_too_long_for_python_is_refused_not_a_crash(tmp_path: Path) -> None:
    minsk = edit(MINSK_PLACE, "lat: 53.9", "lat: 1" + "0" * 5000)
    assert check(make_project(tmp_path, places={"minsk": minsk})) == [
        "places/minsk.yaml:6:8: error[invalid-value]: 'coordinates.lat': inf is greater than the maximum of 90"
    ]


def test_invalid_value_too_long(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, TITLE, "title: " + "x" * 201)) == [
        f"{EV}:2:8: error[invalid-value]: 'title' is too long: 201 characters, at most 200 (shorten it)"
    ]


def test_id_format(tmp_path: Path) -> None:
    events = {EVENT_ID: None, "Belarus_Downs": edit(EVENT, f"id: {EVENT_ID}", "id: Belarus_Downs")}
    assert check(make_project(tmp_path, events=events)) == [
        "events/Belarus_Downs.yaml:1:5: error[id-format]: 'id' must be a lowercase slug (letters, digits, single "
        "hyphens), found 'Belarus_Downs' (for example 'belarus-downs')"
    ]


def test_id_format_of_a_reference(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "  - minsk\n", "  - Minsk\n")) == [
        f"{EV}:11:5: error[id-format]: 'places[0]' must be a lowercase slug (letters, digits, single hyphens), "
        "found 'Minsk' (for example 'minsk')"
    ]


def test_id_format_of_a_source_reference(tmp_path: Path) -> None:
    # Source ids are file names such as 000_9acb625707f65469: not lowercase slugs.
    assert check_event(tmp_path, edit(EVENT, "seed: report", "seed: the report")) == [
        f"{EV}:14:11: error[id-format]: 'sources[0].seed' has the wrong form: 'the report' "
        "(The id of a source in seeds/ (its file name without extension).)"
    ]


def test_a_date_set_written_without_quotes_is_told_to_quote_it(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, DATE, "date: [2022-12-29..2022-12-31~]")) == [
        f"{EV}:3:7: error[wrong-type]: 'date' must be text, found a list "
        "(in YAML, [ ] makes a list: put the value in quotes, date: '[2022-12-29..2022-12-31~]')"
    ]


def test_a_choice_or_a_list_item_left_empty_has_no_value(tmp_path: Path) -> None:
    text = edit(EVENT, DATE, f"{DATE}\nplace_precision:\n  minsk:")
    assert check_event(tmp_path, text)[-1] == (
        f"{EV}:5:9: error[missing-value]: 'place_precision.minsk' has no value; it must be one of: at, near, "
        "within (write a value after the colon, or remove the line if the field is optional)"
    )
    assert check_event(tmp_path, edit(EVENT, DATE, f"{DATE}\ntags:\n  -")) == [
        f"{EV}:5:4: error[missing-value]: 'tags[0]' has no value; it must be text "
        "(write the item after its '-', or remove the line)"
    ]


@pytest.mark.parametrize(
    ("line", "blank", "where"),
    [
        (TITLE, "title: '  '", "2:8: error[missing-value]: 'title' is blank (write the text, or remove it)"),
        (
            DATE,
            f"{DATE}\ndate_basis: ' '",
            "4:13: error[missing-value]: 'date_basis' is blank (write the text, or remove it)",
        ),
        (
            f"      - {QUOTE_1}",
            f"      - {QUOTE_1}\n      - '\t '",
            "17:9: error[missing-value]: 'sources[0].quotes[1]' is blank (write the quote, or remove it)",
        ),
    ],
)
def test_a_text_of_spaces_alone_is_blank(tmp_path: Path, line: str, blank: str, where: str) -> None:
    # The schemas' lengths count spaces: a title of two spaces would show an empty heading.
    assert check_event(tmp_path, edit(EVENT, line, blank)) == [f"{EV}:{where}"]


def test_a_title_written_as_a_block_is_told_how_to_keep_it_one_line(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, TITLE, "title: >\n  Belarus says it shot down a Ukrainian S-300")) == [
        f"{EV}:2:8: error[invalid-character]: 'title' holds U+000A (a line break) at character 44; it must be one "
        "line (remove it; a block begun with '>' or '|' keeps a line break at its end: write the text on the "
        "field's own line, or begin the block with '>-')"
    ]


def test_id_mismatch(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, f"id: {EVENT_ID}", "id: 2022-12-29-belarus-downs")) == [
        f"{EV}:1:5: error[id-mismatch]: id '2022-12-29-belarus-downs' differs from the file name '{EVENT_ID}.yaml' "
        f"(rename the file to 2022-12-29-belarus-downs.yaml or set the id to '{EVENT_ID}')"
    ]


@pytest.mark.parametrize("name", ["Reuters", "reuters copy", "reu\u200bters"])
def test_id_mismatch_offers_only_a_valid_id(tmp_path: Path, name: str) -> None:
    # A file name that is no id: only renaming the file gives a valid one.
    root = make_project(tmp_path)
    source = root / "events" / f"{EVENT_ID}.yaml"
    source.rename(source.with_name(f"{name}.yaml"))
    found = [m for m in check(root) if "id-mismatch" in m]
    shown = name.replace("\u200b", "\\u200b")  # as messages show an invisible character
    assert found == [
        f"events/{shown}.yaml:1:5: error[id-mismatch]: id '{EVENT_ID}' differs from the file name '{shown}.yaml' "
        f"(rename the file to {EVENT_ID}.yaml)"
    ]


def test_id_mismatch_with_neither_a_valid_id(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, f"id: {EVENT_ID}", "id: Belarus Downs"))[-1].endswith(
        f"error[id-mismatch]: id 'Belarus Downs' differs from the file name '{EVENT_ID}.yaml' "
        f"(set the id to '{EVENT_ID}')"
    )


def test_duplicate_id(tmp_path: Path) -> None:
    assert check(make_project(tmp_path, events={"copy": EVENT})) == [
        f"events/copy.yaml:1:5: error[duplicate-id]: id '{EVENT_ID}' is already used (by {EV})",
        f"events/copy.yaml:1:5: error[id-mismatch]: id '{EVENT_ID}' differs from the file name 'copy.yaml' "
        f"(rename the file to {EVENT_ID}.yaml or set the id to 'copy')",
    ]


# --- references -------------------------------------------------------------------------------------


def test_a_reference_to_a_record_of_another_kind_says_what_it_is(tmp_path: Path) -> None:
    # 'minsk' is a place, named where an actor belongs; an actor's id where a place belongs.
    text = edit(
        edit(EVENT, "ref: alexander-lukashenko", "ref: minsk"),
        "places:\n  - minsk",
        "places:\n  - belarus\n  - alexander-lukashenko",
    )
    found = [m for m in check_event(tmp_path, text) if "unknown-reference" in m]
    assert found == [
        f"{EV}:8:10: error[unknown-reference]: no actor 'minsk' in actors/ (there is a place 'minsk' (places/), "
        "but no actor; add actors/minsk.yaml, or use an existing id)",
        f"{EV}:12:5: error[unknown-reference]: no place 'alexander-lukashenko' in places/ (there is an actor "
        "'alexander-lukashenko' (actors/), but no place; add places/alexander-lukashenko.yaml, or use an existing id)",
    ]


def test_unknown_actor_with_did_you_mean(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "ref: alexander-lukashenko", "ref: lukashenko")) == [
        "actors/alexander-lukashenko.yaml:1:5: warning[unused-actor]: no event or source mentions actor "
        "'alexander-lukashenko', nor any actor that is a member of it "
        "(add it to an event's actors or a source's relays, or remove the file)",
        f"{EV}:8:10: error[unknown-reference]: no actor 'lukashenko' in actors/ (did you mean 'alexander-lukashenko'?)",
    ]


def test_unknown_actor_without_a_close_match(tmp_path: Path) -> None:
    text = edit(EVENT, "    voice: own\n", "    voice: attributed\n    attributed_to:\n      - putin\n")
    assert check_event(tmp_path, text) == [
        f"{EV}:20:9: error[unknown-reference]: no actor 'putin' in actors/ "
        "(add actors/putin.yaml, or use an existing id)"
    ]


def test_unknown_place(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "  - minsk\n", "  - minks\n")) == [
        f"{EV}:11:5: error[unknown-reference]: no place 'minks' in places/ (did you mean 'minsk'?)",
        "places/minsk.yaml:1:5: warning[unused-place]: no event happens at place 'minsk', "
        "nor at any place within it "
        "(add it to an event's places, or remove the file)",
    ]


def test_unknown_event(tmp_path: Path) -> None:
    assert check_event(tmp_path, EVENT + "related:\n  - ref: 2022-12-29-belarus-down-s300\n    type: follows\n") == [
        f"{EV}:20:10: error[unknown-reference]: no event '2022-12-29-belarus-down-s300' in events/ "
        f"(did you mean '{EVENT_ID}'?)"
    ]


def test_unknown_source(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "seed: report", "seed: reports")) == [
        f"{EV}:14:11: error[unknown-reference]: no source 'reports' in seeds/ (did you mean 'report'?)"
    ]


def test_unknown_references_in_actors_and_places(tmp_path: Path) -> None:
    lukashenko = edit(LUKASHENKO_ACTOR, "  - belarus", "  - belarus-government")
    minsk = edit(MINSK_PLACE, "within: belarus", "within: belarussia")
    assert check(make_project(tmp_path, actors={"alexander-lukashenko": lukashenko}, places={"minsk": minsk})) == [
        "actors/alexander-lukashenko.yaml:5:5: error[unknown-reference]: no actor 'belarus-government' in actors/ "
        "(add actors/belarus-government.yaml, or use an existing id)",
        "places/minsk.yaml:4:9: error[unknown-reference]: no place 'belarussia' in places/ (did you mean 'belarus'?)",
    ]


def test_a_reference_to_a_broken_file_is_not_called_unknown(tmp_path: Path) -> None:
    # The place file exists; its own error is the one to fix, not every reference to it.
    minsk = edit(MINSK_PLACE, "kind: city", "kind: town")
    assert check(make_project(tmp_path, places={"minsk": minsk})) == [
        "places/minsk.yaml:3:7: error[invalid-value]: 'kind' cannot be 'town' "
        "(one of: country, region, district, city, village, area)"
    ]


def test_duplicate_entries(tmp_path: Path) -> None:
    text = edit(EVENT, "ref: alexander-lukashenko", "ref: belarus")
    text = edit(text, "  - minsk\n", "  - belarus\n")
    twice = "    voice: attributed\n    attributed_to:\n      - belarus\n      - belarus\n"
    text = edit(text, "    voice: own\n", twice)
    text += "tags:\n  - air-defence\n  - air-defence\n"
    assert check(
        make_project(tmp_path, events={EVENT_ID: text}, actors={"alexander-lukashenko": None}, places={"minsk": None})
    ) == [
        f"{EV}:8:10: error[duplicate-entry]: 'belarus' is listed twice in 'actors' (keep one)",
        f"{EV}:12:5: error[duplicate-entry]: 'belarus' is listed twice in 'places' (keep one)",
        f"{EV}:21:9: error[duplicate-entry]: 'belarus' is listed twice in 'sources[0].attributed_to' (keep one)",
        f"{EV}:24:5: error[duplicate-entry]: 'air-defence' is listed twice in 'tags' (keep one)",
    ]


def test_self_relation(tmp_path: Path) -> None:
    assert check_event(tmp_path, EVENT + f"related:\n  - ref: {EVENT_ID}\n    type: follows\n") == [
        f"{EV}:20:10: error[self-relation]: an event cannot be related to itself"
    ]


def test_place_within_itself(tmp_path: Path) -> None:
    minsk = edit(MINSK_PLACE, "within: belarus", "within: minsk")
    assert check(make_project(tmp_path, places={"minsk": minsk})) == [
        "places/minsk.yaml:4:9: error[place-cycle]: 'minsk' is within itself: minsk -> minsk (break the chain)"
    ]


def test_place_within_itself_through_a_chain(tmp_path: Path) -> None:
    places = {
        "belarus": BELARUS_PLACE + "within: brest-region\n",
        "brest-region": "id: brest-region\nname: Brest Region\nkind: region\nwithin: minsk\n"
        "coordinates: {lat: 52.1, lon: 23.7, precision: region-centre, basis: GeoNames 629634}\n",
    }
    text = edit(EVENT, "  - belarus\nsources", "  - belarus\n  - brest-region\nsources")
    assert check(make_project(tmp_path, places=places, events={EVENT_ID: text})) == [
        "places/belarus.yaml:10:9: error[place-cycle]: 'belarus' is within itself: "
        "belarus -> brest-region -> minsk -> belarus (break the chain)",
        "places/brest-region.yaml:4:9: error[place-cycle]: 'brest-region' is within itself: "
        "brest-region -> minsk -> belarus -> brest-region (break the chain)",
        "places/minsk.yaml:4:9: error[place-cycle]: 'minsk' is within itself: "
        "minsk -> belarus -> brest-region -> minsk (break the chain)",
    ]


def test_actor_member_of_itself(tmp_path: Path) -> None:
    belarus = BELARUS_ACTOR + "member_of:\n  - alexander-lukashenko\n"
    assert check(make_project(tmp_path, actors={"belarus": belarus})) == [
        "actors/alexander-lukashenko.yaml:5:5: error[member-cycle]: 'alexander-lukashenko' is a member of itself: "
        "alexander-lukashenko -> belarus -> alexander-lukashenko (break the chain)",
        "actors/belarus.yaml:5:5: error[member-cycle]: 'belarus' is a member of itself: "
        "belarus -> alexander-lukashenko -> belarus (break the chain)",
    ]


def test_actor_directly_member_of_itself(tmp_path: Path) -> None:
    belarus = BELARUS_ACTOR + "member_of:\n  - belarus\n"
    assert check(make_project(tmp_path, actors={"belarus": belarus})) == [
        "actors/belarus.yaml:5:5: error[member-cycle]: 'belarus' is a member of itself: belarus -> belarus "
        "(break the chain)"
    ]


# --- dates and times --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2022-02-30", "invalid-date]: '2022-02-30': February 2022 has no day 30 (it has 28 days)"),
        ("2023-02-29", "invalid-date]: '2023-02-29': February 2023 has no day 29 (it has 28 days)"),
        ("2022-13-01", "invalid-date]: '2022-13-01': there is no month 13 (months run from 01 to 12)"),
        ("2022-13", "invalid-date]: '2022-13': there is no month 13 (months run from 01 to 12)"),
        ("0000", "invalid-date]: '0000': there is no year 0000 in this chronology"),
        ("../..", "invalid-date]: '../..': an interval must have at least one known end"),
        (
            "29 December 2022",
            "invalid-date]: '29 December 2022' is not a date this chronology accepts (for the day write 2022-12-29)",
        ),
        (
            "late December 2022",
            "invalid-date]: 'late December 2022' is not a date this chronology accepts (no form of EDTF says "
            "'late': write the month, 2022-12, as precise as the words are, and keep the source's words in the "
            "quote (or say in date_basis how the date was reached); a set '[A..B]' only where the sources give its "
            "first and last possible days)",
        ),
        (
            "29-31 December 2022",
            "invalid-date]: '29-31 December 2022' is not a date this chronology accepts (for a span that lasted "
            "from one to the other write 2022-12-29/2022-12-31; for one day, not known which, between them write "
            "'[2022-12-29..2022-12-31]')",
        ),
        (
            "about 29 December 2022",
            "invalid-date]: 'about 29 December 2022' is not a date this chronology accepts (for about 29 December "
            "2022 write 2022-12-29~)",
        ),
        (
            "before 30 December 2022",
            "invalid-date]: 'before 30 December 2022' is not a date this chronology accepts (before 30 December "
            "2022 is on or before 29 December 2022: for one day, not known which, write '[..2022-12-29]')",
        ),
        (
            "2022-12-29T10:00",
            "invalid-date]: '2022-12-29T10:00': a date holds no time of day (write the day, 2022-12-29, and the "
            "time of day apart: time: '10:00', with timezone: the IANA zone of the place (e.g. Europe/Kyiv))",
        ),
        (
            "2022-12-29/2022-12-19",
            "date-range-order]: the interval '2022-12-29/2022-12-19' ends (19 December 2022) "
            "before it starts (29 December 2022) (put the earlier date first)",
        ),
        (
            "2022-12/2022-11",
            "date-range-order]: the interval '2022-12/2022-11' ends (November 2022) "
            "before it starts (December 2022) (put the earlier date first)",
        ),
        (
            "[2022-12-31..2022-12-29~]",
            "date-range-order]: the set '[2022-12-31..2022-12-29~]' ends (about 29 December 2022) "
            "before it starts (31 December 2022) (put the earlier date first)",
        ),
        ("[]", "invalid-date]: '[]': a set must name at least one date (write [A..B], [..B] or [A..])"),
        ("[..]", "invalid-date]: '[..]': a set must have at least one known end"),
        ("[2022-12-29]", "invalid-date]: '[2022-12-29]': a set of one date is that date (write 2022-12-29)"),
        (
            "[2022-12..2022-12-31]",
            "invalid-date]: '[2022-12..2022-12-31]': the ends of a set must be alike, not a month and a day "
            "(give both as days (YYYY-MM-DD), both as months (YYYY-MM) or both as years)",
        ),
        (
            "[2022-12-29, 2022-12-31]",
            "invalid-date]: '[2022-12-29, 2022-12-31]': a list of separate dates is not supported "
            "(write the run that covers them, e.g. [2022-12-29..2022-12-31], and say in the basis which are possible)",
        ),
        (
            "[2022-12-29..2022-12-32]",
            "invalid-date]: '[2022-12-29..2022-12-32]': December 2022 has no day 32 (it has 31 days)",
        ),
    ],
)
def test_invalid_date(tmp_path: Path, date: str, expected: str) -> None:
    assert check_event(tmp_path, edit(EVENT, DATE, f"date: '{date}'")) == [f"{EV}:3:7: error[{expected}"]


@pytest.mark.parametrize(
    "date",
    [
        "2022-12-29",
        "2022-12-29~",
        "2022-12-29?",
        "2022-12-29%",
        "2022-12",
        "2022-12-19/2022-12-29",
        "../2022-12-29",
        "2022-12-29/..",
        "2022-12/2022-12-29",
        "[2022-12-29..2022-12-31]",
        "[2022-12-29..2022-12-31~]",
        "[..2022-12-29]",
        "[2022-12-29..]",
        "[2022-11..2022-12?]",
    ],
)
def test_valid_dates(tmp_path: Path, date: str) -> None:
    assert check_event(tmp_path, edit(EVENT, DATE, f"date: '{date}'\ndate_basis: The report says so.")) == []


def test_invalid_publication_date(tmp_path: Path) -> None:
    assert check(make_project(tmp_path, seeds={"report": edit(REPORT_YAML, "'2022-12-29'", "'2022-12-32'")})) == [
        "seeds/report.yaml:7:12: error[invalid-date]: '2022-12-32': December 2022 has no day 32 (it has 31 days)"
    ]


def test_a_publication_date_may_be_one_of_a_set_and_is_checked_as_one(tmp_path: Path) -> None:
    good = edit(REPORT_YAML, "'2022-12-29'", "'[2022-12-29..2022-12-31~]'")
    assert check(make_project(tmp_path / "good", seeds={"report": good})) == []
    reversed_set = edit(REPORT_YAML, "'2022-12-29'", "'[2022-12-31..2022-12-29]'")
    assert check(make_project(tmp_path / "reversed", seeds={"report": reversed_set})) == [
        "seeds/report.yaml:7:12: error[date-range-order]: the set '[2022-12-31..2022-12-29]' ends "
        "(29 December 2022) before it starts (31 December 2022) (put the earlier date first)"
    ]


_FORMS = (
    "write HH:MM (10:00), ~HH:MM for an approximate time (~00:15, about 00:15), or a window HH:MM/HH:MM "
    "(10:00/11:00), either end of which may be approximate (~10:00/11:00)"
)


@pytest.mark.parametrize(
    ("time", "expected"),
    [
        ("25:00", "'time': '25:00' is not a time of day (hours run 00-23, minutes 00-59)"),
        ("10:60", "'time': '10:60' is not a time of day (hours run 00-23, minutes 00-59)"),
        ("~10:60", "'time': '~10:60' is not a time of day (hours run 00-23, minutes 00-59)"),
        ("10am", "'time' has the wrong form: '10am' (for 10:00 write '10:00')"),
        ("1:00", "'time' has the wrong form: '1:00' (for 01:00 write '01:00')"),
        ("about 00:15", "'time' has the wrong form: 'about 00:15' (for about 00:15 write '~00:15')"),
        ("around 10am", "'time' has the wrong form: 'around 10am' (for about 10:00 write '~10:00')"),
        (
            "00:15~",
            "'time' has the wrong form: '00:15~' (the ~ of an approximate time goes before it: "
            "for about 00:15 write '~00:15')",
        ),
        ("shortly after midnight", f"'time' has the wrong form: 'shortly after midnight' ({_FORMS})"),
        ("10:00/11:00/12:00", f"'time' has the wrong form: '10:00/11:00/12:00' ({_FORMS})"),
        (
            "11:00/10:00",
            "'time': the window '11:00/10:00' ends before it starts "
            "(a window must end later on the same day; a single time is written alone)",
        ),
        (
            "~11:00/10:00",
            "'time': the window '~11:00/10:00' ends before it starts "
            "(a window must end later on the same day; a single time is written alone)",
        ),
        (
            "~10:00/~10:00",
            "'time': the window '~10:00/~10:00' ends when it starts "
            "(a window must end later on the same day; a single time is written alone)",
        ),
    ],
)
def test_invalid_time(tmp_path: Path, time: str, expected: str) -> None:
    text = edit(EVENT, DATE, f"{DATE}\ntime: '{time}'\ntimezone: Europe/Minsk")
    assert check_event(tmp_path, text) == [f"{EV}:4:7: error[invalid-time]: {expected}"]


@pytest.mark.parametrize("date", ["2022-12", "[2022-12-29..2022-12-31]", "[..2022-12-29]", "2022-12-29/2022-12-30"])
def test_a_time_needs_a_day(tmp_path: Path, date: str) -> None:
    text = edit(EVENT, DATE, f"date: '{date}'\ntime: '10:00'\ntimezone: Europe/Minsk\ndate_basis: The report.")
    assert check_event(tmp_path, text) == [
        f"{EV}:4:7: error[invalid-time]: a time needs a date of one known day, not '{date}' "
        "(remove the time, or give the day)"
    ]


def test_a_time_needs_a_timezone(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, DATE, f"{DATE}\ntime: 10:00/11:00")) == [
        f"{EV}:4:7: error[missing-field]: a time needs a 'timezone' "
        "(add the IANA zone of the local time, e.g. timezone: Europe/Minsk)"
    ]


def test_a_time_the_schema_refuses_still_needs_a_timezone(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, DATE, f"{DATE}\ntime: about 00:15")) == [
        f"{EV}:4:7: error[invalid-time]: 'time' has the wrong form: 'about 00:15' (for about 00:15 write '~00:15')",
        f"{EV}:4:7: error[missing-field]: a time needs a 'timezone' "
        "(add the IANA zone of the local time, e.g. timezone: Europe/Minsk)",
    ]


@pytest.mark.parametrize("time", ["~00:15", "~10:00/11:00", "10:00/~11:00", "~10:00/~11:00"])
def test_an_approximate_time_is_accepted(tmp_path: Path, time: str) -> None:
    text = edit(EVENT, DATE, f"{DATE}\ntime: '{time}'\ntimezone: Europe/Minsk")
    result = run(make_project(tmp_path, events={EVENT_ID: text}))
    assert [d for d in result.diagnostics if d.path == EV] == []
    assert result.chronology is not None
    event = result.chronology.events[0]
    assert event.time is not None and event.time.approximate and event.time.text == time


def test_a_date_with_a_time_as_prose_writes_one_is_told_both_fields(tmp_path: Path) -> None:
    text = edit(EVENT, DATE, "date: 29 December 2022 at about 00:15")
    assert check_event(tmp_path, text) == [
        f"{EV}:3:7: error[invalid-date]: '29 December 2022 at about 00:15' is not a date this chronology accepts "
        "(write the day and the time of day apart: date: '2022-12-29', time: '~00:15', with timezone: the IANA "
        "zone of the place (e.g. Europe/Kyiv))"
    ]


@pytest.mark.parametrize(
    ("zone", "hint"),
    [
        ("Europe/Minks", "did you mean 'Europe/Minsk'?"),
        ("Minsk", "did you mean 'Europe/Minsk'?"),
        ("Nowhere/Qqq", "use an IANA name such as Europe/Kyiv"),
        # Offsets and abbreviations name no zone: no close spelling of them ('UTC', 'MST') is offered.
        *(
            (
                written,
                "an offset is not a time zone: give the IANA zone of the place, e.g. Europe/Minsk, "
                "which knows its offset at every date",
            )
            for written in ("UTC+3", "GMT+3", "+03:00", "utc-2", "UTC −3")
        ),
        *(
            (written, "an abbreviation is not a time zone: give the IANA zone of the place, e.g. Europe/Moscow for MSK")
            for written in ("MSK", "CEST", "EEST")
        ),
    ],
)
def test_invalid_timezone(tmp_path: Path, zone: str, hint: str) -> None:
    text = edit(EVENT, DATE, f"{DATE}\ntime: '10:00'\ntimezone: {zone}")
    assert check_event(tmp_path, text) == [
        f"{EV}:5:11: error[invalid-timezone]: '{zone}' is not an IANA time zone ({hint})"
    ]


def test_a_time_window_in_its_zone(tmp_path: Path) -> None:
    text = edit(EVENT, DATE, f"{DATE}\ntime: 10:00/11:00\ntimezone: Europe/Minsk")
    result = run(make_project(tmp_path, events={EVENT_ID: text}))
    assert result.chronology is not None
    event = result.chronology.events[0]
    assert event.time is not None and event.timezone == "Europe/Minsk"
    assert event.time.in_utc(event.date.first_day(), event.timezone).words() == "07:00\u201308:00"


@pytest.mark.parametrize(
    ("published", "date", "latest"),
    [  # latest: the source's publication at the latest, as the warning words it; None: no warning
        ("'2022-12-29'", "'2202-11'", "29 December 2022"),  # a slip of the year
        ("'2022-12-29'", "'2022-12-30'", None),  # a day allowed for time zones
        ("'2022-12-29'", "'2022-12-31'", "29 December 2022"),
        ("'2022-12-29'", "'2022-12-29'", None),
        ("'2022-12-29'", "'[2022-12-30..2023-01-05]'", None),  # it may have begun the day after
        ("'2022-12-29'", "'[..2023-01-05]'", None),  # on or before: no earliest day to compare
        ("'2022-12'", "'2023-01-01'", None),
        ("'2022-12'", "'2023-01-02'", "December 2022"),
        ("'[2022-12-29..2022-12-31~]'", "'2023-06'", None),  # an estimated end: a year allowed
        ("'[2022-12-29..2022-12-31~]'", "'2202-11'", "about 31 December 2022"),
        ("'[2022-12-29..2022-12-31?]'", "'2202-11'", "31 December 2022"),  # not 'possibly ... at the latest'
        ("'[2022-12-29..2022-12-31?]'", "'2023-06'", None),  # an uncertain end: a year allowed too
        ("null", "'2202-11'", None),  # no date of publication to compare
    ],
)
def test_an_event_dated_after_its_source_was_published(
    tmp_path: Path, published: str, date: str, latest: str | None
) -> None:
    seed = edit(REPORT_YAML, "published: '2022-12-29'", f"published: {published}")
    event = edit(EVENT, DATE, f"date: {date}\ndate_basis: Given so.")
    lines = check(make_project(tmp_path, events={EVENT_ID: event}, seeds={"report": seed}))
    assert [line for line in lines if "date-after-source" in line] == (
        [
            f"{EV}:3:7: warning[date-after-source]: the event is dated {date}, after its source 'report' was "
            f"published ({latest} at the latest) "
            "(check the event's date, or the source's 'published' in seeds/report.yaml: a source reports what "
            "happened before it was published)"
        ]
        if latest
        else []
    )


# --- quotes -----------------------------------------------------------------------------------------


def test_quote_not_found_shows_the_difference_and_the_passage_as_it_would_match(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, QUOTE_2, "there was absolutely nothing to worry about")) == [
        # The opening mark is wanted; the closing one the quote may end before.
        f"{EV}:17:9: error[quote-not-found]: quote not found in source 'report': 'absolutely' is '“absolutely' in "
        "the source (the closest passage, as it would match: 'there was “absolutely nothing to worry about”')"
    ]


@pytest.mark.example
def test_quote_not_found_shows_the_passage_the_quote_meant_not_another_party_s(tmp_path: Path) -> None:
    # 'a S-301 missile' meant BelTA's 'a S-300 missile,': its last word, with the source's comma,
    # places it there, not at another party's 'missile' earlier in the report.
    from chronology.check import check_project
    from tests.test_site import copy_project

    project = copy_project(tmp_path / "p")
    path = project / "events" / "2022-12-29-belarus-says-it-shot-down-ukrainian-s300.yaml"
    path.write_text(edit(path.read_text("utf-8"), "      - a S-300 missile\n", "      - a S-301 missile\n"), "utf-8")
    [found] = check_project(project).errors
    assert found.text().endswith(
        "quote not found in source '000_9acb625707f65469': 'S-301' is 'S-300' in the source (the closest passage, "
        "as it would match: 'a S-300 missile,')"
    )


def test_quote_not_found_shows_a_change_late_in_a_long_quote(tmp_path: Path) -> None:
    # The difference is named however far into the quote it is, and the passage can be pasted back.
    changed = "Belarus said on 29 December 2022 that it shot down a Ukrainian S-300 missile near Minsk."
    assert check_event(tmp_path, edit(EVENT, QUOTE_1, changed)) == [
        f"{EV}:16:9: error[quote-not-found]: quote not found in source 'report': the source has 'had' after 'it' "
        "(the closest passage, as it would match: 'Belarus said on 29 December 2022 that it had shot down a "
        "Ukrainian S-300 missile near Minsk.')"
    ]


def test_quote_not_found_without_a_word_in_common_shows_the_quote(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, QUOTE_2, "zzz qqq")) == [
        f"{EV}:17:9: error[quote-not-found]: quote not found in source 'report': 'zzz qqq'"
    ]


def test_quote_not_found_lists_at_most_five_differences(tmp_path: Path) -> None:
    changed = "Belarus says on 29 December 2022 this it has shot up an Ukranian S-300 rocket near Minsk!"
    assert check_event(tmp_path, edit(EVENT, QUOTE_1, changed)) == [
        f"{EV}:16:9: error[quote-not-found]: quote not found in source 'report': 'says' is 'said' in the source; "
        "'this' is 'that' in the source; 'has' is 'had' in the source; 'up an Ukranian' is 'down a Ukrainian' in "
        "the source; 'rocket' is 'missile' in the source; and 1 more difference (the closest passage, as it would "
        "match: 'Belarus said on 29 December 2022 that it had shot down a Ukrainian S-300 missile near Minsk.')"
    ]


@pytest.mark.parametrize(
    "quote",
    [
        # straight quote marks and apostrophe, a hyphen for the dash, a line break and extra spaces
        '"Alexander Lukashenko\'s officials said   there was \\"absolutely nothing to worry about\\" - for now."',
        "'officials said there was \"absolutely nothing to worry about\" — for now'",
        "“absolutely nothing to worry about” ‒ for now",
        ">-\n        Belarus said on 29 December 2022\n        that it had shot down",
    ],
    ids=["straight-quotes", "em-dash", "figure-dash", "folded-lines"],
)
def test_quotes_match_across_whitespace_quote_marks_and_dashes(tmp_path: Path, quote: str) -> None:
    assert check_event(tmp_path, edit(EVENT, f"- {QUOTE_2}", f"- {quote}")) == []


@pytest.mark.parametrize(
    "quote",
    [
        "there was “Absolutely nothing to worry about”",  # case
        "there was “absolutely nothing … about”",  # an ellipsis for left-out words
        "there was “absolutely nothing to worry about”.",  # punctuation
        "there was “absolutely nothing to worry abuot”",  # spelling
        "there was “absolutely nothing to worry about”, for now",  # the dash became a comma
        "therewas “absolutely nothing to worry about”",  # a space removed is a different word
    ],
    ids=["case", "ellipsis", "punctuation", "spelling", "dash-to-comma", "joined-words"],
)
def test_quotes_do_not_match_across_other_changes(tmp_path: Path, quote: str) -> None:
    lines = check_event(tmp_path, edit(EVENT, QUOTE_2, quote))
    assert len(lines) == 1
    assert lines[0].startswith(f"{EV}:17:9: error[quote-not-found]: quote not found in source 'report': ")


def test_quotes_in_actors_and_places_are_checked_too(tmp_path: Path) -> None:
    belarus = BELARUS_ACTOR + "sources:\n  - seed: report\n    quotes:\n      - Belarus said it\n"
    assert check(make_project(tmp_path, actors={"belarus": belarus})) == [
        "actors/belarus.yaml:7:9: error[quote-not-found]: quote not found in source 'report': the source has 'on 29 "
        "December 2022 that' after 'said' (the closest passage, as it would match: 'Belarus said on 29 December "
        "2022 that it')"
    ]


def test_coverage_counts_what_the_quotes_cover(project: Path) -> None:
    result = run(project)
    assert result.chronology is not None
    source = result.chronology.sources["report"]
    assert source.sentences == 2
    assert source.uncovered_sentences == ()
    only_first = edit(EVENT, f"      - {QUOTE_2}\n", "")
    result = run(make_project(project, events={EVENT_ID: only_first}))
    assert result.chronology is not None
    source = result.chronology.sources["report"]
    assert source.uncovered_sentences == (REPORT_TXT.splitlines()[1],)


# --- a party's words ---------------------------------------------------------------------------------

#: The officials' words, between quotation marks in the source.
WORDS = "absolutely nothing to worry about"
#: The tiny event, quoting the officials' words alone, in the source's own voice.
WORDS_AS_OWN = edit(EVENT, QUOTE_2, WORDS)


def test_a_party_s_words_cited_in_the_source_s_own_voice_are_named(tmp_path: Path) -> None:
    assert check_event(tmp_path, WORDS_AS_OWN) == [
        f"{EV}:17:9: warning[party-words-in-own-voice]: the quote '{WORDS}' is someone's words, between quotation "
        "marks in the source, cited in the source's own voice (attribute them: voice attributed, with "
        "attributed_to naming whose they are; or quote the source's own words around them; or, if this event is "
        "that party's statement, link it to the event it is about (asserts, reports-on, acknowledges, ...))"
    ]


def test_a_party_s_words_between_single_marks_are_named_too(tmp_path: Path) -> None:
    # British reports quote with single marks; the source's apostrophes are no quotation.
    british = REPORT_TXT.replace("“", "‘").replace("”", "’")
    lines = check(make_project(tmp_path, events={EVENT_ID: WORDS_AS_OWN}, texts={"report": british}))
    assert [line.split(": ")[1] for line in lines] == ["warning[party-words-in-own-voice]"]
    own_words = edit(EVENT, QUOTE_2, "Alexander Lukashenko’s officials")
    assert check(make_project(tmp_path, events={EVENT_ID: own_words}, texts={"report": british})) == []


#: The tiny event stated by the source, for a statement to be about.
STATED = edit(EVENT, f"      - {QUOTE_2}\n", "")
#: The tiny event's officials' words as a statement of their own, about it.
STATEMENT = (
    edit(WORDS_AS_OWN, f"id: {EVENT_ID}", "id: 2022-12-29-officials-play-it-down")
    .replace(f"      - {QUOTE_1}\n", "")
    .replace(DATE, f"{DATE}\ndate_basis: The day the report gives.")
    + f"related:\n  - ref: {EVENT_ID}\n    type: LINK\n"
)


@pytest.mark.parametrize(
    "events",
    [
        {EVENT_ID: edit(WORDS_AS_OWN, "voice: own", "voice: attributed\n    attributed_to: [alexander-lukashenko]")},
        {EVENT_ID: edit(EVENT, QUOTE_2, f"“{WORDS}”")},  # the marks too: the source quoting them
        {EVENT_ID: edit(EVENT, QUOTE_2, f"was “{WORDS}")},  # the words with the source's own around them
        *(
            {EVENT_ID: STATED, "2022-12-29-officials-play-it-down": STATEMENT.replace("LINK", link)}
            for link in sorted(STATEMENT_LINKS)
        ),
    ],
    ids=[
        "attributed",
        "with-its-marks",
        "with-the-source-s-words",
        *(f"a-statement-that-{link}" for link in sorted(STATEMENT_LINKS)),
    ],
)
def test_a_party_s_words_are_its_own_or_the_source_s_on_its_statement(tmp_path: Path, events: dict[str, str]) -> None:
    assert check(make_project(tmp_path, events=events)) == []


def test_a_link_that_makes_no_statement_leaves_the_words_the_party_s(tmp_path: Path) -> None:
    events = {EVENT_ID: STATED, "2022-12-29-officials-play-it-down": STATEMENT.replace("LINK", "follows")}
    lines = check(make_project(tmp_path, events=events))
    assert [line.split(": ")[1] for line in lines] == ["warning[party-words-in-own-voice]"]
    assert lines[0].startswith("events/2022-12-29-officials-play-it-down.yaml:17:9: ")


def test_a_party_s_words_may_name_an_actor_or_a_place(tmp_path: Path) -> None:
    belarus = BELARUS_ACTOR + f"sources:\n  - seed: report\n    quotes:\n      - {WORDS}\n"
    minsk = MINSK_PLACE + f"sources:\n  - seed: report\n    quotes:\n      - {WORDS}\n"
    assert check(make_project(tmp_path, actors={"belarus": belarus}, places={"minsk": minsk})) == []


# --- a comment that cuts a text short ---------------------------------------------------------------

COMMENT_HINT = (
    "(if the '#' belongs to the text, put the whole text in quotes; if it is a comment, put it on a line of its own)"
)


@pytest.mark.parametrize(
    ("folder", "old", "new", "where", "field", "kept"),
    [
        ("events", TITLE, TITLE.replace("says ", "says #"), "2:21", "title", "Belarus says"),
        ("events", "near Minsk.\nactors", "near Minsk. #Belarus\nactors", "4:78", "summary", "…"),
        (
            "events",
            "      - " + QUOTE_1,
            "      - " + QUOTE_1.replace(" that", " #that"),
            "16:42",
            "sources[0].quotes[0]",
            "…",
        ),
        ("actors", "name: Belarus", "name: Belarus  # the state", "2:16", "name", "Belarus"),
        ("places", "name: Minsk", "name: Minsk # capital", "2:13", "name", "Minsk"),
        ("seeds", "label: A report on the missile", "label: A report #1 on the missile", "2:17", "label", "A report"),
    ],
)
def test_a_comment_that_cuts_a_text_short_is_told(
    tmp_path: Path, folder: str, old: str, new: str, where: str, field: str, kept: str
) -> None:
    # ' #' after unquoted text begins a YAML comment: the text ends before it, without a word. A
    # hashtag in a title, or a '#' in a quote, is then lost from the data and the site.
    files = {"events": EVENT, "actors": BELARUS_ACTOR, "places": MINSK_PLACE, "seeds": REPORT_YAML}
    name = {"events": EVENT_ID, "actors": "belarus", "places": "minsk", "seeds": "report"}[folder]
    root = make_project(tmp_path, **{folder: {name: edit(files[folder], old, new)}})
    lines = [line for line in check(root) if "comment-in-text" in line]
    assert len(lines) == 1
    start = f"{folder}/{name}.yaml:{where}: warning[comment-in-text]: '{field}' ends where a comment begins: "
    assert lines[0].startswith(start)
    assert lines[0].endswith(COMMENT_HINT)
    if kept != "…":
        assert f"so the text is '{kept}' (" in lines[0]
    assert check(root) == check(root)  # the same from the cache kept


def test_a_comment_that_cuts_a_text_short_is_told_beside_a_schema_error(tmp_path: Path) -> None:
    event = edit(edit(EVENT, TITLE, TITLE.replace("says ", "says #")), "    role: speaker", "    role: Speaker")
    assert [line.split(": '")[0] for line in check_event(tmp_path, event)] == [
        f"{EV}:2:21: warning[comment-in-text]",
        f"{EV}:9:11: error[invalid-value]",
    ]


@pytest.mark.parametrize("line_break", ["\r", "\r\n"])
def test_a_comment_and_a_tag_are_found_in_a_file_whose_lines_end_otherwise(tmp_path: Path, line_break: str) -> None:
    # YAML counts a line at each CR too: what is found in the text is found on YAML's line.
    event = edit(EVENT, TITLE, "title: Belarus says it shot down # a Ukrainian S-300")
    event = edit(event, "summary: Belarus said it had", "summary: One <b>x</b>. Belarus said it had")
    assert [line.split(": '")[0] for line in check_event(tmp_path, event.replace("\n", line_break).encode())] == [
        f"{EV}:2:34: warning[comment-in-text]",
        f"{EV}:4:14: error[raw-html]",
        f"{EV}:4:18: error[raw-html]",
    ]


def test_a_comment_and_a_tag_are_found_after_a_line_separator_in_a_quoted_text(tmp_path: Path) -> None:
    # U+2028 in a quoted text is a line break to YAML, which counts the lines after it so.
    summary = "summary: Belarus said it had shot down a Ukrainian S-300 missile near Minsk."
    event = edit(EVENT, summary, 'summary: "Belarus said\u2028it\u2028had shot down <i>x</i>"')
    event = edit(edit(event, "    voice: own", "    voice: own # x"), TITLE, "title: Belarus says it shot # down")
    assert [line.split(": '")[0] for line in check_event(tmp_path, event)] == [
        f"{EV}:2:29: warning[comment-in-text]",
        f"{EV}:6:15: error[raw-html]",
        f"{EV}:6:19: error[raw-html]",
    ]


@pytest.mark.parametrize(
    ("text", "may"),
    [
        ("# a comment\nid: x\n", False),
        ("id: x\n  # indented, on its own line\n", False),
        ("title: a #b\n", True),
        ("title: a#b\n", False),
        ("title: 'a #b'\n", True),  # inside quotes: only the careful reading tells
        ("a: b\n\t# tab-indented\nc: d #e\n", True),
        ("title: " + "a#" * 1000 + "\n", False),
        ("    #\n" * 3 + "x #\n", True),
    ],
)
def test_where_a_comment_may_follow_a_value(text: str, may: bool) -> None:
    from chronology.load import may_have_comment_after_value

    assert may_have_comment_after_value(text) is may


def test_a_comment_after_a_text_of_several_lines_is_told_on_its_line(tmp_path: Path) -> None:
    event = edit(EVENT, "summary: Belarus said it had", "summary: Belarus said it had\n  #1 said")
    assert [line.split(": '")[0] for line in check_event(tmp_path, event) if "comment-in-text" in line] == []
    event = edit(EVENT, "missile near Minsk.\nactors", "missile\n  near Minsk. # there\nactors")
    assert [line.split(": '")[0] for line in check_event(tmp_path, event) if "comment-in-text" in line] == [
        f"{EV}:5:15: warning[comment-in-text]"
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (DATE, "date: 2022-12-29  # as the report says"),  # a date, a word of a vocabulary, an id: no text to cut
        ("    role: claimant", "    role: claimant  # Belarus claims it"),
        ("  - minsk", "  - minsk # the capital"),
        ("    voice: own", "    voice: own # the report's"),
        ("places:", "# where it happened\nplaces:"),  # a comment on a line of its own
        (TITLE, TITLE + "  # see below".replace("  #", "\n  #")),
        (TITLE, TITLE.replace("says ", "says S-300#1 ")),  # no space before the '#': it is the text's
        (TITLE, "title: 'Belarus says #it shot down a Ukrainian S-300'"),  # quoted: the '#' is the text's
    ],
)
def test_a_comment_that_cuts_no_text_is_not_told(tmp_path: Path, old: str, new: str) -> None:
    assert [line for line in check_event(tmp_path, edit(EVENT, old, new)) if "comment-in-text" in line] == []


# --- Markdown safety --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (
            "summary",
            "Belarus <script>alert(1)</script> said.",
            [
                "4:19: error[raw-html]: 'summary': raw HTML is not allowed: '<script>' "
                "(write Markdown instead, or escape the '<' as '\\<')",
                "4:35: error[raw-html]: 'summary': raw HTML is not allowed: '</script>' "
                "(write Markdown instead, or escape the '<' as '\\<')",
            ],
        ),
        (
            "title",
            "Belarus <b>says</b>",
            [  # a plain-text field: no Markdown, no escaping
                "2:17: error[raw-html]: 'title': raw HTML is not allowed: '<b>' "
                "(remove the tag: this field is plain text, not Markdown)",
                "2:24: error[raw-html]: 'title': raw HTML is not allowed: '</b>' "
                "(remove the tag: this field is plain text, not Markdown)",
            ],
        ),
        (
            "summary",
            "A comment <!-- here -->.",
            [
                "4:21: error[raw-html]: 'summary': raw HTML is not allowed: '<!-- here -->' "
                "(write Markdown instead, or escape the '<' as '\\<')"
            ],
        ),
    ],
)
def test_raw_html(tmp_path: Path, field: str, value: str, expected: list[str]) -> None:
    old = TITLE if field == "title" else "summary: Belarus said it had shot down a Ukrainian S-300 missile near Minsk."
    assert check_event(tmp_path, edit(EVENT, old, f"{field}: '{value}'")) == [f"{EV}:{line}" for line in expected]


def test_raw_html_in_actor_place_and_source_texts(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        actors={"belarus": BELARUS_ACTOR + "description: A <i>state</i>\n"},
        places={"minsk": edit(MINSK_PLACE, "name: Minsk", "name: <Minsk>")},
        seeds={"report": REPORT_YAML + "notes: '<img src=x onerror=alert(1)>'\n"},
    )
    assert check(root) == [
        "actors/belarus.yaml:4:16: error[raw-html]: 'description': raw HTML is not allowed: '<i>' "
        "(write Markdown instead, or escape the '<' as '\\<')",
        "actors/belarus.yaml:4:24: error[raw-html]: 'description': raw HTML is not allowed: '</i>' "
        "(write Markdown instead, or escape the '<' as '\\<')",
        "places/minsk.yaml:2:7: error[raw-html]: 'name': raw HTML is not allowed: '<Minsk>' "
        "(remove the tag: this field is plain text, not Markdown)",
        "seeds/report.yaml:9:9: error[raw-html]: 'notes': raw HTML is not allowed: '<img src=x onerror=alert(1)>' "
        "(write Markdown instead, or escape the '<' as '\\<')",
    ]


def test_html_and_links_in_a_text_of_several_lines_are_found_on_their_line(tmp_path: Path) -> None:
    # A tag in the fourth line of a summary is pointed at there, not at the summary's '|'; a tag
    # written twice, at each; one broken over two lines, which is not written as found, at the text.
    summary = (
        "summary: |\n"
        "  Belarus said it had shot down\n"
        "  a Ukrainian S-300 missile\n"
        "  near <i>Minsk</i>, and <i>near</i>\n"
        "  [the border](ftp://x).\n"
        "date_basis: >\n"
        "  The report's <b\n"
        "  >date</b>.\n"
    )
    text = edit(EVENT, "summary: Belarus said it had shot down a Ukrainian S-300 missile near Minsk.\n", summary)
    assert [line.split(" (")[0] for line in check_event(tmp_path, text)] == [
        f"{EV}:7:8: error[raw-html]: 'summary': raw HTML is not allowed: '<i>'",
        f"{EV}:7:16: error[raw-html]: 'summary': raw HTML is not allowed: '</i>'",
        f"{EV}:7:26: error[raw-html]: 'summary': raw HTML is not allowed: '<i>'",
        f"{EV}:7:33: error[raw-html]: 'summary': raw HTML is not allowed: '</i>'",
        f"{EV}:8:16: error[unsafe-link]: 'summary': link 'ftp://x' is not allowed",
        f"{EV}:9:13: error[raw-html]: 'date_basis': raw HTML is not allowed: '<b >'",
        f"{EV}:11:8: error[raw-html]: 'date_basis': raw HTML is not allowed: '</b>'",
    ]


def test_a_tag_in_two_fields_is_found_in_each_whatever_their_order_in_the_file(tmp_path: Path) -> None:
    summary = "summary: Belarus said it had shot down a Ukrainian S-300 missile near Minsk."
    event = edit(edit(EVENT, summary, ""), TITLE, summary.replace("Belarus said", "Bel <b>x</b> said") + "\n" + TITLE)
    event = edit(event, "title: Belarus says it", "title: Belarus <b>says</b> it")
    assert [line.split(": '")[0] for line in check_event(tmp_path, event)] == [
        f"{EV}:2:14: error[raw-html]",
        f"{EV}:2:18: error[raw-html]",
        f"{EV}:3:16: error[raw-html]",
        f"{EV}:3:23: error[raw-html]",
    ]


def test_html_in_a_quote_is_the_source_s_own_words(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        texts={"report": REPORT_TXT + "It said <b>no</b>.\n"},
        events={EVENT_ID: edit(EVENT, QUOTE_2, "It said <b>no</b>.")},
    )
    assert check(root) == []


def test_a_less_than_sign_is_not_html(tmp_path: Path) -> None:
    text = edit(EVENT, "summary: Belarus said", "summary: Fewer than 3 < 4 missiles; Belarus said")
    assert check_event(tmp_path, text) == []


UNSAFE = "(links must start with http://, https:// or mailto:)"


@pytest.mark.parametrize(
    ("markdown", "target", "column"),
    [  # the column of the target as written; the text's own (10) where it is not written so
        ("[Belarus](javascript:alert(1))", "javascript:alert(1)", 21),
        ("[Belarus](JavaScript:alert(1))", "JavaScript:alert(1)", 21),
        ("[a [nested] label](javascript:x)", "javascript:x", 30),
        ("[an escaped \\\\] bracket](javascript:x)", "javascript:x", 36),
        ("[a reference][r]\\n\\n[r]: vbscript:x", "vbscript:x", 36),
        ("<file:///etc/passwd>", "file:///etc/passwd", 12),
        ("[encoded](jav&#x61;script:alert(1))", "javascript:alert(1)", 10),
        ("[data](data:text/html,hi)", "data:text/html,hi", 18),
        ("[relative](/about)", "/about", 22),
    ],
)
def test_unsafe_link(tmp_path: Path, markdown: str, target: str, column: int) -> None:
    text = edit(
        EVENT,
        "summary: Belarus said it had shot down a Ukrainian S-300 missile near Minsk.",
        f'summary: "{markdown}\\n\\nBelarus said so."',
    )
    assert check_event(tmp_path, text) == [
        f"{EV}:4:{column}: error[unsafe-link]: 'summary': link '{target}' is not allowed {UNSAFE}"
    ]


def test_images_are_refused_even_inside_a_link(tmp_path: Path) -> None:
    text = edit(
        EVENT,
        "summary: Belarus said it had shot down a Ukrainian S-300 missile near Minsk.",
        'summary: "Belarus said [![map](https://example.org/map.png)](https://example.org)."',
    )
    assert check_event(tmp_path, text) == [
        f"{EV}:4:32: error[unsafe-link]: 'summary': images are not allowed: 'https://example.org/map.png' "
        "(the site loads nothing from elsewhere; link to the image instead)"
    ]


def test_safe_links_are_allowed(tmp_path: Path) -> None:
    text = edit(
        EVENT,
        "summary: Belarus said it had shot down a Ukrainian S-300 missile near Minsk.",
        'summary: "Belarus said [so](https://example.org/a?b=1&c=2), [m](mailto:desk@example.org), '
        '<http://example.org> and <desk@example.org>."',
    )
    assert check_event(tmp_path, text) == []


def test_links_in_plain_text_fields_are_not_links(tmp_path: Path) -> None:
    # A title is plain text (shown escaped, never rendered as Markdown), so a link in it is only text.
    assert check_event(tmp_path, edit(EVENT, TITLE, "title: Belarus [says](javascript:x)")) == []


def test_unsafe_link_in_a_date_basis(tmp_path: Path) -> None:
    text = edit(EVENT, DATE, f'{DATE}\ndate_basis: "[see](javascript:y)"')
    assert check_event(tmp_path, text) == [
        f"{EV}:4:20: error[unsafe-link]: 'date_basis': link 'javascript:y' is not allowed {UNSAFE}"
    ]


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            "[" * 101,
            "'summary': the text has 101 '[', more than the 100 a Markdown text may have "
            "(write a literal '[' as '\\[')",
        ),
        (
            "x" * 10_001,
            "'summary': the text is 10,001 characters long; a Markdown text may have at most 10,000 (shorten it)",
        ),
        (
            "- " * 1000 + "x",
            "'summary': the text cannot be read as Markdown: it is nested too deeply or "
            "otherwise too complex (use fewer levels of lists and quotes)",
        ),
    ],
    ids=["brackets", "length", "nesting"],
)
def test_markdown_limit(tmp_path: Path, summary: str, expected: str) -> None:
    # Python-Markdown would take minutes over 50,000 '[', and fails on deep nesting: refused instead.
    text = edit(
        EVENT, "summary: Belarus said it had shot down a Ukrainian S-300 missile near Minsk.", f"summary: '{summary}'"
    )
    assert check_event(tmp_path, text) == [f"{EV}:4:10: error[markdown-limit]: {expected}"]


def test_escaped_brackets_are_not_counted(tmp_path: Path) -> None:
    text = edit(EVENT, "summary: Belarus said", "summary: '" + "\\[" * 150 + "' # Belarus said")
    assert check_event(tmp_path, text) == []


# --- warnings ---------------------------------------------------------------------------------------


def test_unused_actor(tmp_path: Path) -> None:
    assert check(make_project(tmp_path, actors={"russia": "id: russia\nname: Russia\nkind: state\n"})) == [
        "actors/russia.yaml:1:5: warning[unused-actor]: no event or source mentions actor 'russia', "
        "nor any actor that is a member of it "
        "(add it to an event's actors or a source's relays, or remove the file)"
    ]


def test_an_actor_only_a_source_names_is_used(tmp_path: Path) -> None:
    # A source's 'relays' refers to actors (x-refers-to in its schema): an actor entered for it
    # alone is in use, not warned of; nor is any body it is a member of.
    reuters = "id: reuters\nname: Reuters\nkind: organisation\nmember_of:\n  - thomson-reuters\n"
    parent = "id: thomson-reuters\nname: Thomson Reuters\nkind: organisation\n"
    seed = REPORT_YAML + "relays:\n  - reuters\n"
    root = make_project(tmp_path, actors={"reuters": reuters, "thomson-reuters": parent}, seeds={"report": seed})
    assert check(root) == []


def test_every_field_that_refers_to_actors_is_read_from_the_schemas() -> None:
    from chronology import across, schema

    assert schema.reference_paths("seed", "actor") == (("relays", None),)
    assert set(schema.reference_paths("event", "actor")) == {
        ("actors", None, "ref"),
        ("sources", None, "attributed_to", None),
        ("figures", None, "attributed_to", None),
    }
    assert across.MENTIONING == ("event", "seed")
    source = {"id": "s", "relays": ["belta", "reuters"]}
    assert across.mentions_of("seed", source) == ({"belta", "reuters"}, set())


def test_unused_place(tmp_path: Path) -> None:
    assert check(
        make_project(
            tmp_path,
            places={"kyiv": KYIV_PLACE},
        )
    ) == [
        "places/kyiv.yaml:1:5: warning[unused-place]: no event happens at place 'kyiv', "
        "nor at any place within it "
        "(add it to an event's places, or remove the file)"
    ]


def test_no_unused_warnings_when_an_event_cannot_be_read(tmp_path: Path) -> None:
    # The broken event may be the one that mentions them.
    assert check(
        make_project(
            tmp_path,
            events={"broken": "id: [\n"},
            places={"kyiv": KYIV_PLACE},
        )
    ) == ["events/broken.yaml:2:1: error[yaml-syntax]: expected a value, but found the end of the file"]


def test_event_without_actor(tmp_path: Path) -> None:
    text = edit(EVENT, ACTORS, "")
    assert check(
        make_project(tmp_path, events={EVENT_ID: text}, actors={"belarus": None, "alexander-lukashenko": None})
    ) == [f"{EV}:1:1: warning[event-without-actor]: the event names no actor (add who took part under 'actors')"]


def test_an_event_attributed_to_an_actor_has_an_actor(tmp_path: Path) -> None:
    text = edit(EVENT, ACTORS, "")
    text = edit(text, "    voice: own\n", "    voice: attributed\n    attributed_to:\n      - belarus\n")
    assert check(make_project(tmp_path, events={EVENT_ID: text}, actors={"alexander-lukashenko": None})) == []


def test_the_old_claimed_by_names_what_replaced_it(tmp_path: Path) -> None:
    assert check_event(tmp_path, EVENT + "claimed_by:\n  - belarus\n") == [
        f"{EV}:19:1: error[replaced-field]: 'claimed_by' is no longer a field (how a source presents the event "
        "is now said for each source: give each entry of 'sources' a 'voice' (own or attributed) and, when "
        "attributed, 'attributed_to' with the actor ids)"
    ]


ROOT_CLAIMED_BY = (
    "(how a source presents the event is now said for each source: give each entry of 'sources' a 'voice' "
    "(own or attributed) and, when attributed, 'attributed_to' with the actor ids)"
)
LINK_CLAIMED_BY = (
    "(a link names no party: whose account each event is, is said in its own citations ('voice: attributed' and "
    "'attributed_to'); a party's words about the other event are a statement event of their own, linked to it by "
    "how they bear on it (asserts, acknowledges, denies, disputes, corroborates), with a 'note' for how far they go)"
)


@pytest.mark.parametrize(
    ("where", "text", "position", "hint"),
    [
        (
            "a source entry",
            edit(EVENT, "    voice: own\n", "    voice: own\n    claimed_by:\n      - belarus\n"),
            "19:5",
            "(who a source says claims the event is now said in its citation: 'voice: attributed' and "
            "'attributed_to' with the actor ids)",
        ),
        (
            "a figure",
            EVENT + "figures:\n  - counts: missiles\n    what: missiles\n    value: 1\n    seed: report\n"
            "    voice: own\n    quote: a S-300\n    claimed_by:\n      - belarus\n",
            "26:5",
            "(who gives a figure is said as for a citation: 'voice: attributed' and 'attributed_to' with the "
            "actor ids)",
        ),
        (
            "a link, which says who speaks through the events it joins",
            EVENT + f"related:\n  - ref: {EVENT_ID}\n    type: context\n    claimed_by:\n      - belarus\n",
            "22:5",
            LINK_CLAIMED_BY,
        ),
        (
            "an actor's entry, with no word of its own",
            edit(EVENT, "    role: claimant\n", "    role: claimant\n    claimed_by:\n      - belarus\n"),
            "8:5",
            ROOT_CLAIMED_BY,
        ),
    ],
)
def test_the_old_claimed_by_names_what_replaced_it_at_any_depth(
    tmp_path: Path, where: str, text: str, position: str, hint: str
) -> None:
    found = [line for line in check_event(tmp_path, text) if "claimed_by" in line]
    assert found == [f"{EV}:{position}: error[replaced-field]: 'claimed_by' is no longer a field {hint}"], where


def test_a_citation_must_say_how_its_source_presents_the_event(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "    voice: own\n", "")) == [
        f"{EV}:14:5: error[missing-field]: missing field 'voice' in 'sources[0]' (How the source presents the "
        'event: own (it states it as fact, in its own voice: "Belarus has protested to Ukraine\'s ambassador") or '
        "attributed (as what a party says: \"Belarus later summoned Ukraine's ambassador ..., its foreign "
        'ministry said"))'
    ]


def test_an_attributed_citation_says_to_whom(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "    voice: own\n", "    voice: attributed\n")) == [
        f"{EV}:18:12: error[missing-field]: 'sources[0]' is attributed but does not say to whom "
        "(add 'attributed_to' with the ids of the actors the source attributes it to)"
    ]


def test_a_citation_in_its_own_voice_is_attributed_to_no_one(tmp_path: Path) -> None:
    text = edit(EVENT, "    voice: own\n", "    voice: own\n    attributed_to:\n      - belarus\n")
    assert check_event(tmp_path, text) == [
        f"{EV}:20:7: error[conflicting-fields]: 'sources[0]' is in the source's own voice, so it is attributed "
        "to no one (set 'voice: attributed' if the source reports it as what these parties say, or remove "
        "'attributed_to')"
    ]


def test_a_voice_is_own_or_attributed(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, "    voice: own\n", "    voice: claimed\n")) == [
        f"{EV}:18:12: error[invalid-value]: 'sources[0].voice' cannot be 'claimed' (one of: own, attributed)"
    ]


def test_date_without_basis(tmp_path: Path) -> None:
    assert check_event(tmp_path, edit(EVENT, DATE, "date: '2022-12-28'")) == [
        f"{EV}:3:7: warning[date-without-basis]: the date '2022-12-28' is not written in the event's quotes and "
        "has no basis (say in 'date_basis' how it was established, e.g. which Thursday or which year)"
    ]


def test_a_date_with_its_basis_is_not_warned_about(tmp_path: Path) -> None:
    text = edit(EVENT, DATE, "date: '2022-12-28'\ndate_basis: The day before the report, which says 'yesterday'.")
    assert check_event(tmp_path, text) == []


# --- one run reports everything ----------------------------------------------------------------------


def test_every_problem_in_every_file_in_one_run(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        events={
            EVENT_ID: edit(edit(EVENT, DATE, "date: '2022-02-30'"), "ref: alexander-lukashenko", "ref: lukashenko"),
            "broken": "title: [\n",
        },
        actors={"belarus": edit(BELARUS_ACTOR, "kind: state", "kind: State")},
        places={"minsk": MINSK_PLACE + "colour: grey\n"},
        seeds={"report": edit(REPORT_YAML, "language: en", "language: English")},
        files={"events/notes.md": "notes"},
    )
    lines = check(root)
    assert [(line.split(":")[0], line.split(": ")[1]) for line in lines] == [
        ("actors/belarus.yaml", "error[invalid-value]"),
        (EV, "error[invalid-date]"),
        (EV, "error[unknown-reference]"),
        ("events/broken.yaml", "error[yaml-syntax]"),
        ("events/notes.md", "error[unexpected-file]"),
        ("places/minsk.yaml", "error[unknown-field]"),
        ("seeds/report.yaml", "error[invalid-value]"),
    ]
    assert run(root).chronology is None


#: An event with one fault of its own in each of several fields, none of them the schema's.
FAULTY_EVENT = f"""\
id: {EVENT_ID}
title: Belarus says <b>it</b> shot down a missile
date: '2022-12-28'
time: '09:75'
timezone: Europe/Minks
summary: "   "
actors:
  - ref: belarus
    role: claimant
  - ref: belarus
    role: speaker
places:
  - minsk
  - minsk
tags: [air-defence, air-defence]
sources:
  - seed: report
    quotes:
      - {QUOTE_1}
    voice: own
"""

#: Each fault of FAULTY_EVENT (its rule, and a word of its message), with the fields it reads.
FAULTS = {
    ("raw-html", "'<b>'"): {"title"},
    ("raw-html", "'</b>'"): {"title"},
    ("invalid-time", "'09:75'"): {"time"},
    ("invalid-timezone", "'Europe/Minks'"): {"timezone"},
    ("missing-value", "'summary'"): {"summary"},
    ("duplicate-entry", "'actors'"): {"actors"},
    ("duplicate-entry", "'places'"): {"places"},
    ("duplicate-entry", "'tags'"): {"tags"},
    ("date-without-basis", "'2022-12-28'"): {"date", "sources"},
}


def _faults(diagnostics: list[Diagnostic]) -> set[tuple[str, str]]:
    """Which of FAULTS the diagnostics of the event's file hold."""
    found = {(d.rule, d.message) for d in diagnostics if d.path == EV}
    return {fault for fault in FAULTS if any(rule == fault[0] and fault[1] in message for rule, message in found)}


def test_the_faulty_event_holds_every_fault(tmp_path: Path) -> None:
    diagnostics = run(make_project(tmp_path, events={EVENT_ID: FAULTY_EVENT})).diagnostics
    assert _faults(diagnostics) == set(FAULTS)
    assert len([d for d in diagnostics if d.path == EV]) == len(FAULTS)


@pytest.mark.parametrize(
    "field", ["id", "title", "date", "time", "timezone", "summary", "actors", "places", "tags", "sources"]
)
def test_a_field_the_schema_refuses_leaves_the_others_checked(tmp_path: Path, field: str) -> None:
    # One mistyped field must not hide a wrong date or zone elsewhere in the file until it is
    # mended; nor may its absence from what is checked be taken for a field left out ('a time needs
    # a timezone', 'the event names no actor').
    refused = re.sub(rf"(?m)^{field}:.*\n(?: +.*\n)*", f"{field}: {{wrong: 1}}\n", FAULTY_EVENT)
    diagnostics = run(make_project(tmp_path, events={EVENT_ID: refused})).diagnostics
    mine = [d for d in diagnostics if d.path == EV]
    assert [(d.rule, d.message) for d in mine if d.rule == "wrong-type"] == [
        (
            "wrong-type",
            f"'{field}' must be {'a list' if field in ('actors', 'places', 'tags', 'sources') else 'text'}, "
            "found a mapping of fields",
        )
    ]
    kept = {fault for fault, fields in FAULTS.items() if field not in fields}
    assert _faults(mine) == kept
    assert len(mine) == len(kept) + 1


def test_what_a_schema_error_left_is_found_in_the_same_round(tmp_path: Path) -> None:
    event = edit(
        edit(EVENT, DATE, "date: '2022-02-30'\ntimezone: Europe/Minks"), "    role: speaker", "    role: Speaker"
    )
    assert [line.split(" (")[0] for line in check_event(tmp_path, event)] == [
        f"{EV}:3:7: error[invalid-date]: '2022-02-30': February 2022 has no day 30",
        f"{EV}:4:11: error[invalid-timezone]: 'Europe/Minks' is not an IANA time zone",
        f"{EV}:10:11: error[invalid-value]: 'actors[1].role' has the wrong form: 'Speaker'",
    ]


@pytest.mark.parametrize(
    ("place", "refusal", "absent"),
    [
        ("id: belarus\nname: Belarus\nkind: country\ncountry_code: 12\n", "invalid-value", "country-without-code"),
        ("id: minsk\nname: Minsk\nkind: city\ncoordinates: here\n", "wrong-type", "place-without-coordinates"),
    ],
)
def test_a_place_whose_map_field_is_refused_is_not_warned_of_lacking_it(
    tmp_path: Path, place: str, refusal: str, absent: str
) -> None:
    ident = place.split("\n")[0].removeprefix("id: ")
    rules = [
        d.rule
        for d in run(make_project(tmp_path, places={ident: place})).diagnostics
        if d.path == f"places/{ident}.yaml"
    ]
    assert rules[0] == refusal
    assert absent not in rules


def test_a_source_with_a_field_refused_still_has_its_date_checked(tmp_path: Path) -> None:
    seed = edit(
        edit(REPORT_YAML, "language: en", "language: English"), "published: '2022-12-29'", "published: '2022-13-01'"
    )
    rules = [
        d.rule for d in run(make_project(tmp_path, seeds={"report": seed})).diagnostics if d.path == "seeds/report.yaml"
    ]
    assert sorted(rules) == ["invalid-date", "invalid-value"]


@pytest.mark.example
@pytest.mark.parametrize(
    ("file", "change", "rule"),
    [
        (".txt", None, "missing-source-text"),
        (".txt", b"", "empty-file"),
        (".txt", b"Belarus \xff said", "encoding"),
        (".yaml", ("language: en", "language: English"), "invalid-value"),
    ],
)
def test_a_source_that_cannot_be_read_leaves_its_actors_aliases_unjudged(
    tmp_path: Path, file: str, change: bytes | tuple[str, str] | None, rule: str
) -> None:
    # The repository's actors have aliases found in its one source ('Mr Lukashenko'): with the
    # source unreadable, whether it writes them cannot be told, and only the source is wrong.
    from chronology.check import check_project
    from tests.test_site import copy_project

    project = copy_project(tmp_path / "p")
    path = next((project / "seeds").glob(f"*{file}"))
    if change is None:
        path.unlink()
    elif isinstance(change, bytes):
        path.write_bytes(change)
    else:
        path.write_text(edit(path.read_text("utf-8"), *change), "utf-8")
    rules = {d.rule for d in check_project(project).errors}
    assert rule in rules
    assert "alias-without-basis" not in rules


def test_every_rule_the_tests_expect_is_explained_to_contributors() -> None:
    # CONTRIBUTING's table says what each rule means and how to fix it: a rule the checker gives
    # (as the tests expect it, in a data file's message) that the table leaves out is unexplained.
    from tests.test_site import ROOT

    message = re.compile(
        r"(?:(?:events|actors|places|seeds)/[^:\s]*|\{[A-Z_]+\}):[0-9{][^:]*:[0-9{][^:]*: "
        r"(?:error|warning)\[([a-z0-9]+(?:-[a-z0-9]+)*)\]"
    )
    expected = {
        rule
        for path in (ROOT / "tests").rglob("*.py")
        if path.name != "test_hostile_text.py"  # its messages are made up, to test how they are escaped
        for rule in message.findall(path.read_text("utf-8"))
    }
    contributing = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    table = contributing.split("## What the checker's messages mean", 1)[1].split("\n## ", 1)[0]
    explained = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)*)`", table))
    assert len(expected) > 50
    assert sorted(expected - explained) == []


@pytest.mark.parametrize(
    ("name", "kind"), [("event", "events"), ("Events", "events"), ("sources", "seeds"), ("actor", "actors")]
)
def test_data_files_in_a_folder_named_like_a_data_folder_are_not_dropped_unsaid(
    tmp_path: Path, name: str, kind: str
) -> None:
    root = make_project(tmp_path)
    misplaced = root / name
    misplaced.mkdir()
    (misplaced / "2022-12-30-one-more.yaml").write_text(EVENT, "utf-8")
    (misplaced / "notes.txt").write_text("not data", "utf-8")
    assert check(root) == [
        f"{name}:1:1: error[unexpected-file]: {name}/ is not a data folder, so its 1 data file is not read "
        f"(move it into {kind}/ (the data folders are events/, actors/, places/ and seeds/))"
    ]
    (misplaced / "2022-12-30-one-more.yaml").unlink()
    assert check(root) == []  # a folder of that name without data files is the project's own


def test_a_project_without_its_events_folder_says_so(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "events" / f"{EVENT_ID}.yaml").unlink()
    (root / "events").rmdir()
    assert (
        "events:1:1: error[missing-folder]: the project has no events/ folder, so it has no events "
        "(make events/ beside mkdocs.yml, with a file for each event ('python build.py new event' writes one))"
        in check(root)
    )


def test_a_file_name_that_is_not_utf8_is_refused_and_named_with_its_bytes(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    events, seeds = os.fsencode(root / "events"), os.fsencode(root / "seeds")
    with open(os.path.join(events, b"caf\xe9.yaml"), "w", encoding="utf-8") as handle:
        handle.write(EVENT)
    with open(os.path.join(seeds, b"caf\xe9.txt"), "w", encoding="utf-8") as handle:
        handle.write("Text.\n")
    words = (
        "error[unexpected-file]: the file's name is not UTF-8 (each \\xNN shown is a byte that is not), so the "
        "file is not read (rename it, using UTF-8)"
    )
    assert check(root) == [f"events/caf\\xe9.yaml:1:1: {words}", f"seeds/caf\\xe9.txt:1:1: {words}"]


def test_ids_that_differ_only_in_case_are_refused_as_one_id(tmp_path: Path) -> None:
    root = make_project(
        tmp_path, seeds={"Report": edit(REPORT_YAML, "id: report", "id: Report")}, texts={"Report": REPORT_TXT}
    )
    assert [line for line in check(root) if "error" in line] == [
        "seeds/Report.yaml:1:5: error[duplicate-id]: id 'Report' differs only in case from 'report' (in "
        "seeds/report.yaml) (choose another id: a file system that ignores case, as macOS's and Windows's do, "
        "would take their files and pages for one)"
    ]


def test_of_ids_differing_only_in_case_the_lowercase_one_is_kept(tmp_path: Path) -> None:
    # The lowercase id is kept, whichever file is read first (capitals sort first): an id with
    # capitals is refused against it, and one with capitals against the first such.
    seeds = {name: edit(REPORT_YAML, "id: report", f"id: {name}") for name in ("REPORT", "Report")}
    root = make_project(tmp_path, seeds=seeds, texts={"REPORT": REPORT_TXT, "Report": REPORT_TXT})
    hint = (
        "(choose another id: a file system that ignores case, as macOS's and Windows's do, would take their files "
        "and pages for one)"
    )
    assert [line for line in check(root) if "error" in line] == [
        f"seeds/REPORT.yaml:1:5: error[duplicate-id]: id 'REPORT' differs only in case from 'report' (in "
        f"seeds/report.yaml) {hint}",
        f"seeds/Report.yaml:1:5: error[duplicate-id]: id 'Report' differs only in case from 'REPORT' (in "
        f"seeds/REPORT.yaml) {hint}",
    ]


# --- a link's note ---------------------------------------------------------------------------------

#: A statement about the tiny event, whose link has a note (NOTE, line 17).
NOTED_ID = "2022-12-29-officials-play-it-down"
NOTED = f"""\
id: {NOTED_ID}
title: Lukashenko's officials say there is nothing to worry about
date: '2022-12-29'
date_basis: The day the report gives.
summary: Lukashenko's officials said there was nothing to worry about.
actors:
  - ref: alexander-lukashenko
    role: speaker
sources:
  - seed: report
    voice: own
    quotes:
      - there was “absolutely nothing to worry about”
related:
  - ref: {EVENT_ID}
    type: comments-on
    note: NOTE
"""
NOTED_FILE = f"events/{NOTED_ID}.yaml"


def test_a_link_may_say_what_of_the_other_event_it_concerns(tmp_path: Path) -> None:
    note = "the missile, not who fired it"
    result = run(make_project(tmp_path, events={NOTED_ID: NOTED.replace("NOTE", note)}))
    assert [d.text() for d in result.diagnostics] == []
    assert result.chronology is not None
    (relation,) = result.chronology.events_by_id[NOTED_ID].related
    assert (relation.type, relation.target, relation.note) == ("comments-on", EVENT_ID, note)


def test_a_link_without_a_note_has_none(tmp_path: Path) -> None:
    result = run(make_project(tmp_path, events={NOTED_ID: NOTED.replace("    note: NOTE\n", "")}))
    assert result.chronology is not None
    assert [r.note for r in result.chronology.events_by_id[NOTED_ID].related] == [None]


def test_a_link_s_note_may_not_be_empty_too_long_or_on_two_lines(tmp_path: Path) -> None:
    from chronology.schema import schema

    described = schema("event")["properties"]["related"]["items"]["properties"]["note"]["description"]
    assert check(make_project(tmp_path / "empty", events={NOTED_ID: NOTED.replace("NOTE", "''")})) == [
        f"{NOTED_FILE}:17:11: error[missing-value]: 'related[0].note' must not be empty ({described})"
    ]
    assert check(make_project(tmp_path / "long", events={NOTED_ID: NOTED.replace("NOTE", "x" * 301)})) == [
        f"{NOTED_FILE}:17:11: error[invalid-value]: 'related[0].note' is too long: 301 characters, at most 300 "
        "(shorten it)"
    ]
    assert check(make_project(tmp_path / "300", events={NOTED_ID: NOTED.replace("NOTE", "x" * 300)})) == []
    lines = check(make_project(tmp_path / "break", events={NOTED_ID: NOTED.replace("NOTE", '"one\\ntwo"')}))
    assert [line.split(": ")[:2] for line in lines] == [[f"{NOTED_FILE}:17:11", "error[invalid-character]"]]
    assert "'related[0].note'" in lines[0]
    assert check(make_project(tmp_path / "blank", events={NOTED_ID: NOTED.replace("NOTE", "' '")})) == [
        f"{NOTED_FILE}:17:11: error[missing-value]: 'related[0].note' is blank (write the text, or remove it)"
    ]


NOTE_BEGINS = (
    "warning[note-form]: 'related[0].note' begins as a sentence does, with '{word}': a note reads on from the "
    "other event's title, after a dash (begin it in lower case: '{lowered}')"
)
NOTE_ENDS = (
    "warning[note-form]: 'related[0].note' ends with a full stop: a note reads on from the other event's title, "
    "and the page may go on after it ('; ' and the next event) (remove the full stop)"
)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("The missile, not who fired it", [NOTE_BEGINS.format(word="The", lowered="the missile, not who fired it")]),
        ("Only the missile", [NOTE_BEGINS.format(word="Only", lowered="only the missile")]),
        ("That it was a stray", [NOTE_BEGINS.format(word="That", lowered="that it was a stray")]),
        ("the missile, not who fired it.", [NOTE_ENDS]),
        (
            "The missile, not who fired it.",
            [NOTE_BEGINS.format(word="The", lowered="the missile, not who fired it."), NOTE_ENDS],
        ),
        # Read on from the title: in lower case, or with a name; no full stop, though an ellipsis or
        # an abbreviation may end it.
        ("the missile, not who fired it", []),
        ("Gorbakha, not the district", []),
        ("Ukraine's part only", []),
        ("The Hague's ruling, not the talks", []),
        ("the missile fired from the U.S.", []),
        ("the missile, the wreckage, etc.", []),
        ("the missile and ...", []),
        ("'the missile,' as the report puts it", []),
        # A word of the list is a sentence's only written as one: not a code, a name or a model in
        # capitals ('BY', 'IT', 'An-26'), nor before a name ('Her Majesty's'); an abbreviation's full
        # stop is its own.
        ("A missile, not the launcher", [NOTE_BEGINS.format(word="A", lowered="a missile, not the launcher")]),
        ("BY registration plates on the wreckage, as the ministry says", []),
        ("An-26 flights the demand names", []),
        ("A-50 flights", []),
        ("IT systems", []),
        ("NO2 levels", []),
        ("AT&T's statement", []),
        ("ON Semiconductor's plant", []),
        ("Her Majesty's Government's reply", []),
        ("No. 10 Downing Street's reply", []),
        ("the statement of Reuters Inc.", []),
        ("in the words of a Lt. Col.", []),
        ("the church at St.", []),
    ],
)
def test_a_link_s_note_reads_on_from_the_other_event_s_title(tmp_path: Path, note: str, expected: list[str]) -> None:
    """The pages show a note after the other event's title and a dash, and may go on after it: it
    begins in lower case (or with a name) and ends without a full stop, as the schema says."""
    text = NOTED.replace("NOTE", f'"{note}"')
    assert check(make_project(tmp_path, events={NOTED_ID: text})) == [f"{NOTED_FILE}:17:11: {e}" for e in expected]


@pytest.mark.parametrize(
    ("day", "time", "zone", "expected"),
    [
        # Kyiv's clocks went from 03:00 to 04:00 on 27 March 2022: no 03:30 was, at either end.
        (
            "2022-03-27",
            "03:30",
            "Europe/Kyiv",
            "no 03:30 on 27 March 2022 in Europe/Kyiv: the clocks were put forward an hour past it",
        ),
        (
            "2022-03-27",
            "02:00/~03:15",
            "Europe/Kyiv",
            "no 03:15 on 27 March 2022 in Europe/Kyiv: the clocks were put forward an hour past it",
        ),
        # Lord Howe Island's are put forward half an hour.
        (
            "2022-10-02",
            "02:15",
            "Australia/Lord_Howe",
            "no 02:15 on 2 October 2022 in Australia/Lord_Howe: the clocks were put forward 30 minutes past it",
        ),
    ],
)
def test_a_time_the_clocks_skipped_is_refused(tmp_path: Path, day: str, time: str, zone: str, expected: str) -> None:
    text = edit(EVENT, DATE, f"date: '{day}'\ntime: '{time}'\ntimezone: {zone}\ndate_basis: The report.")
    assert check_event(tmp_path, text) == [
        f"{EV}:4:7: error[invalid-time]: 'time': there was {expected} (check the time, its day and its zone: "
        "the source may give it in UTC or in another zone)"
    ]


def test_a_time_the_clocks_told_twice_is_warned_of_and_taken_as_the_first(tmp_path: Path) -> None:
    # Kyiv's clocks went back from 04:00 to 03:00 on 30 October 2022: 03:30 came twice.
    text = edit(EVENT, DATE, "date: '2022-10-30'\ntime: '03:30'\ntimezone: Europe/Kyiv\ndate_basis: The report.")
    assert check_event(tmp_path, text) == [
        f"{EV}:4:7: warning[ambiguous-time]: 'time': 03:30 came twice on 30 October 2022 in Europe/Kyiv, the clocks "
        "put back an hour: it is taken as the first (if the source says which, or the second is meant, give the "
        "time in UTC (timezone: UTC))"
    ]


@pytest.mark.parametrize(
    ("day", "time", "zone"),
    [
        ("2022-03-27", "02:59/04:00", "Europe/Kyiv"),
        ("2022-10-30", "02:59/04:00", "Europe/Kyiv"),
        ("2022-12-29", "10:00/11:00", "UTC"),
    ],
)
def test_a_time_either_side_of_a_clock_change_passes(tmp_path: Path, day: str, time: str, zone: str) -> None:
    text = edit(EVENT, DATE, f"date: '{day}'\ntime: '{time}'\ntimezone: {zone}\ndate_basis: The report.")
    assert check_event(tmp_path, text) == []
