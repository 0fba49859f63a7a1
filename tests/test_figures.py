"""Figures: numbers as data, each found in its quote, shown side by side by what they count."""

# ruff: noqa: RUF001  (typographic apostrophes are the report's own)

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronology import figures
from chronology.figures import figure_words, number_words, numbers_in, qualifier_against
from chronology.pages import Renderer
from tests.conftest import EVENT, EVENT_ID, REPORT_TXT, check, edit, make_project
from tests.test_accounts import chronology_of, page_text
from tests.test_site import ROOT

EV = f"events/{EVENT_ID}.yaml"
COUNT = "Ukraine’s military said it had shot down 54 missiles out of 69; sirens sounded for five hours.\n"
#: Appended to the fixture's event, whose last line is 18: 'figures' is line 19, 'value' line 22.
FIGURE = """\
figures:
  - counts: missiles-launched
    what: missiles launched
    value: 69
    seed: report
    voice: attributed
    attributed_to:
      - belarus
    quote: Ukraine’s military said it had shot down 54 missiles out of 69
"""


def check_figure(tmp_path: Path, figure: str, **extra: object) -> list[str]:
    return check(make_project(tmp_path, events={EVENT_ID: EVENT + figure}, texts={"report": REPORT_TXT + COUNT}))


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("54 missiles out of 69 launched", {54, 69}),
        ("in Kyiv sounded for five hours", {5}),
        ("more than 120 missiles", {120}),
        ("1,200 people and 1 500 more", {1200, 1500}),
        ("twenty-five dead, a dozen hurt", {25, 12}),
        ("two hundred homes", {2, 200}),
        ("2.5 hours", {2.5}),
        ("no number here", set()),
    ],
)
def test_the_numbers_a_quote_writes(text: str, numbers: set[float]) -> None:
    assert numbers_in(text) == {float(n) for n in numbers}


#: Words and pieces a quote's numbers in words are made of, and what can stand beside them.
PIECES = ["one", "five", "twenty", "twenty-five", "hundred", "a", "dozen", "thousand", "million", "x", "2", "_"]
PIECES += ["-", " ", ",", "fifteenth", "S-300", "None", "zero", "A Dozen"]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_a_quote_without_a_number_word_is_not_read_word_by_word_for_nothing(text: str) -> None:
    # The words are read one by one only where a number word can start; where none can, none is
    # found however the words were read.
    whole = figures._ANY_NUMBER_WORD
    try:
        figures._ANY_NUMBER_WORD = re.compile("")  # every text read word by word
        read_whole = figures._word_numbers(text)
    finally:
        figures._ANY_NUMBER_WORD = whole
    assert figures._word_numbers(text) == read_whole


def test_a_number_in_words_the_pages_write() -> None:
    assert [number_words(n) for n in (69.0, 1200, 2.5)] == ["69", "1,200", "2.5"]


def test_a_figure_found_in_its_quote_passes(tmp_path: Path) -> None:
    assert check_figure(tmp_path, FIGURE) == []
    five = edit(edit(FIGURE, "value: 69", "value: 5"), "out of 69", "out of 69; sirens sounded for five hours.")
    assert check_figure(tmp_path, five) == []


def test_a_figure_its_quote_does_not_write_is_refused(tmp_path: Path) -> None:
    assert check_figure(tmp_path, edit(FIGURE, "value: 69", "value: 70")) == [
        f"{EV}:22:12: error[figure-not-in-quote]: 'figures[0].value' is 70, which its quote does not write: "
        "'Ukraine’s military said it had shot down 54 missiles out of 69' "
        "(give the number as the quote writes it, or quote the words that give it)"
    ]


@pytest.mark.parametrize("written", [".inf", ".Inf", "+.INF", "1e400", "1" + "0" * 400])
@pytest.mark.parametrize("field", ["value", "low", "best", "high"])
def test_an_infinite_number_is_refused_with_every_other_problem(tmp_path: Path, field: str, written: str) -> None:
    # No bound of the schema's stops an infinity (nor a number too large for a float, which YAML
    # reads as one): refused where it is written, as NaN is, not left to crash the figure's check.
    numbers = {"value": "    value: 69\n", "low": "    low: 54\n", "best": "    best: 69\n", "high": "    high: 69\n"}
    given = "".join(numbers[name] for name in (("value",) if field == "value" else ("low", "best", "high")))
    figure = edit(FIGURE, "    value: 69\n", given.replace(numbers[field], f"    {field}: {written}\n"))
    line = 22 + (("value",) if field == "value" else ("low", "best", "high")).index(field)
    shown = written if len(written) <= 80 else written[:77] + "..."
    # Another file's problem is found too: the check goes on.
    other = edit(edit(EVENT, f"id: {EVENT_ID}", "id: another"), "date: '2022-12-29'", "date: '2022-02-30'")
    events = {EVENT_ID: EVENT + figure, "another": other}
    assert check(make_project(tmp_path, events=events, texts={"report": REPORT_TXT + COUNT})) == [
        f"{EV}:{line}:{len(field) + 7}: error[invalid-value]: "
        f"'figures[0].{field}' must be a finite number, found '{shown}' (too large)",
        "events/another.yaml:3:7: error[invalid-date]: '2022-02-30': February 2022 has no day 30 (it has 28 days)",
    ]


