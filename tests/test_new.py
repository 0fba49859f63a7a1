"""``python build.py new``: a new data file from options or questions; it never overwrites."""

from __future__ import annotations

import copy
import io
import re
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronology import fmt, new, schema
from chronology.cli import main
from chronology.diagnostics import Collector
from chronology.load import parse_yaml
from tests.conftest import EVENT_ID, REPORT_TXT, REPORT_YAML, ROOT, check, make_project
from tests.test_site import copy_project

QUOTE = "Belarus said on 29 December 2022 that it had shot down a Ukrainian S-300 missile near Minsk."
#: The start of each command's error messages.
EVENT_ERROR, ACTOR_ERROR, PLACE_ERROR, SOURCE_ERROR = (
    f"build.py new {kind}: error: " for kind in ("event", "actor", "place", "source")
)
#: What every new source in these tests is given besides its text file and id.
SOURCE_ARGS = ("--label", "X", "--language", "en", "--published-basis", "Unknown.")
ASK = "(give them, or run the command in a terminal to be asked)"


class Terminal(io.StringIO):
    """A stdin that is (or is not) a terminal."""

    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(False))


def run_new(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``build.py new ...`` in-process: exit code, stdout, stderr."""
    code = main(["--root", str(root), "new", *args])
    out, err = capsys.readouterr()
    return code, out, err


def files(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, as bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def rules(root: Path) -> list[str]:
    """The severity and rule of each diagnostic of the checker, e.g. ``warning[unused-actor]``."""
    return [line.split(": ", 2)[1] for line in check(root)]


# --- one example of each kind, the whole text -------------------------------------------------

EVENT_ARGS = [
    "event",
    "--title", "Belarus says it downed a Ukrainian S-300: again",
    "--date", "2022-12-30",
    "--time", "10:00",
    "--timezone", "Europe/Minsk",
    "--date-basis", "The report's Friday.",
    "--summary", "Belarus said it shot down a missile. Officials said: no danger.",
    "--actor", "belarus:claimant",
    "--actor", "alexander-lukashenko:speaker",
    "--place", "minsk",
    "--voice", "attributed",
    "--attributed-to", "belarus",
    "--tag", "air-defence",
    "--seed", "report",
    "--quote", QUOTE,
    "--quote", "there was “absolutely nothing to worry about”",
    "--related", f"{EVENT_ID}:follows",
]  # fmt: skip

EVENT_PATH = "events/2022-12-30-belarus-says-it-downed-a-ukrainian-s-300-again.yaml"
EVENT_TEXT = f"""\
# yaml-language-server: $schema=../chronology/schemas/event.schema.json
id: 2022-12-30-belarus-says-it-downed-a-ukrainian-s-300-again
title: 'Belarus says it downed a Ukrainian S-300: again'
date: '2022-12-30'
time: '10:00'
timezone: Europe/Minsk
date_basis: |
  The report's Friday.
summary: |
  Belarus said it shot down a missile.
  Officials said: no danger.
actors:
  - ref: belarus
    role: claimant
  - ref: alexander-lukashenko
    role: speaker
places:
  - minsk
tags:
  - air-defence
sources:
  - seed: report
    voice: attributed
    attributed_to:
      - belarus
    quotes:
      - {QUOTE}
      - there was “absolutely nothing to worry about”
related:
  - ref: {EVENT_ID}
    type: follows
"""


def test_new_event_writes_the_file_in_canonical_form_and_prints_its_path(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    assert run_new(project, capsys, *EVENT_ARGS) == (0, EVENT_PATH + "\n", "")
    assert (project / EVENT_PATH).read_text(encoding="utf-8") == EVENT_TEXT
    assert check(project) == []


ACTOR_TEXT = """\
# yaml-language-server: $schema=../chronology/schemas/actor.schema.json
id: belarus-ministry-of-defence
name: Belarus's Defence Ministry
kind: government-body
aliases:
  - name: Міністэрства абароны
    lang: be
    basis: |
      Its own usage.
  - name: 'no'
    lang: en
    basis: |
      Its own usage.
member_of:
  - belarus
description: |
  The ministry that spoke for Belarus.
  It is part of the state.
"""


def test_new_actor(project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None) -> None:
    code, out, err = run_new(
        project, capsys, "actor", "--name", "Belarus's Defence Ministry",
        "--id", "belarus-ministry-of-defence", "--kind", "government-body",
        "--alias", "{name: Міністэрства абароны, lang: be, basis: Its own usage.}",
        "--alias", "{name: 'no', lang: en, basis: Its own usage.}", "--member-of", "belarus",
        "--description", "The ministry that spoke for Belarus.  It is part of the state.",
    )  # fmt: skip
    assert (code, out, err) == (0, "actors/belarus-ministry-of-defence.yaml\n", "")
    written = (project / "actors/belarus-ministry-of-defence.yaml").read_text(encoding="utf-8")
    assert written == ACTOR_TEXT
    # A new actor that no event names yet: the one thing the checker says, as a warning.
    assert rules(project) == ["warning[unused-actor]"]


PLACE_TEXT = """\
# yaml-language-server: $schema=../chronology/schemas/place.schema.json
id: gorbakha
name: Gorbakha
kind: village
aliases:
  - name: Горбаха
    lang: ru
    basis: |
      The name in Russian.
within: belarus
coordinates:
  lat: 52.1
  lon: 24.5
  precision: settlement
  basis: |
    GeoNames 123; outside the report
sources:
  - seed: report
    quotes:
      - a Ukrainian S-300 missile near Minsk
"""


def test_new_place_takes_its_id_from_the_name(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    code, out, err = run_new(
        project, capsys, "place", "--name", "Gorbakha", "--kind", "village",
        "--alias", "{name: Горбаха, lang: ru, basis: The name in Russian.}", "--within", "belarus",
        "--lat", "52.10", "--lon", "24.5", "--precision", "settlement",
        "--basis", "GeoNames 123; outside the report",
        "--seed", "report", "--quote", "a Ukrainian S-300 missile near Minsk",
    )  # fmt: skip
    assert (code, out, err) == (0, "places/gorbakha.yaml\n", "")
    assert (project / "places/gorbakha.yaml").read_text(encoding="utf-8") == PLACE_TEXT
    assert rules(project) == ["warning[unused-place]"]


def test_new_place_outside_the_country_it_is_within_is_refused_as_check_refuses_it(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    before = files(project)
    code, out, err = run_new(
        project, capsys, "place", "--name", "Gorbakha", "--kind", "village", "--within", "belarus",
        "--lat", "50.45", "--lon", "30.52", "--precision", "settlement", "--basis", "GeoNames 123; outside the report",
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert err == (
        f"{PLACE_ERROR}the point 50.45 N, 30.52 E is not inside the shape of 'belarus' (BLR), which the place is "
        "within: it falls in Ukraine (UKR) (check the figures (latitude first, north positive; longitude east "
        "positive) and --within)\n"
    )
    assert files(project) == before


def test_new_place_at_sea_is_told_the_option_that_says_why(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    """The checker's message names the fields of a file; new's user gives options, so it names those."""
    place = [
        "place",
        "--name",
        "Baltic Point",
        "--kind",
        "area",
        "--within",
        "belarus",
        "--lat",
        "55.5",
        "--lon",
        "19.0",
    ]
    place += ["--precision", "point", "--basis", "Outside the report"]
    code, _, err = run_new(project, capsys, *place)
    assert code == 1 and "it falls outside every bundled shape" in err
    assert (
        "if the figures are right, say why in --outside-shapes; else check the figures" in err
        and "and --within)" in err
    )
    code, out, err = run_new(project, capsys, *place, "--outside-shapes", "At sea, for the test.")
    assert (code, out) == (0, "places/baltic-point.yaml\n")


def test_new_place_with_a_country_code_without_a_shape_is_warned_of_as_check_warns(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    # The Vatican's shape vanishes at the bundled outlines' thousandth of a degree.
    code, out, err = run_new(
        project, capsys, "place", "--name", "Vatican City", "--kind", "country", "--country-code", "VAT",
        "--lat", "41.904", "--lon", "12.453", "--precision", "country-centroid", "--basis", "Outside the report",
    )  # fmt: skip
    assert (code, out) == (0, "places/vatican-city.yaml\n")
    assert err.startswith(
        "build.py new place: warning: the bundled boundaries have no shape for 'VAT', so points within it are "
        "not checked (the atlas's shape of Vatican vanishes when rounded"
    )
    assert rules(project) == ["warning[unused-place]", "warning[country-without-shape]"]


SOURCE_TEXT = """\
# yaml-language-server: $schema=../chronology/schemas/seed.schema.json
id: tass_2022-12-30
label: 'TASS: the day after'
title: null
publisher: TASS
url: https://example.org/a?b=c#d
language: ru
published: '2022-12-30'
published_basis: |
  The page's own date line.
"""


def test_new_source_copies_the_text_byte_for_byte_and_writes_its_metadata(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    original = "\ufeffПервая строка.  \r\nSecond line\twith a tab – no final newline".encode()  # noqa: RUF001
    text_file = tmp_path / "download.txt"
    text_file.write_bytes(original)
    code, out, err = run_new(
        project, capsys, "source", "--text-file", str(text_file), "--id", "tass_2022-12-30",
        "--label", "TASS: the day after", "--publisher", "TASS",
        "--url", "https://example.org/a?b=c#d", "--language", "ru", "--published", "2022-12-30",
        "--published-basis", "The page's own date line.",
    )  # fmt: skip
    assert (code, out, err) == (0, "seeds/tass_2022-12-30.yaml\nseeds/tass_2022-12-30.txt\n", "")
    assert (project / "seeds/tass_2022-12-30.yaml").read_text(encoding="utf-8") == SOURCE_TEXT
    assert (project / "seeds/tass_2022-12-30.txt").read_bytes() == original
    assert check(project) == []


def test_new_source_needs_its_text_file(project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None) -> None:
    before = files(project)
    code, out, err = run_new(project, capsys, "source", "--id", "x", *SOURCE_ARGS)
    assert (code, out) == (2, "")
    assert err == (
        f"{SOURCE_ERROR}missing option --text-file (give it, or run the command in a terminal to be asked)\n"
    )
    assert files(project) == before


def test_new_source_s_help_calls_what_may_be_unknown_optional(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    # The schema requires a title, a publisher, an address and a date, but each may be null: left
    # out, the option writes null, so none is "needed", with any other option or alone.
    with pytest.raises(SystemExit):
        run_new(project, capsys, "source", "--help")
    helps = re.split(r"\n  (?=--)", " ".join(capsys.readouterr().out.split(" ")))
    for flag in ("--title", "--publisher", "--url", "--published"):
        (text,) = [" ".join(h.split()) for h in helps if h.startswith(flag + " ")]
        assert text.endswith("; null (unknown) when not given"), text
        assert "needed" not in text, text
    (label,) = [" ".join(h.split()) for h in helps if h.startswith("--label ")]
    assert label.endswith("; needed")


def test_help_says_with_which_value_of_another_option_a_list_is_needed(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    with pytest.raises(SystemExit):
        run_new(project, capsys, "event", "--help")
    text = " ".join(capsys.readouterr().out.split())
    assert "the ids of the actors the source attributes the event to; needed with --voice attributed;" in text
    assert "the IANA time zone of the time, e.g. Europe/Minsk; needed with --time " in text


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "is empty"), (b"\xff\xfe bad", "is not UTF-8 text (save it as UTF-8)")],
    ids=["empty", "not-utf8"],
)
def test_new_source_refuses_a_text_the_checker_could_not_read(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    no_terminal: None,
    content: bytes,
    problem: str,
) -> None:
    text_file = tmp_path / "t.txt"
    text_file.write_bytes(content)
    before = files(project)
    code, _, err = run_new(project, capsys, "source", "--text-file", str(text_file), *SOURCE_ARGS)
    assert code == 1
    assert err == f"{SOURCE_ERROR}--text-file: '{text_file}' {problem}\n"
    assert files(project) == before


def test_what_new_writes_is_already_canonical(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    assert run_new(project, capsys, *EVENT_ARGS)[0] == 0
    text = (project / EVENT_PATH).read_text(encoding="utf-8")
    assert fmt.format_text(text, "event") == text


# --- values that YAML would misread, written so that they read back as given ---------------------


@pytest.mark.parametrize(
    "name",
    ["yes", "null", "2022-12-29", "10:00", "1e3", "#hash", "a: b # c", "'quoted'", '"double"',
     "- dash", "Ünïcödé — “quoted”", "@handle", "  padded  ", "%percent", "* star", "back\\slash"],
)  # fmt: skip
def test_values_are_escaped_and_read_back_as_given(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None, name: str
) -> None:
    args = ["actor", "--name", name, "--id", "someone", "--kind", "person"]
    code, out, _ = run_new(project, capsys, *args)
    assert code == 0
    diagnostics = Collector()
    document = parse_yaml((project / out.strip()).read_text(encoding="utf-8"), "x", diagnostics)
    assert document is not None
    assert document.data == {"id": "someone", "name": name, "kind": "person"}


# --- refusals ------------------------------------------------------------------------------------


def test_new_refuses_an_id_that_exists_and_leaves_the_file_as_it_was(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    before = files(project)
    code, out, err = run_new(project, capsys, "actor", "--name", "Belarus", "--kind", "state")
    assert (code, out) == (1, "")
    assert err == (
        f"{ACTOR_ERROR}--id (not given, so taken as 'belarus'): "
        "actors/belarus.yaml already exists: choose another id, or edit it\n"
    )
    args = ["place", "--id", "minsk", "--name", "Minsk", "--kind", "city"]
    code, out, err = run_new(project, capsys, *args)
    assert (code, out) == (1, "")
    assert err == f"{PLACE_ERROR}--id: places/minsk.yaml already exists: choose another id, or edit it\n"
    assert files(project) == before


def test_new_refuses_a_source_id_whose_text_exists(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    (project / "seeds/orphan.txt").write_text("An orphan text.\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text("New text.\n", encoding="utf-8")
    before = files(project)
    args = ["source", "--text-file", str(tmp_path / "t.txt"), "--id", "orphan", *SOURCE_ARGS]
    code, _, err = run_new(project, capsys, *args)
    assert code == 1
    assert err == f"{SOURCE_ERROR}--id: seeds/orphan.txt already exists: choose another id, or edit it\n"
    assert files(project) == before


def test_files_are_created_exclusively_so_one_that_appears_meanwhile_is_never_overwritten(
    project: Path, tmp_path: Path
) -> None:
    (project / "actors/late.yaml").write_text("written by someone else\n", encoding="utf-8")
    with pytest.raises(new.Stop) as stopped:
        new._write(project, "actor", "late", "id: late\n", None)
    assert (stopped.value.code, stopped.value.message) == (
        1,
        "actors/late.yaml already exists: nothing written",
    )
    assert (project / "actors/late.yaml").read_text(encoding="utf-8") == "written by someone else\n"
    # A source is two files: when the second one exists, the first is taken back.
    (project / "seeds/half.txt").write_text("someone else's text\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(new.Stop):
        new._write(project, "source", "half", "id: half\n", str(tmp_path / "t.txt"))
    assert not (project / "seeds/half.yaml").exists()
    assert (project / "seeds/half.txt").read_text(encoding="utf-8") == "someone else's text\n"


@pytest.mark.parametrize(
    "bad",
    ["Belarus", "has space", "trailing-", "double--hyphen", "../escape", "ünï", "a_b", "x" * 121],
)
def test_new_refuses_an_id_that_is_not_a_lowercase_slug(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None, bad: str
) -> None:
    before = files(project)
    code, out, err = run_new(project, capsys, "actor", "--id", bad, "--name", "X", "--kind", "state")
    assert (code, out) == (1, "")
    assert err.startswith(
        f"{ACTOR_ERROR}--id: '{bad}' is not a valid id: use lowercase letters, "
        "digits and single hyphens, at most 120 characters"
    )
    assert files(project) == before


def test_a_source_id_is_what_the_schema_allows_and_nothing_else(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    # The schema (and so the checker) allows capitals and underscores in a source's id, as the ids
    # of fetched documents have them; new refused capitals that check accepted.
    (tmp_path / "t.txt").write_text("Text.\n", encoding="utf-8")
    args = ["--text-file", str(tmp_path / "t.txt"), *SOURCE_ARGS]
    for refused in ("Upper Case", "report.2022", "x" * 121):
        code, _, err = run_new(project, capsys, "source", "--id", refused, *args)
        assert code == 1 and "is not a valid id: use letters, digits, hyphens and underscores, at most 120" in err
    assert run_new(project, capsys, "source", "--id", "Reuters_2022", *args)[0] == 0
    assert run_new(project, capsys, "source", "--id", "000_9acb625707f65469", *args)[0] == 0
    assert check(project) == []


def test_without_a_terminal_a_missing_value_exits_2_naming_the_options(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    before = files(project)
    code, out, err = run_new(project, capsys, "event", "--date", "2022-12-30")
    assert (code, out) == (2, "")
    assert err == f"{EVENT_ERROR}missing options --title, --summary, --voice, --quote {ASK}\n"
    args = [*EVENT_ARGS[:5], "--time", "10:00", "--summary", "S.", "--voice", "own", "--quote", QUOTE]
    code, _, err = run_new(project, capsys, *args)
    assert code == 2
    assert err.startswith(f"{EVENT_ERROR}missing option --timezone ")
    assert files(project) == before


def test_coordinates_and_quotes_come_with_what_they_need(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    place = ["place", "--name", "Brest", "--kind", "city"]
    code, _, err = run_new(project, capsys, *place, "--lat", "52.1")
    assert (code, err) == (2, f"{PLACE_ERROR}missing options --lon, --precision, --basis {ASK}\n")
    code, _, err = run_new(project, capsys, "actor", "--name", "S", "--kind", "person", "--quote", QUOTE)
    assert (code, err.split(" (")[0]) == (2, f"{ACTOR_ERROR}missing option --seed")
    with pytest.raises(SystemExit) as stopped:  # argparse's own refusal
        run_new(project, capsys, *place, "--lat", "nan", "--lon", "1", "--precision", "point")
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith(f"{PLACE_ERROR}argument --lat: 'nan' is not a number\n")


def test_wrong_values_are_all_reported_with_exit_1_and_nothing_is_written(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    before = files(project)
    code, out, err = run_new(
        project, capsys, "event", "--title", "T", "--date", "2022-02-30",
        "--summary", "<script>x</script>", "--actor", "belarsu:claimant", "--actor", "belarus",
        "--place", "minsk", "--related", "nowhere:follows", "--tag", "Not A Slug",
        "--seed", "report", "--voice", "own", "--quote", "words the report never used",
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{EVENT_ERROR}--date: '2022-02-30': February 2022 has no day 30 (it has 28 days)",
        f"{EVENT_ERROR}--summary: raw HTML is not allowed: '<script>' "
        "(write Markdown instead, or escape the '<' as '\\<')",
        f"{EVENT_ERROR}--actor: no actor 'belarsu' in actors/ (did you mean 'belarus'?)",
        f"{EVENT_ERROR}--actor: 'belarus': write ACTOR:ROLE",
        f"{EVENT_ERROR}--tag: 'tags[0]' must be a lowercase slug (letters, digits, single "
        "hyphens), found 'Not A Slug' (for example 'not-a-slug')",
        f"{EVENT_ERROR}--quote: quote not found in source 'report': 'words the report never used'",
        f"{EVENT_ERROR}--related: no event 'nowhere' in events/ (add it first: python build.py new event)",
    ]
    assert files(project) == before


# --- in a terminal: questions --------------------------------------------------------------------


@pytest.mark.parametrize("voice", ["own", "attributed"])
def test_in_a_terminal_a_list_needed_only_with_a_value_of_another_is_asked_for_only_with_it(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, voice: str
) -> None:
    # attributed_to is needed with voice attributed, and only then (x-required-when on the list).
    monkeypatch.setattr(sys, "stdin", Terminal(True))
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return {"voice": voice, "attributed-to": "belarus"}.get(prompt.split(":")[0], "")

    monkeypatch.setattr("builtins.input", answer)
    given = [a for a in EVENT_ARGS if a not in ("--voice", "attributed", "--attributed-to", "belarus")]
    assert run_new(project, capsys, *given)[0] == 0
    asked = [p for p in prompts if p.startswith("attributed-to:")]
    text = (project / EVENT_PATH).read_text(encoding="utf-8")
    if voice == "own":
        assert asked == [] and "attributed_to" not in text
    else:
        assert asked == [
            "attributed-to: with voice attributed, and only then: the ids of the actors the source attributes the "
            "event to: "
        ]
        assert "    voice: attributed\n    attributed_to:\n      - belarus\n" in text


def test_in_a_terminal_every_field_not_given_is_asked_for_and_wrong_answers_asked_again(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(True))
    answers = iter([
        "Belarus reports a second missile",  # title
        "2022-13-01",  # date: wrong, asked again
        "[2022-12-29..2022-12-31]",  # date
        "",  # id: the default offered
        "",  # time: none (so no time zone is asked for)
        "The report's week.",  # date basis
        "Belarus said so.",  # summary
        "",  # place precision: at its places
        "air-defence",  # tag
        "",  # another tag? no
        "",  # source: the project's only one, offered
        "own",  # voice (so attributed-to, needed only with voice attributed, is not asked for)
        "not in the report",  # quote: not found, asked again
        QUOTE,  # quote
        "",  # another quote? no
        "",  # figure: none
        f"{EVENT_ID}:folows",  # link: not a type, asked again
        f"{EVENT_ID}:follows",  # link
        "",  # another link? no
    ])  # fmt: skip
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    args = ["event", "--place", "minsk", "--actor", "belarus:claimant"]
    code, out, err = run_new(project, capsys, *args)
    date = (
        "date: when it happened, in EDTF: 2022-12-29, 2022-12, 2022-12-19~; one day of [2022-12-29..2022-12-31] "
        "or [..2022-12-19]; a span 2022-12-19/2022-12-20: "
    )
    quote = "quote: passages copied verbatim from the source that support the event: "
    related = (
        "related: other events this one is linked to (EVENT:TYPE; TYPE one of: precedes, follows, during, "
        "part-of, response-to, reports-on, comments-on, asserts, acknowledges, "
        "denies, disputes, contradicts, corroborates, "
        "compared-to, context; or a YAML mapping {ref: ..., type: ..., note: ...}) (Enter to skip): "
    )
    assert prompts == [
        "title: a one-line headline for the event, in plain text (no Markdown): ",
        date,
        date,
        "id: the event's identifier: the file name without .yaml [2022-12-29-belarus-reports-a-second-missile]: ",
        "time: the local time of day, 24-hour clock: 10:00, ~00:15 for about 00:15, or a window 10:00/11:00 "
        "(Enter to skip): ",
        "date-basis: how the date (and time) was established when the sources do not state it outright, "
        "e.g. how a weekday or a year was resolved (Enter to skip): ",
        "summary: what happened, in a few sentences, saying only what the sources say: ",
        "place-precision: how precisely the event is placed, for a place it is not simply at: at (at the place "
        "itself: in the settlement, or the area as a whole), near (in the vicinity of the place, as in 'near the "
        "village of'), within (somewhere inside the place, where inside not being known) "
        "(PLACE:VALUE; VALUE one of: at, near, within) (PLACE: the id of one of the places given: minsk) "
        "(Enter to skip): ",
        "tag: topics for filtering the timeline, as lowercase slugs, e.g. air-defence (Enter to skip): ",
        "another tag (Enter to finish): ",
        "seed: the id of a source in seeds/ (its file name without extension) [report]: ",
        'voice: how the source presents the event: own (it states it as fact, in its own voice: "Belarus has '
        'protested to Ukraine\'s ambassador") or attributed (as what a party says: "Belarus later summoned '
        "Ukraine's ambassador ..., its foreign ministry said\"): ",
        quote,
        quote,
        "another quote (Enter to finish): ",
        "figure: the numbers the sources give (missiles launched, shot down, hours of sirens, casualties), each "
        "with what it counts, who gives it and the words it is in (a YAML mapping {counts: ..., what: ..., "
        "value: ..., low: ..., best: ..., high: ..., qualifier: ..., seed: ..., voice: ..., attributed_to: ..., "
        "quote: ..., timing: ...}) (Enter to skip): ",
        related,
        related,
        "another related (Enter to finish): ",
    ]
    assert err.splitlines() == [
        "  '2022-13-01': there is no month 13 (months run from 01 to 12)",
        "  quote not found in source 'report': 'not in the report'",
        "  'related[0].type' cannot be 'folows' (did you mean 'follows'? one of: precedes, follows, during, "
        "part-of, response-to, reports-on, comments-on, asserts, acknowledges, "
        "denies, disputes, contradicts, corroborates, "
        "compared-to, context)",
    ]
    # A set's id starts with its first day, as the data's do.
    assert (code, out) == (0, "events/2022-12-29-belarus-reports-a-second-missile.yaml\n")
    assert (
        (project / out.strip()).read_text(encoding="utf-8")
        == f"""\
# yaml-language-server: $schema=../chronology/schemas/event.schema.json
id: 2022-12-29-belarus-reports-a-second-missile
title: Belarus reports a second missile
date: '[2022-12-29..2022-12-31]'
date_basis: |
  The report's week.
summary: |
  Belarus said so.
actors:
  - ref: belarus
    role: claimant
places:
  - minsk
tags:
  - air-defence
sources:
  - seed: report
    voice: own
    quotes:
      - {QUOTE}
related:
  - ref: {EVENT_ID}
    type: follows
"""
    )
    assert check(project) == []


def test_in_a_terminal_an_event_is_asked_only_what_the_checker_would_want(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No place, so no precision of a place is asked for; a date the quotes do not write, left
    without a basis, is what the checker warns of (date-without-basis): its basis is asked for
    again, in the checker's words, once the quotes are known."""
    monkeypatch.setattr(sys, "stdin", Terminal(True))
    answers = {
        "title": ["Belarus reports a second missile"],
        "date": ["2022-12-30"],  # the report's Friday: not written in the quote
        "date-basis": ["", "The report's Friday."],
        "summary": ["Belarus said so."],
        "voice": ["own"],
        "quote": [QUOTE],
    }
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        name = prompt.split(":")[0]
        return answers[name].pop(0) if answers.get(name) else ""

    monkeypatch.setattr("builtins.input", answer)
    code, out, err = run_new(project, capsys, "event", "--actor", "belarus:claimant")
    asked = [prompt.split(":")[0] for prompt in prompts]
    assert "place-precision" not in asked  # the event names no place
    assert asked.count("date-basis") == 2 and asked.index("quote") < len(asked) - 1 - asked[::-1].index("date-basis")
    assert err.splitlines() == [
        "  the date '2022-12-30' is not written in the event's quotes and has no basis "
        "(say in 'date_basis' how it was established, e.g. which Thursday or which year)"
    ]
    assert (code, out) == (0, "events/2022-12-30-belarus-reports-a-second-missile.yaml\n")
    assert "date_basis: |\n  The report's Friday.\n" in (project / out.strip()).read_text(encoding="utf-8")
    assert check(project) == []


def test_without_a_terminal_a_date_the_quotes_do_not_write_needs_its_basis(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    """As the checker wants it (date-without-basis), in its words; a date the quotes write needs none."""
    event = ["event", "--title", "T", "--summary", "S.", "--voice", "own", "--quote", QUOTE, "--actor", "belarus:x"]
    assert run_new(project, capsys, *event, "--date", "2022-12-30") == (
        2,
        "",
        f"{EVENT_ERROR}missing option --date-basis (give it, or run the command in a terminal to be asked): the "
        "date '2022-12-30' is not written in the event's quotes and has no basis (say in 'date_basis' how it was "
        "established, e.g. which Thursday or which year)\n",
    )
    assert not (project / "events" / "2022-12-30-t.yaml").exists()
    assert run_new(project, capsys, *event, "--date", "2022-12-29") == (0, "events/2022-12-29-t.yaml\n", "")
    assert "date_basis" not in (project / "events" / "2022-12-29-t.yaml").read_text(encoding="utf-8")
    assert "date-without-basis" not in "\n".join(check(project))


def test_in_a_terminal_a_source_asks_for_its_unknowns_and_takes_enter_as_unknown(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(True))
    (tmp_path / "second-report.txt").write_text(REPORT_TXT, encoding="utf-8")
    answers = iter(["", "A second copy", "", "", "", "en", "", "Nothing in the text dates it.", "", ""])
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    args = ["source", "--text-file", str(tmp_path / "second-report.txt")]
    code, out, _ = run_new(project, capsys, *args)
    assert prompts == [
        "id: the source's identifier: the file name without extension [second-report]: ",
        "label: a short name for the source written by the chronology's editors, used where the source has "
        "no known title: ",
        "title: the headline the source was published under, or null when it is not known (Enter if unknown): ",
        "publisher: who published the source, or null when it is not known (Enter if unknown): ",
        "url: where the source was published (http or https), or null when it is not known (Enter if unknown): ",
        "language: the language of the text, as a BCP 47 tag, e.g. en: ",
        "published: when it was published, in EDTF: 2022-12-29, or one day of [2022-12-29..2022-12-31~] "
        "(Enter if unknown): ",
        "published-basis: how the publication date was established, or why it is unknown: ",
        "relay: the original sources this source relays: the news organisations and official bodies whose reports "
        "or statements it passes on, as actor ids (BelTA, Belarus's Defence Ministry, Reuters) (Enter to skip): ",
        "notes: anything else a reader should know about the source: how it was obtained, what is missing "
        "from it (Enter to skip): ",
    ]
    assert (code, out) == (0, "seeds/second-report.yaml\nseeds/second-report.txt\n")
    assert (
        (project / "seeds/second-report.yaml").read_text(encoding="utf-8")
        == """\
# yaml-language-server: $schema=../chronology/schemas/seed.schema.json
id: second-report
label: A second copy
title: null
publisher: null
url: null
language: en
published: null
published_basis: |
  Nothing in the text dates it.
"""
    )
    assert check(project) == []


def test_in_a_terminal_an_unanswered_question_stops_with_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(True))

    def end_of_input(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", end_of_input)
    before = files(project)
    code, out, err = run_new(project, capsys, "actor")
    assert (code, out) == (2, "")
    assert err == f"{ACTOR_ERROR}no answer for --name: stopped, nothing written\n"
    assert files(project) == before


def test_a_wrong_option_in_a_terminal_stops_before_any_question(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(True))
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail(f"asked {prompt!r}"))
    code, _, err = run_new(project, capsys, "event", "--date", "2022-02-30")
    assert code == 1
    assert err == f"{EVENT_ERROR}--date: '2022-02-30': February 2022 has no day 30 (it has 28 days)\n"


def test_a_date_in_words_is_told_the_form_meant_as_check_tells_it(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(True))
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail(f"asked {prompt!r}"))
    code, _, err = run_new(project, capsys, "event", "--date", "February 2025")
    assert code == 1
    assert err == (
        f"{EVENT_ERROR}--date: 'February 2025' is not a date this chronology accepts (for the month write 2025-02)\n"
    )


