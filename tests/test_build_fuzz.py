"""Whatever data the checker accepts, the site builds from it: no traceback, no refusal by MkDocs.

Hypothesis writes small chronologies from values that have broken builds before or could: any
Unicode text in every text field (written as YAML escapes, so control characters, surrogates and
line separators reach the loader), dates at the ends of the calendar with times in the most distant
time zones, place hierarchies hundreds of levels deep, and ids and tags the site uses for itself.
Each chronology is checked; those the checker accepts are built, and must build.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology.check import check_project
from chronology.layout import RESERVED_IDS
from chronology.site import build_site
from tests.conftest import EVENT, EVENT_ID, REPORT_TXT, edit, make_project

ROOT = Path(__file__).resolve().parent.parent

#: Whole builds take one to several seconds each: few draws here, the known cases below every time.
BUILDS = settings(max_examples=12, database=None, suppress_health_check=list(HealthCheck))

#: Text of any script the checker accepts, and text that has broken pages or their front matter before.
#: (What the checker refuses is tested in test_hostile_text.py; here what it accepts must build.)
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co", "Zl", "Zp")), min_size=1, max_size=40),
    st.sampled_from(["index", "---", "{{ x }}", "{% raw %}", "x" * 199, "é", "'", '"', "\\", "&amp;", "a: b", "#"]),
)
SLUG = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
DATE = st.one_of(
    st.sampled_from(
        [
            "9999-12-31",
            "0001-01-01",
            "9999",
            "0001",
            "9999-12",
            "../9999-12-31",
            "0001-01-01/..",
            "2022-12-29",
            "2020-02-29~",
            "2022-12?/2022-12-31%",
        ]
    ),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
)
QUOTES = ["Belarus", "S-300", "for now"]
#: Coordinates at the edges of the world and of floating point.
COORDINATE = st.one_of(
    st.sampled_from([0.0, -0.0, 90.0, -90.0, 1e-300, 5e-324, 89.99999999999999]),
    st.floats(min_value=-90, max_value=90, allow_nan=False),
)
URL = st.sampled_from(
    [None, "https://example.org/a?b=c&d=e#f", "http://x", 'https://example.org/"quoted"', "https://exa mple.org/<x>"]
)
#: Markdown every summary-like field may hold.
MARKDOWN = st.sampled_from(
    [
        "*a* **b** `c`",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "> quote\n\n- item\n  - nested",
        "[a](https://x.org/)",
        "# Heading\n\ntext",
        "```\ncode\n```",
        "a\\\nb",
        "&copy; &#0; &#x110000;",
        "<https://x.org/>",
    ]
)
ZONE = st.sampled_from(["America/Los_Angeles", "Pacific/Kiritimati", "Etc/GMT+12", "Etc/GMT-14", "Europe/Minsk"])
TIME = st.one_of(st.none(), st.sampled_from(["00:00", "23:59", "23:00/23:59", "00:00/00:01", "12:30"]))


def q(value: str) -> str:
    """A value as a YAML double-quoted scalar (JSON escapes are YAML escapes), whatever it holds."""
    return json.dumps(value, ensure_ascii=True)


@st.composite
def chronologies(draw: st.DrawFn) -> dict[str, dict[str, str | None]]:
    depth = draw(st.sampled_from([0, 1, 3, 40]))
    places: dict[str, str | None] = {
        f"p{i}": f"id: p{i}\nname: P{i}\nkind: area\nwithin: p{i + 1}\n" for i in range(depth)
    }
    lat, lon = draw(COORDINATE), draw(COORDINATE) * 2
    places[f"p{depth}"] = (
        f"id: p{depth}\nname: {q(draw(TEXT))}\nkind: country\naliases: [{q(draw(TEXT))}]\n"
        f"coordinates:\n  lat: {lat!r}\n  lon: {lon!r}\n  precision: exact\n"
        f"description: {q(draw(MARKDOWN))}\n"
    )
    tags = draw(st.lists(SLUG, max_size=3, unique=True))
    time = draw(TIME)
    when = f"date: {q(draw(DATE))}\n" + (f"time: {q(time)}\ntimezone: {q(draw(ZONE))}\n" if time else "")
    event = (
        f"id: {EVENT_ID}\ntitle: {q(draw(TEXT))}\n{when}date_basis: {q(draw(TEXT))}\n"
        f"summary: {q(draw(st.one_of(TEXT, MARKDOWN)))}\n"
        f"actors:\n  - ref: belarus\n    role: claimant\nplaces:\n  - p0\n"
        + (f"tags: [{', '.join(tags)}]\n" if tags else "")
        + f"sources:\n  - seed: report\n    quotes:\n      - {q(draw(st.sampled_from(QUOTES)))}\n"
    )
    actor = f"id: belarus\nname: {q(draw(TEXT))}\nkind: state\ntitle: {q(draw(TEXT))}\naliases: [{q(draw(TEXT))}]\n"
    seed = (
        f"id: report\nlabel: {q(draw(TEXT))}\ntitle: {q(draw(TEXT))}\npublisher: {q(draw(TEXT))}\n"
        f"url: {json.dumps(draw(URL))}\nnotes: {q(draw(MARKDOWN))}\n"
        f"language: en\npublished: {q(draw(DATE))}\npublished_basis: {q(draw(TEXT))}\n"
    )
    return {
        "events": {EVENT_ID: event},
        "actors": {"belarus": actor, "alexander-lukashenko": None},
        "places": {"belarus": None, "minsk": None, **places},
        "seeds": {"report": seed},
    }


def build(files: dict[str, dict[str, str | None]]) -> tuple[bool, int | None]:
    """Write the chronology into a fresh project; return (whether the checker accepts it, the build's exit code)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for part in ("mkdocs.yml", "docs", "templates"):
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
        make_project(root, **files, texts={"report": REPORT_TXT})
        if check_project(root).errors:
            return False, None
        code = build_site(root)
        assert (root / "site" / "index.html").is_file() == (code == 0)
        return True, code


@BUILDS
@given(chronologies())
def test_whatever_the_checker_accepts_builds(files: dict[str, dict[str, str | None]]) -> None:
    accepted, code = build(files)
    assert code == (0 if accepted else None)


def _event(when: str) -> str:
    return edit(EVENT, "date: '2022-12-29'", when)


@pytest.mark.parametrize(
    "when",
    [
        "date: '9999-12-31'\ntime: '23:00'\ntimezone: America/Los_Angeles",
        "date: '9999-12-31'\ntime: '23:00/23:59'\ntimezone: Etc/GMT+12",
        "date: '0001-01-01'\ntime: '00:00'\ntimezone: Pacific/Kiritimati",
        "date: '0001-01-01'\ntime: '00:30'\ntimezone: Etc/GMT-14",
        "date: '9999-12-31'",
        "date: '9999-12'",
        "date: '9999'",
        "date: '0001-01-01/9999-12-31'",
    ],
    ids=[
        "9999-los-angeles",
        "9999-gmt+12",
        "0001-kiritimati",
        "0001-gmt-14",
        "9999-day",
        "9999-month",
        "9999",
        "0001-9999",
    ],
)
def test_a_date_at_the_ends_of_the_calendar_builds(when: str) -> None:
    # The time in UTC falls in year 10000 or year 0, and the time axis's last day is the last a date
    # can hold: no date arithmetic may step past it.
    assert build({"events": {EVENT_ID: _event(when + "\ndate_basis: The end of the calendar.")}}) == (True, 0)


def test_a_place_hierarchy_hundreds_deep_builds() -> None:
    depth = 250
    places: dict[str, str | None] = {
        f"p{i}": f"id: p{i}\nname: P{i}\nkind: area\nwithin: p{i + 1}\n" for i in range(depth)
    }
    places[f"p{depth}"] = f"id: p{depth}\nname: Top\nkind: country\n"
    event = edit(EVENT, "  - minsk\n  - belarus\n", "  - p0\n")
    assert build({"events": {EVENT_ID: event}, "places": {"minsk": None, "belarus": None, **places}}) == (True, 0)


def test_every_page_the_site_makes_for_itself_has_a_reserved_name() -> None:
    # A record or tag named like one of these pages would replace it (or be refused by MkDocs).
    from chronology.pages import Renderer

    chronology = check_project(ROOT).chronology
    assert chronology is not None
    records = {"event", "actor", "place", "source", "tag"}
    own = [page.path for page in Renderer(chronology, ROOT / "templates").pages() if page.kind not in records]
    in_folders = sorted({path.rpartition("/")[2].removesuffix(".md") for path in own if "/" in path})
    assert in_folders == ["index"]
    assert set(in_folders) <= RESERVED_IDS