def test_low_above_high_is_refused(tmp_path: Path) -> None:
    assert check_figure(tmp_path, edit(FIGURE, "    value: 69\n", "    low: 69\n    high: 54\n")) == [
        f"{EV}:23:11: error[invalid-range]: 'figures[0]': low (69) is more than high (54) (low <= best <= high)"
    ]


def test_best_above_high_is_refused(tmp_path: Path) -> None:
    figure = edit(FIGURE, "    value: 69\n", "    low: 54\n    best: 69\n    high: 54\n")
    assert check_figure(tmp_path, figure) == [
        f"{EV}:24:11: error[invalid-range]: 'figures[0]': best (69) is more than high (54) (low <= best <= high)"
    ]


def test_unknown_is_not_zero_a_figure_needs_a_number(tmp_path: Path) -> None:
    assert check_figure(tmp_path, edit(FIGURE, "    value: 69\n", "")) == [
        f"{EV}:20:13: error[missing-field]: 'figures[0]' gives no number (add 'value', or 'low', 'best' and "
        "'high' as the source gives them (a number no source gives is left out, never written as 0))"
    ]


def test_a_value_and_a_range_together_are_refused(tmp_path: Path) -> None:
    assert check_figure(tmp_path, edit(FIGURE, "    value: 69\n", "    value: 69\n    low: 54\n")) == [
        f"{EV}:22:12: error[conflicting-fields]: 'figures[0]' gives both 'value' and a range "
        "(give 'value' for one number, or 'low', 'best' and 'high' for a range)"
    ]


def test_a_figure_quote_must_be_in_its_source(tmp_path: Path) -> None:
    figure = edit(FIGURE, "had shot down 54 missiles out of 69", "had downed 69")
    assert check_figure(tmp_path, figure) == [
        f"{EV}:27:12: error[quote-not-found]: quote not found in source 'report': 'downed' is 'shot down 54 "
        "missiles out of' in the source (the closest passage, as it would match: 'Ukraine’s military said it had "
        "shot down 54 missiles out of 69;')"
    ]


def test_a_figure_source_must_be_one_the_event_cites(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        events={EVENT_ID: EVENT + edit(FIGURE, "seed: report", "seed: other")},
        seeds={"other": "id: other\nlabel: O\ntitle: null\npublisher: null\nurl: null\nlanguage: en\n"
               "published: null\npublished_basis: Unknown.\n"},
        texts={"report": REPORT_TXT + COUNT, "other": COUNT},
    )  # fmt: skip
    assert check(root) == [
        f"{EV}:23:11: error[unknown-reference]: 'figures[0].seed': 'other' is not one of the event's sources "
        "(cite the source under 'sources' first)"
    ]


def test_who_gives_a_figure_is_said_as_for_a_citation(tmp_path: Path) -> None:
    assert check_figure(tmp_path, edit(FIGURE, "    attributed_to:\n      - belarus\n", "")) == [
        f"{EV}:24:12: error[missing-field]: 'figures[0]' is attributed but does not say to whom "
        "(add 'attributed_to' with the ids of the actors the source attributes it to)"
    ]


@pytest.mark.example
def test_the_barrage_shows_each_count_side_by_side_attributed() -> None:
    text = page_text(ROOT, "2022-12-29-russia-fires-missile-barrage-at-ukraine")
    source = "Untitled news report on Belarus's S-300 claim"
    officials = "Officials say more than 120 missiles were fired into Ukraine during the attack"
    military = "Ukraine's military says it shot down 54 of the 69 missiles Russia launched"
    assert (
        "Figures The numbers the sources give, side by side by what they count, each with who gives it and in "
        "which source. "
        "Count Figure Given by From "
        "Air raid siren hours 5 hours the air raid sirens sounded in Kyiv "
        f"{source}, in its own voice the passage in the source "
        "Missiles launched Accounts differ "
        f"more than 120 missiles fired into Ukraine during the attack Officials, as reported by {source}, earlier "
        f"{officials}; the passage in the source "
        f"69 missiles launched by Russia Ukraine's military, as reported by {source} {military}; "
        "the passage in the source "
        f"Missiles shot down 54 missiles shot down by Ukraine Ukraine's military, as reported by {source} "
        f"{military}; the passage in the source"
    ) in text