def test_a_time_in_words_is_told_the_form_meant_as_check_tells_it(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(True))
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail(f"asked {prompt!r}"))
    code, _, err = run_new(project, capsys, "event", "--date", "2022-12-30", "--time", "around 10am")
    assert code == 1
    assert err == f"{EVENT_ERROR}--time: 'time' has the wrong form: 'around 10am' (for about 10:00 write '~10:00')\n"


def test_a_new_event_with_an_approximate_time_is_written_and_checks_clean(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    args = [*EVENT_ARGS]
    args[args.index("--time") + 1] = "~10:00"
    code, out, err = run_new(project, capsys, *args)
    assert (code, out, err) == (0, EVENT_PATH + "\n", "")
    assert "time: '~10:00'\n" in (project / EVENT_PATH).read_text("utf-8")
    assert not [line for line in check(project) if EVENT_PATH in line and "error" in line]


def test_a_new_event_in_a_project_without_events_creates_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    root = make_project(tmp_path)
    for path in (root / "events").iterdir():
        path.unlink()
    (root / "events").rmdir()
    args = ["--id", "e", "--title", "T", "--date", "2022", "--summary", "S.", "--voice", "own", "--quote", QUOTE]
    assert run_new(root, capsys, "event", *args) == (0, "events/e.yaml\n", "")


# --- the schemas drive the command: a field added to a schema needs no change to new.py -----------


def extend_schema(monkeypatch: pytest.MonkeyPatch, kind: str, change: Callable[[dict[str, Any]], None]) -> None:
    """Make ``kind``'s schema, for this test, the one in chronology/schemas/ as ``change`` leaves it."""
    original = schema.schema
    extended = copy.deepcopy(original(kind))
    change(extended)

    def patched(name: str) -> dict[str, Any]:
        return extended if name == kind else original(name)

    monkeypatch.setattr(schema, "schema", patched)
    monkeypatch.setattr(schema, "_validator", lambda name: schema.validator_class()(patched(name)))


def add_website(actor: dict[str, Any]) -> None:
    actor["properties"]["website"] = {
        "description": "The actor's own web address. Only http or https.",
        "type": "string",
        "pattern": "^https?://",
        "maxLength": 2000,
    }


ACTOR = ["actor", "--name", "Someone", "--kind", "person"]


def test_an_optional_field_added_to_a_schema_is_an_option_a_question_and_a_check(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_terminal: None
) -> None:
    extend_schema(monkeypatch, "actor", add_website)
    with pytest.raises(SystemExit):
        run_new(project, capsys, "actor", "--help")
    assert "--website WEBSITE the actor's own web address" in " ".join(capsys.readouterr().out.split())
    code, _, err = run_new(project, capsys, *ACTOR, "--website", "ftp://example.org")
    assert (code, err) == (
        1,
        f"{ACTOR_ERROR}--website: 'website' has the wrong form: 'ftp://example.org' "
        "(The actor's own web address. Only http or https.)\n",
    )
    assert run_new(project, capsys, *ACTOR, "--website", "https://example.org") == (0, "actors/someone.yaml\n", "")
    text = (project / "actors/someone.yaml").read_text(encoding="utf-8")
    assert text.endswith("kind: person\nwebsite: https://example.org\n")
    # In a terminal it is asked for, with its description, and may be skipped.
    monkeypatch.setattr(sys, "stdin", Terminal(True))
    prompts: list[str] = []
    answers = iter(["", "", "", "", "", "", "", "https://example.org/2"])  # alias ... quote, website

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    assert run_new(project, capsys, *ACTOR, "--id", "someone-else")[0] == 0
    assert prompts[-1] == "website: the actor's own web address (Enter to skip): "
    assert (
        (project / "actors/someone-else.yaml").read_text(encoding="utf-8").endswith("website: https://example.org/2\n")
    )


def add_voice_and_figures(event: dict[str, Any]) -> None:
    citation = event["properties"]["sources"]["items"]
    seed, quotes = citation["properties"]["seed"], citation["properties"]["quotes"]
    citation["properties"] = {
        "seed": seed,
        "voice": {
            "description": "How the source presents the event: own or attributed.",
            "enum": ["own", "attributed"],
        },
        "attributed_to": {
            "description": "With voice attributed: the ids of the actors the source attributes the event to.",
            "type": "array",
            "items": {"$ref": "#/$defs/slug", "x-refers-to": "actor"},
            "x-required-when": {"voice": ["attributed"]},
        },
        "quotes": quotes,
    }
    citation["required"] = ["seed", "voice", "quotes"]
    event["properties"]["figures"] = {
        "description": "The numbers the sources give.",
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["counts", "value", "quote"],
            "properties": {
                "counts": {"$ref": "#/$defs/slug"},
                "value": {"type": "number", "minimum": 0},
                "quote": {"type": "string", "minLength": 1},
            },
        },
    }


