"""Whether the figures of one count conflict: worked out from the numbers each allows, never from how
they are worded ("17" and "at least 15" can both be true; "69" and "more than 120" cannot)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frictionless
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from chronology import across, cache, exports, quote_search, schema
from chronology.check import check_project
from chronology.exports import json_data, tables
from chronology.figures import allowed, figure_words, qualifier_against
from chronology.model import Count, Figure, FigureAccount
from chronology.pages import Renderer
from chronology.text import find_quote as search_source
from tests.conftest import EVENT, EVENT_ID, REPORT_TXT, check, make_project
from tests.test_accounts import chronology_of, page_text
from tests.test_link_ends import OTHER_ID, SYMMETRIC, THIRD_ID, linked
from tests.test_site import ROOT

#: Every qualifier the schema allows, read from it: one added there is drawn here too.
FIELDS = schema.schema("event")["properties"]["figures"]["items"]["properties"]
QUALIFIERS = [None, *FIELDS["qualifier"]["enum"]]
#: Every timing the schema allows, and none: when each was given, read as the schema's words say.
TIMINGS = [None, *FIELDS["timing"]["enum"]]
#: Who gives a figure: (voice, source, the parties it is attributed to). Two sources in their own
#: voices are two givers; one party relayed by two sources is two (neither source orders the
#: other's figures); two parties together are another.
GIVERS = [
    ("own", "report", ()),
    ("own", "paper", ()),
    ("attributed", "report", ("belarus",)),
    ("attributed", "paper", ("belarus",)),
    ("attributed", "report", ("ukraine",)),
    ("attributed", "report", ("belarus", "ukraine")),
    ("attributed", "paper", ("ukraine", "belarus")),
]
SHAPES = [("value",), ("low",), ("high",), ("low", "high"), ("best",), ("low", "best"), ("best", "high")]
SHAPES += [("low", "best", "high")]


def figure(
    qualifier: str | None = None,
    *,
    value: float | None = None,
    low: float | None = None,
    best: float | None = None,
    high: float | None = None,
    timing: str | None = None,
    giver: tuple[str, str, tuple[str, ...]] = GIVERS[0],
) -> Figure:
    voice, seed, parties = giver
    return Figure(
        "people-hurt", "people hurt", seed, voice, "a quote", value, low, best, high, qualifier, parties, timing
    )


def count(*figures: Figure) -> Count:
    return Count("people-hurt", tuple(FigureAccount(f, EVENT_ID) for f in figures))


@st.composite
def figures(
    draw: st.DrawFn, givers: list[tuple[str, str, tuple[str, ...]]] = GIVERS, timings: list[str | None] = TIMINGS
) -> Figure:
    """A figure the checker accepts: any shape, ordered numbers, a qualifier that fits the shape,
    any timing and any giver (of ``givers``)."""
    shape = draw(st.sampled_from(SHAPES))
    drawn = sorted(draw(st.lists(st.integers(0, 40), min_size=len(shape), max_size=len(shape))))
    given_numbers = dict(zip(shape, map(float, drawn), strict=True))
    fitting = [q for q in QUALIFIERS if qualifier_against(given_numbers, q) is None]
    return figure(
        draw(st.sampled_from(fitting)),
        **given_numbers,
        timing=draw(st.sampled_from(timings)),
        giver=draw(st.sampled_from(givers)),
    )


def who(f: Figure) -> tuple[str, str, frozenset[str]]:
    """Who gives a figure, as a reader tells givers apart: the source and the parties it names; or
    the source, in its own voice. One source's timing orders none of another's figures."""
    return (f.voice, f.seed, frozenset(f.attributed_to))


def latest(fs: list[Figure]) -> list[Figure]:
    """Each giver's figures of the last time it gave any: "earlier" before one the source gives no
    time for, which is before "later" (the oracle of ``Count.current``)."""
    when = {"earlier": 0, None: 1, "later": 2}
    last = {who(f): max(when[g.timing] for g in fs if who(g) == who(f)) for f in fs}
    return [f for f in fs if when[f.timing] == last[who(f)]]


#: Each qualifier's words, and whether a number ``x`` fits them with the number ``n``.
RELATIONS: list[tuple[str, Callable[[float, float], bool]]] = [
    ("more than ", lambda x, n: x > n),
    ("at least ", lambda x, n: x >= n),
    ("fewer than ", lambda x, n: x < n),
    ("at most ", lambda x, n: x <= n),
    ("up to ", lambda x, n: x <= n),
    ("as many as ", lambda x, n: x <= n),
    ("exactly ", lambda x, n: x == n),
    ("estimate ", lambda x, n: True),  # an estimate bounds nothing
]


def admits(f: Figure, x: float) -> bool:
    """Whether ``x`` fits the figure, read from its words as a reader reads them: the oracle."""
    x = float(x)
    words = figure_words(f.value, f.low, f.best, f.high, f.qualifier)
    tests = []
    # "between 50 and 70 (best 60)"; "more than 60 (at least 50, at most 70)"; "up to 55"
    for part in words.replace("(", ",").replace(")", "").replace("best ", "estimate ").split(","):
        part = part.strip()
        if "about" in part or part.startswith("an estimated"):
            continue  # no bound: the site sets no tolerance of its own, and an estimate is none
        if part.startswith("between"):
            low, high = (float(n.replace(",", "")) for n in part[len("between ") :].split(" and "))
            tests.append(low <= x <= high)
            continue
        for words_of, holds in RELATIONS:
            if part.startswith(words_of):
                tests.append(holds(x, float(part[len(words_of) :].replace(",", ""))))
                break
        else:
            if part:
                tests.append(x == float(part.replace(",", "")))
    return all(tests)


def candidates(fs: list[Figure]) -> set[float]:
    """Every number that can decide whether the figures share one: their numbers, the halves between
    them, and numbers beyond them."""
    ends = sorted({n for f in fs for n in (f.value, f.low, f.best, f.high) if n is not None})
    return {*ends, *((a + b) / 2 for a, b in itertools.pairwise(ends)), ends[0] - 1, ends[-1] + 1}


@given(st.lists(figures(timings=[None], givers=GIVERS[:1]), min_size=1, max_size=5))
def test_a_count_conflicts_exactly_when_no_number_fits_every_figure(fs: list[Figure]) -> None:
    fits = any(all(admits(f, x) for f in fs) for x in candidates(fs))
    assert count(*fs).conflict == (not fits), [f.number() for f in fs]


@given(st.lists(figures(), min_size=1, max_size=6))
def test_a_count_conflicts_exactly_when_no_number_fits_every_giver_s_latest_figures(fs: list[Figure]) -> None:
    now = latest(fs)
    fits = any(all(admits(f, x) for f in now) for x in candidates(fs))
    assert count(*fs).conflict == (not fits), [(f.number(), f.timing, who(f)) for f in fs]
    assert count(*fs).differ == (len({f.number() for f in now}) > 1)


@example(
    # Belarus revises "3" to "7" in the report, and the paper relays its "3": revised all the same.
    [
        figure(value=3, timing="earlier", giver=GIVERS[2]),
        figure(value=7, timing="later", giver=GIVERS[2]),
        figure(value=3, giver=GIVERS[3]),
    ]
)
@given(st.lists(figures(givers=GIVERS[2:4]), min_size=1, max_size=6))
def test_a_revision_by_one_giver_never_makes_accounts_differ_on_its_own(fs: list[Figure]) -> None:
    # Belarus, relayed by one source or another, gives the count at several times: only what it
    # says last is its account. Accounts differ only if its last figures disagree among themselves.
    now = latest(fs)
    c = count(*fs)
    assert c.conflict == count(*now).conflict
    if len({f.number() for f in now}) == 1:
        assert not c.differ
    # Revised: some giver said a figure it no longer says. Another giver saying that figure still
    # (Belarus relayed by the paper keeps "3" while the report's Belarus moved on to "7") does not
    # undo the revision.
    assert c.revised == any(f.number() not in {g.number() for g in now if who(g) == who(f)} for f in fs)


@given(st.data())
def test_two_givers_whose_latest_figures_conflict_always_make_accounts_differ(data: st.DataObject) -> None:
    one, other = data.draw(
        st.lists(st.sampled_from(GIVERS), min_size=2, max_size=2, unique_by=lambda g: who(figure(giver=g)))
    )
    fs = data.draw(st.lists(figures(givers=[one, other]), min_size=2, max_size=6))
    now = latest(fs)
    if any(count(f, g).conflict for f in now for g in now if who(f) != who(g)):
        assert count(*fs).conflict


@given(st.lists(figures(), min_size=1, max_size=5), st.integers(0, 40), st.sampled_from(GIVERS))
def test_a_giver_s_earlier_figure_never_changes_whether_its_count_conflicts(
    fs: list[Figure], n: int, giver: tuple[str, str, tuple[str, ...]]
) -> None:
    # Whatever it said before, a giver that also gives the count later is weighed by what it says later.
    last = figure(value=20, timing="later", giver=giver)
    later = [*fs, last]
    earlier = figure(value=float(n), timing="earlier", giver=giver)
    revised = count(*later, earlier)
    assert revised.conflict == count(*later).conflict
    assert revised.differ == count(*later).differ
    # The earlier figure is revised unless the giver repeats it later ("0" then "0" and "20").
    says_later = {f.number() for f in later if who(f) == who(last) and f.timing == "later"}
    assert revised.revised == (earlier.number() not in says_later or count(*later).revised)


@given(st.integers(0, 1000), st.integers(1, 5), st.sampled_from([None, "exactly"]))
def test_a_count_of_equal_exact_figures_never_differs(n: int, many: int, qualifier: str | None) -> None:
    c = count(*[figure(qualifier, value=float(n))] * many)
    assert not c.differ and not c.conflict


@given(st.integers(0, 40), st.lists(figures(), min_size=1, max_size=5))
def test_figures_that_all_allow_one_number_never_conflict(x: int, fs: list[Figure]) -> None:
    fitting = [f for f in fs if admits(f, x)]
    if fitting:
        assert not count(*fitting).conflict


@given(st.lists(figures(), min_size=1, max_size=4), st.integers(0, 1000))
def test_a_figure_about_a_number_never_makes_a_conflict(fs: list[Figure], n: int) -> None:
    # Given by a party of its own: a giver's own later figure would revise its earlier ones.
    about = figure("about", value=float(n), giver=("attributed", "report", ("russia",)))
    assert count(*fs, about).conflict == count(*fs).conflict


@pytest.mark.parametrize(
    ("one", "other", "conflict"),
    [
        (figure(value=17), figure("at least", value=15), False),
        (figure(value=12), figure("at least", value=15), True),
        (figure("about", value=20), figure(value=20), False),
        (figure("about", value=20), figure(value=3), False),
        (figure(value=69), figure("more than", value=120), True),
        (figure("more than", value=120), figure("fewer than", value=121), False),
        (figure("more than", value=15), figure("at most", value=15), True),
        (figure("at least", value=15), figure("as many as", value=15), False),
        (figure(low=50, high=70), figure(value=60), False),
        (figure(low=50, high=70), figure(value=71), True),
        (figure(best=60), figure(value=65), False),
        (figure(low=50, best=60), figure(value=45), True),
        # "about" is the estimate's word, not its bounds': "about 60 (at least 50)" allows no 10.
        (figure("about", low=50, best=60), figure(value=10), True),
        (figure("about", best=60, high=70), figure(value=80), True),
        (figure("about", low=50, best=60), figure(value=55), False),
        (figure(best=60), figure(value=10), False),  # "an estimated 60" bounds nothing
        # Bounds at one number: allowed or not as each says of the number itself.
        (figure("at least", value=15), figure("at most", value=15), False),
        (figure("at least", value=15), figure("fewer than", value=15), True),
        (figure("more than", value=15), figure("up to", value=15), True),
        (figure("exactly", value=15), figure("more than", value=15), True),
        (figure("exactly", value=15), figure("at least", value=15), False),
        (figure("more than", value=15), figure("fewer than", value=16), False),  # 15.5
    ],
)
def test_which_figures_conflict(one: Figure, other: Figure, conflict: bool) -> None:
    assert count(one, other).conflict == conflict
    assert count(one, other).differ


def test_allowed_reads_a_figure_as_its_words() -> None:
    assert allowed(17, None, None, None, None) == (17, True, 17, True)
    assert allowed(15, None, None, None, "at least") == (15, True, None, True)
    assert allowed(120, None, None, None, "more than") == (120, False, None, True)
    assert allowed(None, None, None, 55, None) == (None, True, 55, True)
    assert allowed(None, 50, None, 70, "about") == (None, True, None, True)


COUNTED = "The fire service said 17 people were hurt; a union said at least 15, a company about 20; 12 went.\n"


def figure_yaml(number: str, quote: str, qualifier: str | None = None, counts: str = "people-hurt") -> str:
    words = f"    qualifier: {qualifier}\n" if qualifier else ""
    return (
        f"  - counts: {counts}\n    what: people hurt\n    value: {number}\n{words}"
        f"    seed: report\n    voice: own\n    quote: {quote}\n"
    )


def test_the_page_marks_a_conflict_apart_from_figures_put_differently(tmp_path: Path) -> None:
    # "17" and "at least 15" were marked "Accounts differ", as "69" and "more than 120" are.
    figures_yaml = (
        "figures:\n"
        + figure_yaml("17", "17 people were hurt")
        + figure_yaml("15", "a union said at least 15", "at least")
        + figure_yaml("20", "a company about 20", "about")
        + figure_yaml("17", "17 people were hurt", counts="people-treated")
        + figure_yaml("12", "12 went", counts="people-treated")
    )
    root = make_project(tmp_path, events={EVENT_ID: EVENT + figures_yaml}, texts={"report": REPORT_TXT + COUNTED})
    assert check(root) == []
    text = page_text(root, EVENT_ID)
    assert "People hurt Figures differ 17 people hurt" in text
    assert "People treated Accounts differ 17 people hurt" in text
    assert "People hurt Accounts differ" not in text
    assert "“Accounts differ”: no number fits every figure of the count." in text
    chronology = chronology_of(root)
    body = Renderer(chronology, ROOT / "templates").event(chronology.events_by_id[EVENT_ID]).body
    assert '<span class="claim figures-differ">Figures differ</span>' in body


OWN, PAPER, BELARUS, BELARUS_IN_PAPER, UKRAINE, BOTH = GIVERS[0], GIVERS[1], GIVERS[2], GIVERS[3], GIVERS[4], GIVERS[5]


@pytest.mark.parametrize(
    ("fs", "revised", "differ", "conflict"),
    [
        # Belarus said 3, and later 7: it revised its count; no one disagrees with it.
        ([figure(value=3, timing="earlier", giver=BELARUS), figure(value=7, timing="later", giver=BELARUS)], 1, 0, 0),
        # A source in its own voice, likewise; and a party relayed by two sources is one party.
        ([figure(value=3, timing="earlier", giver=OWN), figure(value=7, giver=OWN)], 1, 0, 0),
        ([figure(value=3, timing="earlier", giver=BELARUS), figure(value=7, giver=BELARUS)], 1, 0, 0),
        ([figure(value=3, giver=BELARUS), figure(value=7, timing="later", giver=BELARUS)], 1, 0, 0),
        # Said again, the same: no revision.
        ([figure(value=3, timing="earlier", giver=BELARUS), figure(value=3, timing="later", giver=BELARUS)], 0, 0, 0),
        # Two givers at two times are two accounts, as the officials' earlier "more than 120" and
        # the military's 69: two sources in their own voices, one party and that party with another;
        # and one party in two sources, since neither source orders the other's figure.
        ([figure(value=3, timing="earlier", giver=BELARUS), figure(value=7, giver=BELARUS_IN_PAPER)], 0, 1, 1),
        ([figure(value=1, giver=BELARUS), figure(value=3, timing="later", giver=BELARUS_IN_PAPER)], 0, 1, 1),
        ([figure(value=3, timing="earlier", giver=OWN), figure(value=7, timing="later", giver=PAPER)], 0, 1, 1),
        ([figure(value=3, timing="earlier", giver=BELARUS), figure(value=7, giver=UKRAINE)], 0, 1, 1),
        ([figure(value=3, timing="earlier", giver=BELARUS), figure(value=7, timing="later", giver=BOTH)], 0, 1, 1),
        # Both: Belarus revised, and Ukraine's figure conflicts with its latest, or only differs.
        (
            [
                figure(value=3, timing="earlier", giver=BELARUS),
                figure(value=7, timing="later", giver=BELARUS),
                figure(value=12, giver=UKRAINE),
            ],
            1,
            1,
            1,
        ),
        (
            [
                figure(value=3, timing="earlier", giver=BELARUS),
                figure(value=7, timing="later", giver=BELARUS),
                figure("at least", value=5, giver=UKRAINE),
            ],
            1,
            1,
            0,
        ),
        # Ukraine's 3 agrees with Belarus's earlier figure, not with its latest.
        (
            [
                figure(value=3, timing="earlier", giver=BELARUS),
                figure(value=7, timing="later", giver=BELARUS),
                figure(value=3, giver=UKRAINE),
            ],
            1,
            1,
            1,
        ),
    ],
)
def test_a_revision_is_told_from_a_dispute(fs: list[Figure], revised: int, differ: int, conflict: int) -> None:
    c = count(*fs)
    assert (c.revised, c.differ, c.conflict) == (bool(revised), bool(differ), bool(conflict))


def test_an_earlier_figure_names_what_its_giver_revised_it_to() -> None:
    c = count(
        figure(value=3, timing="earlier", giver=BELARUS),
        figure(value=7, giver=BELARUS),
        figure("more than", value=6, giver=BELARUS),
        figure(value=3, giver=UKRAINE),
        figure(value=5, giver=BELARUS_IN_PAPER),
    )
    assert [c.revised_to(a) for a in c.accounts] == [("7", "more than 6"), (), (), (), ()]
    assert [a.figure.number() for a in c.current] == ["7", "more than 6", "3", "5"]


REVISED = "Belarus said at first 3 people were hurt, later 7; Lukashenko said 12 were, and Belarus 9 were treated.\n"


def test_the_page_says_a_count_was_revised_and_whether_accounts_still_differ(tmp_path: Path) -> None:
    # Belarus's 3, given earlier, and its 7, given later, were marked "Accounts differ", as if two
    # parties disagreed: it revised its own count. Lukashenko's 12 disagrees with its latest.
    def given(number: str, quote: str, timing: str | None, party: str, counts: str = "people-hurt") -> str:
        return (
            f"  - counts: {counts}\n    what: people hurt\n    value: {number}\n    seed: report\n"
            f"    voice: attributed\n    attributed_to:\n      - {party}\n    quote: {quote}\n"
            + (f"    timing: {timing}\n" if timing else "")
        )

    figures_yaml = (
        "figures:\n"
        + given("3", "Belarus said at first 3 people were hurt", "earlier", "belarus")
        + given("7", "later 7", "later", "belarus")
        + given("12", "Lukashenko said 12 were", None, "alexander-lukashenko")
        + given("3", "Belarus said at first 3 people were hurt", "earlier", "belarus", "people-treated")
        + given("9", "Belarus 9 were treated", "later", "belarus", "people-treated")
    )
    root = make_project(tmp_path, events={EVENT_ID: EVENT + figures_yaml}, texts={"report": REPORT_TXT + REVISED})
    assert check(root) == []
    text = page_text(root, EVENT_ID)
    assert (
        "People hurt Revised Accounts differ 3 people hurt Belarus, as reported by A report on the missile, "
        "earlier; superseded: revised later to 7 the passage in the source "
        "12 people hurt Alexander Lukashenko, as reported by A report on the missile the passage in the source "
        "7 people hurt Belarus, as reported by A report on the missile, later the passage in the source "
        "People treated Revised 3 people hurt Belarus, as reported by A report on the missile, "
        "earlier; superseded: revised later to 9 the passage in the source "
        "9 people hurt Belarus, as reported by A report on the missile, later the passage in the source"
    ) in text
    assert "People treated Revised Accounts differ" not in text
    assert "People treated Revised Figures differ" not in text
    assert "“Revised”: a party, or a source in its own voice, gave the count again later, and differently" in text
    chronology = chronology_of(root)
    body = Renderer(chronology, ROOT / "templates").event(chronology.events_by_id[EVENT_ID]).body
    assert body.count('<span class="claim revised">Revised</span>') == 2


# --- the open data say what the page says of each count ----------------------------------------------


def open_data(root: Path, out: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """The project's tables, read back through frictionless once the package validates (by table
    name, each row as frictionless types it), and chronology.json's derived events; the exports are
    made twice, and must be the same bytes."""
    result = check_project(root)
    assert result.chronology is not None
    context = exports.Context(records=result.records, site_url="", site_name="s", changed={}, epoch=0)
    made = [e for maker in (json_data.make, tables.make) for e in maker(result.chronology, context)]
    again = [e for maker in (json_data.make, tables.make) for e in maker(result.chronology, context)]
    assert [(e.path, e.content) for e in made] == [(e.path, e.content) for e in again]
    exports.write_exports(out, made)
    report = frictionless.validate(out / "data/datapackage.json")
    assert report.valid, [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    package = frictionless.Package(out / "data/datapackage.json")
    rows = {
        name: [row.to_dict() for row in package.get_table_resource(name).read_rows()] for name in ("figures", "counts")
    }
    return rows, json.loads((out / "data/chronology.json").read_text("utf-8"))["derived"]["events"]


def figures_yaml_given(*figures: tuple[str, str, str | None, str, str]) -> str:
    """Figures attributed to a party each: (number, quote, timing, party, counts)."""
    return "figures:\n" + "".join(
        f"  - counts: {counts}\n    what: people hurt\n    value: {number}\n    seed: report\n"
        f"    voice: attributed\n    attributed_to:\n      - {party}\n    quote: {quote}\n"
        + (f"    timing: {timing}\n" if timing else "")
        for number, quote, timing, party, counts in figures
    )


def test_the_open_data_say_which_figures_are_superseded_and_which_counts_revised_or_disputed(tmp_path: Path) -> None:
    # Belarus said 3 were hurt, later 7, and Lukashenko 12: the page marks the count "Revised" and
    # "Accounts differ", and the 3 "superseded: revised later to 7". figures.csv gave the 3 and the 7
    # alike, and nothing said that the count was disputed.
    figures_yaml = figures_yaml_given(
        ("3", "Belarus said at first 3 people were hurt", "earlier", "belarus", "people-hurt"),
        ("7", "later 7", "later", "belarus", "people-hurt"),
        ("12", "Lukashenko said 12 were", None, "alexander-lukashenko", "people-hurt"),
        ("3", "Belarus said at first 3 people were hurt", "earlier", "belarus", "people-treated"),
        ("9", "Belarus 9 were treated", "later", "belarus", "people-treated"),
    )
    root = make_project(tmp_path / "p", events={EVENT_ID: EVENT + figures_yaml}, texts={"report": REPORT_TXT + REVISED})
    rows, derived = open_data(root, tmp_path / "site")
    assert [(r["counts"], r["value"], r["superseded"], r["revised_to"]) for r in rows["figures"]] == [
        ("people-hurt", 3, True, "7"),
        ("people-hurt", 7, False, None),
        ("people-hurt", 12, False, None),
        ("people-treated", 3, True, "9"),
        ("people-treated", 9, False, None),
    ]
    counts = [{k: r[k] for k in ("counts", "revised", "differ", "conflict", "marks")} for r in rows["counts"]]
    assert counts == [
        {
            "counts": "people-hurt",
            "revised": True,
            "differ": True,
            "conflict": True,
            "marks": "Revised;Accounts differ",
        },
        {"counts": "people-treated", "revised": True, "differ": False, "conflict": False, "marks": "Revised"},
    ]
    assert {r["figures_from"] for r in rows["counts"]} == {EVENT_ID}
    assert [r["position"] for r in rows["counts"]] == [0, 1]  # the order of the page's table
    # As the page says them, in its words.
    text = page_text(root, EVENT_ID)
    assert "People hurt Revised Accounts differ 3 people hurt" in text
    assert "People treated Revised 3 people hurt" in text
    assert "earlier; superseded: revised later to 7 the passage" in text
    assert "earlier; superseded: revised later to 9 the passage" in text
    # chronology.json gives the page's table whole.
    (hurt, treated) = derived[EVENT_ID]["counts"]
    assert (hurt["marks"], treated["marks"]) == (["Revised", "Accounts differ"], ["Revised"])
    assert [(f["position"], f["superseded"], f["revised_to"]) for f in hurt["figures"]] == [
        (0, True, ["7"]),
        (2, False, []),
        (1, False, []),
    ]


def test_a_figure_revised_on_a_linked_event_s_page_is_superseded_in_the_open_data(tmp_path: Path) -> None:
    # Lukashenko's "at least 15" is recorded on one account and his later 12 on another; only the
    # page of the event both bear on shows the two, and says he revised his count. figures.csv gave
    # the 15 as current, its own event's page being the only one it read, while counts.csv said
    # "Revised" on the page that weighs it.
    links = [(EVENT_ID, OTHER_ID, SYMMETRIC[0]), (EVENT_ID, THIRD_ID, SYMMETRIC[0])]
    chronology = linked(tmp_path / "p", "own", links, third=True, revised=True)
    (count,) = chronology.counts(chronology.events_by_id[EVENT_ID])
    assert count.revised and not chronology.counts(chronology.events_by_id[OTHER_ID])[0].revised
    rows, derived = open_data(tmp_path / "p", tmp_path / "site")
    figures = {(r["event_id"], r["position"]): (r["value"], r["superseded"], r["revised_to"]) for r in rows["figures"]}
    assert figures == {
        (EVENT_ID, 0): (12, False, None),
        (OTHER_ID, 0): (15, True, "12"),
        (THIRD_ID, 0): (12, False, None),
    }
    by_page = {r["event_id"]: r for r in rows["counts"]}
    assert (by_page[EVENT_ID]["revised"], by_page[EVENT_ID]["marks"]) == (True, "Revised")
    # The page's figures, earliest given first: the 15 (earlier), the fire service's 12, the 12 (later).
    assert by_page[EVENT_ID]["figures_from"] == f"{OTHER_ID};{EVENT_ID};{THIRD_ID}"
    assert by_page[OTHER_ID]["revised"] is False
    # chronology.json keeps each page's own reading of the same figure.
    superseded = {
        page: [(f["event"], f["superseded"]) for count in derived[page]["counts"] for f in count["figures"]]
        for page in (EVENT_ID, OTHER_ID)
    }
    assert (OTHER_ID, True) in superseded[EVENT_ID] and (OTHER_ID, False) in superseded[OTHER_ID]


def test_a_figure_revised_to_two_later_figures_names_both(tmp_path: Path) -> None:
    # Belarus said 3, then later 7 and "at least 7": the 3 was revised to both, in the page's words.
    given = "    seed: report\n    voice: attributed\n    attributed_to:\n      - belarus\n"
    figures_yaml = (
        "figures:\n"
        f"  - counts: people-hurt\n    what: people hurt\n    value: 3\n{given}"
        "    quote: Belarus said at first 3 people were hurt\n    timing: earlier\n"
        f"  - counts: people-hurt\n    what: people hurt\n    value: 7\n{given}"
        "    quote: later 7\n    timing: later\n"
        f"  - counts: people-hurt\n    what: people hurt\n    value: 7\n    qualifier: at least\n{given}"
        "    quote: later 7\n    timing: later\n"
    )
    root = make_project(tmp_path / "p", events={EVENT_ID: EVENT + figures_yaml}, texts={"report": REPORT_TXT + REVISED})
    rows, _ = open_data(root, tmp_path / "site")
    assert [(r["superseded"], r["revised_to"]) for r in rows["figures"]] == [
        (True, "7;at least 7"),
        (False, None),
        (False, None),
    ]
    assert "superseded: revised later to 7 and at least 7" in page_text(root, EVENT_ID)


def test_the_open_data_say_nothing_was_revised_where_nothing_was(tmp_path: Path) -> None:
    # "17", "at least 15" and "about 20" are put differently, but one number fits them all: "Figures
    # differ", not "Accounts differ"; "17" and "12" treated conflict; "12 went" stands alone. No
    # figure is superseded and no count revised.
    figures_yaml = (
        "figures:\n"
        + figure_yaml("17", "17 people were hurt")
        + figure_yaml("15", "a union said at least 15", "at least")
        + figure_yaml("20", "a company about 20", "about")
        + figure_yaml("17", "17 people were hurt", counts="people-treated")
        + figure_yaml("12", "12 went", counts="people-treated")
        + figure_yaml("12", "12 went", counts="people-gone")
    )
    root = make_project(tmp_path / "p", events={EVENT_ID: EVENT + figures_yaml}, texts={"report": REPORT_TXT + COUNTED})
    rows, derived = open_data(root, tmp_path / "site")
    assert [(r["superseded"], r["revised_to"]) for r in rows["figures"]] == [(False, None)] * 6
    counts = [tuple(r[k] for k in ("counts", "revised", "differ", "conflict", "marks")) for r in rows["counts"]]
    assert counts == [
        ("people-hurt", False, True, False, "Figures differ"),
        ("people-treated", False, True, True, "Accounts differ"),
        ("people-gone", False, False, False, None),
    ]
    text = page_text(root, EVENT_ID)
    assert "People hurt Figures differ 17 people hurt" in text
    assert "People treated Accounts differ 17 people hurt" in text
    assert "People gone 12 people hurt" in text and "superseded" not in text
    assert [c["marks"] for c in derived[EVENT_ID]["counts"]] == [["Figures differ"], ["Accounts differ"], []]


def test_a_figure_s_quote_is_found_with_the_other_quotes_not_searched_for_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each figure's quote was searched for in its whole source on one core, apart from the other
    # quotes (found together, on both cores, and kept from run to run): about 3 s of a
    # 100,000-event check. Neither the figures' check nor the quotes' finder searches one alone.
    figures_yaml = (
        "figures:\n" + figure_yaml("17", "17 people were hurt") + figure_yaml("15", "at least 15 not in the source")
    )
    root = make_project(tmp_path, events={EVENT_ID: EVENT + figures_yaml}, texts={"report": REPORT_TXT + COUNTED})
    searched: list[str] = []
    real = search_source

    def find_quote(quote: str, source: Any) -> list[tuple[int, int]]:
        searched.append(quote)
        return real(quote, source)

    monkeypatch.setattr(across, "find_quote", find_quote)
    monkeypatch.setattr(quote_search, "find_quote", find_quote)
    found = check(root)
    assert searched == []
    # Kept with the others, for the next check to find without searching.
    kept = [q for shard in (root / ".cache" / "quotes").glob("*/*.pickle") for q in _cached_quotes(shard)]
    assert "17 people were hurt" in kept and "at least 15 not in the source" in kept
    # Found, or not, as before: the one not in the source is said so, at its field.
    (line,) = found
    assert line.startswith(f"events/{EVENT_ID}.yaml:31:12: error[quote-not-found]: quote not found in source 'report'")


def _cached_quotes(shard: Path) -> list[str]:
    """The quotes whose places a shard of the quotes cache keeps, read as the cache reads it."""
    store = cache.Cache(shard.parent.parent.parent.parent, "quotes", shard.parent.name)
    return [quote for entry in store._load(shard.stem).values() for quote in entry]