@pytest.mark.example
def test_figures_are_grouped_by_count_earlier_first() -> None:
    chronology = chronology_of(ROOT)
    barrage = chronology.events_by_id["2022-12-29-russia-fires-missile-barrage-at-ukraine"]
    counts = chronology.counts(barrage)
    assert [(c.counts, [a.figure.number() for a in c.accounts], c.differ, c.conflict) for c in counts] == [
        ("air-raid-siren-hours", ["5"], False, False),
        ("missiles-launched", ["more than 120", "69"], True, True),
        ("missiles-shot-down", ["54"], False, False),
    ]


def test_an_actor_named_only_as_a_figure_s_giver_is_one_the_event_mentions(tmp_path: Path) -> None:
    # The checker counts an actor a figure is attributed to as mentioned (no "unused-actor"); the
    # site must list the event on that actor's page, and the actor in the event's Who.
    military = "id: ukraine-military\nname: Ukraine's military\nkind: armed-force\n"
    figure = edit(FIGURE, "      - belarus\n", "      - ukraine-military\n")
    root = make_project(
        tmp_path,
        events={EVENT_ID: EVENT + figure},
        actors={"ukraine-military": military},
        texts={"report": REPORT_TXT + COUNT},
    )
    assert check(root) == []
    chronology = chronology_of(root)
    assert [e.id for e in chronology.events_by_actor["ukraine-military"]] == [EVENT_ID]
    assert "Ukraine's military (gives a figure)" in page_text(root, EVENT_ID)


SHAPES: dict[str, dict[str, float]] = {
    "value": {"value": 55},
    "low": {"low": 41},
    "high": {"high": 55},
    "range": {"low": 50, "high": 70},
    "best": {"best": 60},
    "low-best": {"low": 50, "best": 60},
    "best-high": {"best": 60, "high": 70},
    "range-best": {"low": 50, "best": 60, "high": 70},
}


def bound(qualifier: str, value: str | None, low: str | None, high: str | None) -> dict[str, str | None]:
    """A qualifier's words with each shape: its own words for the number of a value or a best (and
    for a lone bound of its direction); refused on a range."""
    return {
        "value": value,
        "low": low,
        "high": high,
        "range": None,
        "best": f"{qualifier} 60",
        "low-best": f"{qualifier} 60 (at least 50)",
        "best-high": f"{qualifier} 60 (at most 70)",
        "range-best": None,
    }


#: Each figure's shape with each qualifier of the schema's (None: none), as the site says it; None
#: where the check refuses the qualifier for the shape (a lone low is no highest bound, a lone
#: high no lowest, and a range is only about).
WORDS: dict[str | None, dict[str, str | None]] = {
    None: {
        "value": "55",
        "low": "at least 41",
        "high": "at most 55",
        "range": "between 50 and 70",
        "best": "an estimated 60",
        "low-best": "an estimated 60 (at least 50)",
        "best-high": "an estimated 60 (at most 70)",
        "range-best": "between 50 and 70 (best 60)",
    },
    "about": {
        "value": "about 55",
        "low": "at least about 41",
        "high": "up to about 55",
        "range": "between about 50 and 70",
        "best": "about 60",
        "low-best": "about 60 (at least 50)",
        "best-high": "about 60 (at most 70)",
        "range-best": "between about 50 and 70 (best 60)",
    },
    "exactly": bound("exactly", "exactly 55", None, None),
    "more than": bound("more than", "more than 55", "more than 41", None),
    "at least": bound("at least", "at least 55", "at least 41", None),
    "fewer than": bound("fewer than", "fewer than 55", None, "fewer than 55"),
    "at most": bound("at most", "at most 55", None, "at most 55"),
    "up to": bound("up to", "up to 55", None, "up to 55"),
    "as many as": bound("as many as", "as many as 55", None, "as many as 55"),
}


def test_every_qualifier_with_every_shape_of_figure_reads_once_or_is_refused() -> None:
    from chronology import schema

    figure_fields = schema.schema("event")["properties"]["figures"]["items"]["properties"]
    assert set(WORDS) == {None, *figure_fields["qualifier"]["enum"]}
    for qualifier, expected in WORDS.items():
        for shape, numbers in SHAPES.items():
            words = expected[shape]
            assert (qualifier_against(numbers, qualifier) is None) == (words is not None), (qualifier, shape)
            if words is not None:
                value, low, best, high = (numbers.get(key) for key in ("value", "low", "best", "high"))
                assert figure_words(value, low, best, high, qualifier) == words, (qualifier, shape)