def test_fields_added_to_a_citation_and_a_list_of_mappings_come_with_their_rules(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_terminal: None
) -> None:
    extend_schema(monkeypatch, "event", add_voice_and_figures)
    event = [*EVENT_ARGS[:5], "--date-basis", "The report's Friday.", "--summary", "S.", "--quote", QUOTE]
    code, _, err = run_new(project, capsys, *event)
    assert (code, err) == (
        2,
        f"{EVENT_ERROR}missing option --voice (give it, or run the command in a terminal to be asked)\n",
    )
    code, _, err = run_new(project, capsys, *event, "--voice", "attributed")
    assert (code, err.split(" (")[0]) == (2, f"{EVENT_ERROR}missing option --attributed-to")
    code, _, err = run_new(project, capsys, *event, "--voice", "attributed", "--attributed-to", "belarsu")
    assert (code, err) == (
        1,
        f"{EVENT_ERROR}--attributed-to: no actor 'belarsu' in actors/ (did you mean 'belarus'?)\n",
    )
    code, _, err = run_new(project, capsys, *event, "--voice", "own", "--figure", "{counts: missiles, value: -1}")
    assert (code, err) == (1, f"{EVENT_ERROR}--figure: 'figures[0].value': -1 is less than the minimum of 0\n")
    with pytest.raises(SystemExit) as stopped:  # the enum's choices, refused by argparse
        run_new(project, capsys, *event, "--voice", "theirs")
    assert stopped.value.code == 2
    assert "argument --voice: invalid choice: 'theirs' (choose from" in capsys.readouterr().err
    wrong = "{counts: missiles, value: 69, quote: '54 missiles out of 69'}"  # not in this project's report
    code, _, err = run_new(project, capsys, *event, "--voice", "own", "--figure", wrong)
    assert (code, err) == (1, f"{EVENT_ERROR}--figure: quote not found in source 'report': '54 missiles out of 69'\n")
    figure = "{counts: missiles, value: 69, quote: 'a Ukrainian S-300 missile'}"
    args = [*event, "--voice", "attributed", "--attributed-to", "belarus", "--figure", figure]
    assert run_new(project, capsys, *args) == (0, EVENT_PATH + "\n", "")
    assert (
        (project / EVENT_PATH)
        .read_text(encoding="utf-8")
        .endswith(
            f"""\
sources:
  - seed: report
    voice: attributed
    attributed_to:
      - belarus
    quotes:
      - {QUOTE}
figures:
  - counts: missiles
    value: 69
    quote: a Ukrainian S-300 missile
"""
        )
    )


