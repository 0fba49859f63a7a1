"""``python build.py new``: a new data file from options or questions; it never overwrites."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from chronology import fmt, new
from chronology.cli import main
from chronology.diagnostics import Collector
from chronology.load import parse_yaml
from tests.conftest import EVENT_ID, REPORT_TXT, check, make_project

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
    "--claimed-by", "belarus",
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
claimed_by:
  - belarus
tags:
  - air-defence
sources:
  - seed: report
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
  - Міністэрства абароны
  - 'no'
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
        "--alias", "Міністэрства абароны", "--alias", "no", "--member-of", "belarus",
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
  - Горбаха
within: belarus
coordinates:
  lat: 52.1
  lon: 24.5
  precision: settlement
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
        "--alias", "Горбаха", "--within", "belarus",
        "--lat", "52.10", "--lon", "24.5", "--precision", "settlement",
        "--seed", "report", "--quote", "a Ukrainian S-300 missile near Minsk",
    )  # fmt: skip
    assert (code, out, err) == (0, "places/gorbakha.yaml\n", "")
    assert (project / "places/gorbakha.yaml").read_text(encoding="utf-8") == PLACE_TEXT
    assert rules(project) == ["warning[unused-place]"]


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


def test_a_source_id_may_hold_underscores_but_nothing_else_unusual(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    (tmp_path / "t.txt").write_text("Text.\n", encoding="utf-8")
    args = ["--text-file", str(tmp_path / "t.txt"), *SOURCE_ARGS]
    assert run_new(project, capsys, "source", "--id", "Upper_Case", *args)[0] == 1
    assert run_new(project, capsys, "source", "--id", "000_9acb625707f65469", *args)[0] == 0


def test_without_a_terminal_a_missing_value_exits_2_naming_the_options(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    before = files(project)
    code, out, err = run_new(project, capsys, "event", "--date", "2022-12-30")
    assert (code, out) == (2, "")
    assert err == f"{EVENT_ERROR}missing options --title, --summary, --quote {ASK}\n"
    args = [*EVENT_ARGS[:5], "--time", "10:00", "--summary", "S.", "--quote", QUOTE]
    code, _, err = run_new(project, capsys, *args)
    assert code == 2
    assert err.startswith(f"{EVENT_ERROR}missing option --timezone ")
    assert files(project) == before


def test_coordinates_and_quotes_come_with_what_they_need(
    project: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    place = ["place", "--name", "Brest", "--kind", "city"]
    code, _, err = run_new(project, capsys, *place, "--lat", "52.1")
    assert (code, err) == (2, f"{PLACE_ERROR}missing options --lon, --precision {ASK}\n")
    code, _, err = run_new(project, capsys, "actor", "--name", "S", "--kind", "person", "--quote", QUOTE)
    assert (code, err.split(" (")[0]) == (2, f"{ACTOR_ERROR}missing option --seed")
    with pytest.raises(SystemExit) as stopped:  # argparse's own refusal
        run_new(project, capsys, *place, "--lat", "nan", "--lon", "1", "--precision", "exact")
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
        "--seed", "report", "--quote", "words the report never used",
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{EVENT_ERROR}--date: '2022-02-30': February 2022 has no day 30 (it has 28 days)",
        f"{EVENT_ERROR}--summary: raw HTML is not allowed: '<script>' "
        "(write Markdown instead, or escape the '<' as '\\<')",
        f"{EVENT_ERROR}--actor: no actor 'belarsu' in actors/ (did you mean 'belarus'?)",
        f"{EVENT_ERROR}--actor: 'belarus': write ACTOR:ROLE, e.g. belarus:claimant",
        f"{EVENT_ERROR}--tag: 'tags[0]' must be a lowercase slug (letters, digits, single "
        "hyphens), found 'Not A Slug' (for example 'not-a-slug')",
        f"{EVENT_ERROR}--quote: quote not found in source 'report': 'words the report never used'",
        f"{EVENT_ERROR}--related: no event 'nowhere' in events/ (add it first: python build.py new event)",
    ]
    assert files(project) == before


# --- in a terminal: questions --------------------------------------------------------------------


def test_in_a_terminal_the_missing_values_are_asked_for_and_wrong_answers_asked_again(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(True))
    answers = iter([
        "Belarus reports a second missile",  # title
        "2022-13-01",  # date: wrong, asked again
        "2022-12-31",  # date
        "",  # id: the default offered
        "Belarus said so.",  # summary
        "",  # source: the project's only one, offered
        "not in the report",  # quote: not found, asked again
        QUOTE,  # quote
        "",  # another quote? no
    ])  # fmt: skip
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    args = ["event", "--place", "minsk", "--actor", "belarus:claimant"]
    code, out, err = run_new(project, capsys, *args)
    date = (
        "date (EDTF: 2022-12-29, 2022-12, 2022-12-19~; one day of [2022-12-29..2022-12-31] or [..2022-12-19]; "
        "a span 2022-12-19/2022-12-20): "
    )
    quote = "quote, copied verbatim from the source: "
    assert prompts == [
        "title (a one-line headline): ",
        date,
        date,
        "id (the file name) [2022-12-31-belarus-reports-a-second-missile]: ",
        "summary (what happened, as the sources say it): ",
        "source id (a file in seeds/) [report]: ",
        quote,
        quote,
        "another quote, copied verbatim from the source (Enter to finish): ",
    ]
    assert err.splitlines() == [
        "  '2022-13-01': there is no month 13 (months run from 01 to 12)",
        "  quote not found in source 'report': 'not in the report'",
    ]
    assert (code, out) == (0, "events/2022-12-31-belarus-reports-a-second-missile.yaml\n")
    assert (
        (project / out.strip()).read_text(encoding="utf-8")
        == f"""\
# yaml-language-server: $schema=../chronology/schemas/event.schema.json
id: 2022-12-31-belarus-reports-a-second-missile
title: Belarus reports a second missile
date: '2022-12-31'
summary: |
  Belarus said so.
actors:
  - ref: belarus
    role: claimant
places:
  - minsk
sources:
  - seed: report
    quotes:
      - {QUOTE}
"""
    )
    assert rules(project) == ["warning[date-without-basis]"]


def test_in_a_terminal_a_source_asks_for_its_unknowns_and_takes_enter_as_unknown(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(True))
    (tmp_path / "second-report.txt").write_text(REPORT_TXT, encoding="utf-8")
    answers = iter(["", "A second copy", "", "", "", "en", "", "Nothing in the text dates it."])
    prompts: list[str] = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    args = ["source", "--text-file", str(tmp_path / "second-report.txt")]
    code, out, _ = run_new(project, capsys, *args)
    assert prompts == [
        "id (the file name) [second-report]: ",
        "label (a short name for the source): ",
        "headline (Enter if unknown): ",
        "publisher (Enter if unknown): ",
        "web address (Enter if unknown): ",
        "language (BCP 47, e.g. en): ",
        "publication date (EDTF: 2022-12-29, or one day of [2022-12-29..2022-12-31~]; Enter if unknown): ",
        "how the publication date was established: ",
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


def test_a_new_event_in_a_project_without_events_creates_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_terminal: None
) -> None:
    root = make_project(tmp_path)
    for path in (root / "events").iterdir():
        path.unlink()
    (root / "events").rmdir()
    args = ["--id", "e", "--title", "T", "--date", "2022", "--summary", "S.", "--quote", QUOTE]
    assert run_new(root, capsys, "event", *args) == (0, "events/e.yaml\n", "")