def test_a_qualifier_against_its_figure_s_bound_is_refused(tmp_path: Path) -> None:
    figure = edit(FIGURE, "    value: 69\n", "    low: 69\n    qualifier: up to\n")
    assert check_figure(tmp_path, figure) == [
        f"{EV}:23:16: error[conflicting-fields]: 'figures[0].qualifier' is 'up to', but a lone low is the "
        "lowest the source puts it (give the number the source qualifies as 'value' with its qualifier "
        "('value: 55' and 'qualifier: as many as' for \"as many as 55\"), or a lone bound with its own word "
        "(low: at least, more than; high: at most, fewer than, up to, as many as; either: about))"
    ]


def test_as_many_as_qualifies_a_lone_high(tmp_path: Path) -> None:
    figure = edit(FIGURE, "    value: 69\n", "    high: 69\n    qualifier: as many as\n")
    assert check_figure(tmp_path, figure) == []


PAPER_YAML = """\
id: paper
label: A newspaper's report
title: null
publisher: null
url: null
language: en
published: '2022-12-29'
published_basis: The report gives its own date.
"""
PAPER_TXT = "The newspaper wrote that Belarus's officials counted 69 missiles.\n"
#: The same figure twice: the report's own, and the newspaper's relay of Belarus's.
RELAYED = (
    FIGURE.replace("voice: attributed\n    attributed_to:\n      - belarus\n", "voice: own\n")
    + """\
  - counts: missiles-launched
    what: missiles launched
    value: 69
    seed: paper
    voice: attributed
    attributed_to:
      - belarus
    quote: Belarus's officials counted 69 missiles
"""
)
PAPER_CITATION = """\
  - seed: paper
    quotes:
      - Belarus's officials counted 69 missiles
    voice: attributed
    attributed_to:
      - belarus
"""


def test_every_figure_names_the_source_that_gives_it(tmp_path: Path) -> None:
    # A party's figure as a newspaper relays it read "Given by: Belarus | From: the passage in the
    # source": only the link's address told it from the same number in another source.
    root = make_project(
        tmp_path,
        events={EVENT_ID: EVENT + PAPER_CITATION + RELAYED},
        seeds={"paper": PAPER_YAML},
        texts={"report": REPORT_TXT + COUNT, "paper": PAPER_TXT},
    )
    assert check(root) == []
    text = page_text(root, EVENT_ID)
    table = text[text.index("Count Figure Given by From") :]
    assert (
        "Missiles launched 69 missiles launched A report on the missile, in its own voice the passage in the source "
        "69 missiles launched Belarus, as reported by A newspaper's report the passage in the source"
    ) in table
    # Each row's source is a link to that source's page.
    chronology = chronology_of(root)
    body = Renderer(chronology, ROOT / "templates").event(chronology.events_by_id[EVENT_ID]).body
    rows = body[body.index('<table class="figures">') : body.index("</table>")].split("<tr>")[2:]
    assert ['href="../../sources/paper/">' in row for row in rows] == [False, True]
    assert ['href="../../sources/report/">' in row for row in rows] == [True, False]


#: A quote writing 0 as well, for figures of none.
NONE_HURT = FIGURE.splitlines()[-1] + "; sirens sounded for five hours, 0 hurt"


def check_bounds(tmp_path: Path, given: str) -> list[str]:
    figure = edit(FIGURE, "    value: 69\n", given).replace(FIGURE.splitlines()[-1], NONE_HURT)
    texts = {"report": REPORT_TXT + COUNT[:-2] + ", 0 hurt.\n"}
    return check(make_project(tmp_path, events={EVENT_ID: EVENT + figure}, texts=texts))


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("    value: 0\n    qualifier: fewer than\n", "fewer than 0"),
        ("    high: 0\n    qualifier: fewer than\n", "fewer than 0"),
        ("    low: 0\n    best: 0\n    qualifier: fewer than\n", "fewer than 0 (at least 0)"),
        ("    best: 69\n    high: 69\n    qualifier: more than\n", "more than 69 (at most 69)"),
    ],
)
def test_a_figure_no_count_fits_is_refused(tmp_path: Path, given: str, words: str) -> None:
    # Shown, it would be an account in conflict with itself: "Accounts differ" on its own.
    assert check_bounds(tmp_path, given) == [
        f"{EV}:{21 + given.count(chr(10))}:16: error[invalid-range]: 'figures[0]' reads '{words}', which no "
        "count fits (give the figure as the source words it: its qualifier and its bounds together must allow "
        "a number)"
    ]


@pytest.mark.parametrize(
    "given",
    [
        "    value: 0\n    qualifier: at most\n",
        "    best: 69\n    high: 69\n    qualifier: at least\n",
        "    low: 0\n    best: 54\n    qualifier: fewer than\n",
        "    low: 54\n    high: 54\n",
    ],
)
def test_a_figure_some_count_fits_passes(tmp_path: Path, given: str) -> None:
    assert check_bounds(tmp_path, given) == []