def aliases_with_languages(actor: dict[str, Any]) -> None:
    actor["properties"]["aliases"]["items"] = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "lang"],
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "lang": {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
            "basis": {"type": "string", "minLength": 1, "x-markdown": True},
        },
    }
    actor["properties"]["relays"] = {
        "description": "The actors whose statements this one passes on.",
        "type": "array",
        "items": {"$ref": "#/$defs/slug", "x-refers-to": "actor"},
    }


def test_a_list_of_mappings_is_given_as_its_two_needed_values_or_as_a_mapping(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_terminal: None
) -> None:
    extend_schema(monkeypatch, "actor", aliases_with_languages)
    form = "NAME:LANG; or a YAML mapping {name: ..., lang: ..., basis: ...}"
    code, _, err = run_new(
        project, capsys, *ACTOR, "--alias", "Гарбаха", "--alias", "{name: X, lang: be, basis: <b>b</b>}",
        "--alias", "X:Belarusian", "--relay", "belarsu",
    )  # fmt: skip
    assert (code, err.splitlines()) == (
        1,
        [
            f"{ACTOR_ERROR}--alias: 'Гарбаха': write {form}",
            f"{ACTOR_ERROR}--alias: raw HTML is not allowed: '<b>' "
            "(write Markdown instead, or escape the '<' as '\\<')",
            f"{ACTOR_ERROR}--alias: 'aliases[0].lang' has the wrong form: 'Belarusian'",
            f"{ACTOR_ERROR}--relay: no actor 'belarsu' in actors/ (did you mean 'belarus'?)",
        ],
    )
    args = ["--alias", "Brest: the city:en", "--alias", "{name: Гарбаха, lang: be, basis: A gazetteer.}"]
    assert run_new(project, capsys, *ACTOR, *args, "--relay", "belarus") == (0, "actors/someone.yaml\n", "")
    assert (
        (project / "actors/someone.yaml")
        .read_text(encoding="utf-8")
        .endswith(
            """\
kind: person
aliases:
  - name: 'Brest: the city'
    lang: en
  - name: Гарбаха
    lang: be
    basis: |
      A gazetteer.
relays:
  - belarus
"""
        )
    )


def test_a_list_s_option_is_its_singular_declared_where_the_name_cannot_tell_it(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_terminal: None
) -> None:
    # Dropping the s is right for "actors" and "tags"; after "ses" (and the like) it may not be,
    # "aliases" being "alias" and "spouses" "spouse": the schema says which (x-singular).
    listed = {"description": "The actor's spouses.", "type": "array", "items": {"$ref": "#/$defs/slug"}}

    def add(name: str, **declared: str) -> Callable[[dict[str, Any]], None]:
        return lambda actor: actor["properties"].update({name: {**listed, **declared}})

    extend_schema(monkeypatch, "actor", add("rivals"))  # a plain plural needs nothing declared
    extend_schema(monkeypatch, "actor", add("spouses", **{"x-singular": "spouse"}))
    with pytest.raises(SystemExit):
        run_new(project, capsys, "actor", "--help")
    help_text = capsys.readouterr().out
    assert all(option in help_text for option in ("--spouse SPOUSE", "--rival RIVAL", "--alias NAME"))
    assert run_new(project, capsys, *ACTOR, "--spouse", "belarus") == (0, "actors/someone.yaml\n", "")
    assert (project / "actors/someone.yaml").read_text(encoding="utf-8").endswith("spouses:\n  - belarus\n")
    # Undeclared, a name whose singular cannot be told is refused, not turned into "--spous".
    extend_schema(monkeypatch, "actor", add("spouses"))
    with pytest.raises(ValueError, match="the schema's list 'spouses' needs its singular, for its option, "):
        run_new(project, capsys, "actor", "--help")


def add_place_precision(event: dict[str, Any]) -> None:
    event["properties"]["place_precision"] = {
        "description": "How precisely the event is placed, for a place it is not simply at.",
        "type": "object",
        "additionalProperties": {"enum": ["at", "near", "within"]},
    }


def test_a_mapping_of_any_keys_is_given_key_by_key(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_terminal: None
) -> None:
    extend_schema(monkeypatch, "event", add_place_precision)
    event = [*EVENT_ARGS[:5], "--summary", "S.", "--voice", "own", "--quote", QUOTE, "--place", "minsk"]
    event[5:5] = ["--date-basis", "The report's Friday."]
    wrong = ["--place-precision", "minsk", "--place-precision", "minsk:by", "--place-precision", "belarus:within"]
    code, _, err = run_new(project, capsys, *event, *wrong)
    assert (code, err.splitlines()) == (
        1,
        [
            f"{EVENT_ERROR}--place-precision: 'minsk': write PLACE:VALUE; VALUE one of: at, near, within",
            f"{EVENT_ERROR}--place-precision: 'place_precision.minsk' cannot be 'by' (one of: at, near, within)",
            # A place the event does not name, refused as the checker refuses it.
            f"{EVENT_ERROR}--place-precision: 'place_precision' names 'belarus', which is not among the event's "
            "places (add it to 'places', or remove it from 'place_precision')",
        ],
    )
    assert run_new(project, capsys, *event, "--place-precision", "minsk:near") == (0, EVENT_PATH + "\n", "")
    assert "\nplace_precision:\n  minsk: near\n" in (project / EVENT_PATH).read_text(encoding="utf-8")


def test_a_mistyped_quote_is_explained_as_check_explains_it(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    code, out, err = run_new(
        project, capsys, "actor", "--name", "Russia", "--kind", "state",
        "--seed", "report", "--quote", "there was absolutely nothing to worry",
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{ACTOR_ERROR}--quote: quote not found in source 'report': 'absolutely' is '“absolutely' in the source "
        "(the closest passage, as it would match: 'there was “absolutely nothing to worry')",
    ]


def _documented_new_commands() -> list[list[str]]:
    """Each ``build.py new`` command CONTRIBUTING.md shows to run, as its words after ``new``."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL):
        for command in block.replace("\\\n", " ").splitlines():
            words = shlex.split(command, comments=True)
            # A command with "..." stands for one with options of the reader's own (see --help).
            if words[:3] == [".venv/bin/python", "build.py", "new"] and "..." not in words:
                commands.append(words[3:])
    return commands


def test_contributing_shows_new_commands() -> None:
    assert {words[0] for words in _documented_new_commands()} >= {"event", "actor", "place"}


@pytest.mark.example
@pytest.mark.parametrize("words", _documented_new_commands(), ids=lambda words: " ".join(words[:3]))
def test_each_new_command_contributing_shows_works_as_written_on_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_terminal: None, words: list[str]
) -> None:
    root = copy_project(tmp_path / "project")
    code, out, err = run_new(root, capsys, *words)
    assert (code, err) == (0, "")
    assert out and all((root / path).is_file() for path in out.split())


#: Characters the checker refuses in a name, one of each kind it tells apart.
REFUSED_IN_A_NAME = ["\x01", "\x7f", "\x85", "\u2028", "\ufffe", "\t"]


@pytest.mark.parametrize("character", REFUSED_IN_A_NAME, ids=lambda c: f"U+{ord(c):04X}")
def test_new_refuses_a_character_the_checker_refuses_in_the_checker_s_words(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None, character: str
) -> None:
    name = f"a{character}b"
    before = files(project)
    code, out, err = run_new(project, capsys, "actor", "--id", "t", "--name", name, "--kind", "person")
    assert (code, out, files(project)) == (1, "", before)
    # The same name written without new: the checker's message is new's.
    (project / "actors/t.yaml").write_text(fmt.render_data("actor", {"id": "t", "name": name, "kind": "person"}))
    told = [line.split(": ", 2)[2] for line in check(project) if "invalid-character" in line]
    assert err == f"{ACTOR_ERROR}--name: {told[0]}\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["actor", "--id", "index", "--name", "X", "--kind", "person"], "--id: the id 'index' is reserved: the site's "
         "list of actors has that name (choose another id)"),
        (["place", "--id", "index", "--name", "X", "--kind", "city"], "--id: the id 'index' is reserved: the site's "
         "list of places has that name (choose another id)"),
        ([*EVENT_ARGS[:-4], "--tag", "index", *EVENT_ARGS[-4:]], "--tag: the tag 'index' is reserved: the site's "
         "list of tags has that name (choose another tag)"),
        ([*EVENT_ARGS[:2], "Tab\ttitle", *EVENT_ARGS[3:]], "--title: 'title' holds U+0009 (a tab) at character 4; "
         "it must be one line (remove it)"),
        ([*EVENT_ARGS, "--actor", "belarus:claim\tant"], "--actor: 'role' holds U+0009 (a tab) at character 6; it "
         "must be one line (remove it)"),
        ([*EVENT_ARGS[:12], "One.\x01", *EVENT_ARGS[13:]], "--summary: 'summary' holds U+0001 (a control "
         "character) at character 5 (remove it)"),
    ],
)  # fmt: skip
def test_new_refuses_a_reserved_id_or_tag_and_a_character_refused_in_any_field(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None, args: list[str], expected: str
) -> None:
    before = files(project)
    code, out, err = run_new(project, capsys, *args)
    assert (code, out, files(project)) == (1, "", before)
    assert f": error: {expected}" in err


def test_new_refuses_a_source_id_that_differs_only_in_case_from_one_that_exists(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    (tmp_path / "t.txt").write_text("Text.\n", encoding="utf-8")
    (project / "seeds/Upper_Case.yaml").write_text(REPORT_YAML.replace("id: report", "id: Upper_Case"))
    (project / "seeds/Upper_Case.txt").write_text("Text.\n")
    before = files(project)
    args = ["--id", "upper_case", "--text-file", str(tmp_path / "t.txt"), *SOURCE_ARGS]
    code, out, err = run_new(project, capsys, "source", *args)
    assert (code, out, files(project)) == (1, "", before)
    assert err == (
        f"{SOURCE_ERROR}--id: id 'upper_case' differs only in case from 'Upper_Case' (in seeds/Upper_Case.yaml) "
        "(choose another id: a file system that ignores case, as macOS's and Windows's do, would take their files "
        "and pages for one)\n"
    )


# --- ids derived from a title or a name ----------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "fire",
        "service",
        "called",
        "to",
        "a",
        "at",
        "the",
        "of",
        "by",
        "warehouse",
        "terminal",
        "crews",
        "arrive",
        "explosion",
        "and",
        "union",
        "says",
    ]
)


@given(st.lists(_WORDS, min_size=1, max_size=40), st.booleans())
def test_a_derived_id_is_cut_at_a_word_and_never_ends_on_a_linking_word(words: list[str], event: bool) -> None:
    title = " ".join(words).capitalize()
    derived = new._event_id({"title": title, "date": "2025-06-03"}) if event else new._name_id({"name": title})
    assert derived is not None
    full = schema.slugify(title)
    assert len(derived) <= new.DERIVED_ID_LENGTH
    assert schema.is_valid_id("event" if event else "actor", derived)
    if len(full) + (len("2025-06-03-") if event else 0) <= new.DERIVED_ID_LENGTH:
        assert derived == ("2025-06-03-" + full if event else full)  # short enough: kept whole
    else:
        kept = derived.removeprefix("2025-06-03-").split("-")
        assert kept == full.split("-")[: len(kept)]  # whole words, the title's first
        assert len(kept) == 1 or kept[-1] not in new._LINKING_WORDS


def test_the_reviewers_long_title_is_cut_after_a_word_that_says_something() -> None:
    title = "The fire service is called to a fire at Meridian Terminals by a member of the public"
    assert new._event_id({"title": title, "date": "2025-06-03"}) == (
        "2025-06-03-the-fire-service-is-called-to-a-fire-at-meridian-terminals"
    )
