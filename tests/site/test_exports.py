"""The open-data files of the built site, each read by the real client or validator of its format.

The repository's chronology is built once (``site_dir``); a second, hostile chronology (names and
titles made to break out of every format) is built in its own folder. Two builds of one commit are
byte-identical, data files included: ``tests/test_site.py`` compares whole sites.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import jsonschema
import pytest
from frictionless import validate

from chronology.check import check_project
from chronology.site import build_site
from tests.conftest import EVENT, EVENT_ID, REPORT_TXT, edit, generated_project, make_project
from tests.site.conftest import ROOT

# Every test here builds or reads the example chronology (tests/conftest.py skips them where it is absent).
pytestmark = pytest.mark.example

EVENTS = sorted(p.stem for p in (ROOT / "events").glob("*.yaml"))
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def _json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


# --- the whole chronology as JSON --------------------------------------------------------------------


def test_chronology_json_is_valid_against_its_published_schema(site_dir: Path) -> None:
    document = _json(site_dir / "data/chronology.json")
    schema = _json(site_dir / "data/chronology.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=str)
    assert errors == []
    assert sorted(e["id"] for e in document["events"]) == EVENTS
    # The events are in timeline order, the order of the derived positions.
    positions = [document["derived"]["events"][e["id"]]["position"] for e in document["events"]]
    assert positions == list(range(len(EVENTS)))


def test_the_published_schema_refuses_what_the_data_files_schemas_refuse(site_dir: Path) -> None:
    document = _json(site_dir / "data/chronology.json")
    schema = _json(site_dir / "data/chronology.schema.json")
    document["events"][0]["colour"] = "red"  # no such field in event.schema.json
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    assert [e.message for e in errors] == ["Additional properties are not allowed ('colour' was unexpected)"]


# --- CSV tables and their Data Package ---------------------------------------------------------------


def test_the_data_package_validates_with_frictionless(site_dir: Path) -> None:
    report = validate(site_dir / "data/datapackage.json")
    problems = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    assert report.valid, problems
    names = {task.name for task in report.tasks}
    assert {"events", "actors", "places", "sources", "event_actors", "event_places", "quotes", "links"} <= names


def test_the_events_table_has_one_row_per_event_with_conflict_dataset_columns(site_dir: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site_dir / "data/events.csv").read_text("utf-8"), newline="")))
    assert sorted(r["id"] for r in rows) == EVENTS
    columns = set(rows[0])
    assert {"event_date", "time_precision", "date_prec", "actor1", "actor2", "location", "notes", "sources"} <= columns
    by_id = {r["id"]: r for r in rows}
    downing = by_id["2022-12-29-belarus-says-it-shot-down-ukrainian-s300"]
    assert (downing["event_date"], downing["date_end"], downing["time_precision"], downing["date_prec"]) == (
        "2022-12-29",
        "2022-12-29",
        "1",
        "1",
    )
    november = by_id["2022-11-s300-lands-in-poland"]
    assert (november["event_date"], november["date_end"], november["time_precision"], november["date_prec"]) == (
        "2022-11-01",
        "2022-11-30",
        "3",
        "4",
    )


def test_every_list_cell_names_each_value_once(site_dir: Path) -> None:
    # The downing cites its one source twice (once for each party's claim): its sources cell names
    # it once. Every column the package describes as a list is held to the same.
    package = _json(site_dir / "data/datapackage.json")
    lists = [
        (resource["path"], field["name"])
        for resource in package["resources"]
        for field in resource["schema"]["fields"]
        if "separated by ';'" in field["description"]
    ]
    assert ("events.csv", "sources") in lists and ("quotes.csv", "attributed_to") in lists
    repeated = []
    for path, column in lists:
        for row in csv.DictReader(io.StringIO((site_dir / "data" / path).read_text("utf-8"), newline="")):
            values = row[column].split(";")
            if len(values) != len(set(values)):
                repeated.append((path, column, row[column]))
    assert repeated == []


def test_a_column_s_pointer_to_a_page_gives_its_address_which_leads_where_its_values_are_defined(
    site_dir: Path,
) -> None:
    # A reader of the package alone follows the address (relative to data/, as the files' links
    # are) to the built page, at the heading that names the column or defines its values.
    package = _json(site_dir / "data/datapackage.json")
    pointed = {
        (field["name"], address)
        for resource in package["resources"]
        for field in resource["schema"]["fields"]
        for address in re.findall(r"\.\./[a-z/-]+/(?:#[a-z0-9-]+)?", field["description"])
    }
    named = {name for name, _ in pointed}
    assert {"time_precision", "date_prec", "geo_precision", "where_prec", "type", "standing"} <= named
    assert not any("docs: " in f["description"] for r in package["resources"] for f in r["schema"]["fields"])
    for name, address in pointed:
        path, _, anchor = address.partition("#")
        page = site_dir / posixpath.normpath(posixpath.join("data", path)) / "index.html"
        assert page.is_file(), (name, address)
        text = page.read_text("utf-8")
        assert not anchor or f'id="{anchor}"' in text, (name, address)
    method = (ROOT / "docs/method.md").read_text("utf-8")
    for name in ("time_precision", "date_prec", "geo_precision", "where_prec"):
        assert f"`{name}`" in method, name


def test_a_foreign_key_that_points_nowhere_fails_frictionless(site_dir: Path, tmp_path: Path) -> None:
    """The package's keys are real constraints: a table row naming a missing actor is caught."""
    copy = tmp_path / "data"
    shutil.copytree(site_dir / "data", copy)
    table = copy / "event_actors.csv"
    table.write_text(table.read_text("utf-8") + "2022-11-s300-lands-in-poland,nobody,speaker,fact\r\n", "utf-8")
    report = validate(copy / "datapackage.json")
    assert not report.valid
    assert [e.type for task in report.tasks for e in task.errors] == ["foreign-key"]


# --- feeds -------------------------------------------------------------------------------------------


def test_feedparser_reads_the_atom_feed_with_one_entry_per_event(site_dir: Path) -> None:
    feed = feedparser.parse((site_dir / "data/atom.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == len(EVENTS)
    assert len({e.id for e in feed.entries}) == len(EVENTS)
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True), "newest change first"
    titles = {e.title for e in feed.entries}
    assert "Russia fires scores of missiles at Kyiv, Lviv, Odesa and other Ukrainian cities" in titles
    assert all(e.link.endswith("/") and "/events/" in e.link for e in feed.entries)


def test_the_atom_feed_drops_what_xml_cannot_hold_from_every_text_and_attribute(tmp_path: Path) -> None:
    # The checker refuses such characters in data files; the feed guards its own format all the same.
    from dataclasses import replace

    from chronology import exports
    from chronology.check import check_project
    from chronology.exports import feeds

    result = check_project(make_project(tmp_path / "p"))
    assert result.chronology is not None
    first, *rest = result.chronology.events
    event = replace(first, title="A\x01B\ufffeC\ud800", tags=("x\x0by",))
    chronology = replace(result.chronology, events=(event, *rest))
    context = exports.Context(
        records=result.records, site_url="https://example.org/\x02", site_name="S\x00ite", changed={}, epoch=0
    )
    feed = feedparser.parse(feeds.atom(chronology, context))
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.title == "Site"
    assert feed.entries[0].title == "ABC"
    assert feed.entries[0].link.startswith("https://example.org/events/")
    assert [t.term for t in feed.entries[0].tags] == ["xy"]


def test_the_json_feed_validates_against_the_json_feed_schema(site_dir: Path) -> None:
    feed = _json(site_dir / "data/feed.json")
    schema = _json(SCHEMAS / "json-feed-1.schema.json")
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    assert sorted(e.message for e in validator.iter_errors(feed)) == []
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert len(feed["items"]) == len(EVENTS)
    atom_ids = [e.id for e in feedparser.parse((site_dir / "data/atom.xml").read_bytes()).entries]
    assert [i["id"] for i in feed["items"]] == atom_ids, "both feeds list the same entries in the same order"


# --- iCalendar ---------------------------------------------------------------------------------------


def _calendar(site_dir: Path) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical((site_dir / "data/chronology.ics").read_bytes())
    events: dict[str, icalendar.Event] = {}
    for event in calendar.walk("VEVENT"):
        assert isinstance(event, icalendar.Event)
        events[str(event["uid"])] = event
    assert len(events) == len(EVENTS)
    return {str(e["summary"]): e for e in events.values()}


def test_a_day_is_an_all_day_event_and_a_time_carries_its_zone(site_dir: Path) -> None:
    calendar = icalendar.Calendar.from_ical((site_dir / "data/chronology.ics").read_bytes())
    events = _calendar(site_dir)
    barrage = events["Russia fires scores of missiles at Kyiv, Lviv, Odesa and other Ukrainian cities"]
    assert barrage["dtstart"].params.get("VALUE") == "DATE" or barrage["dtstart"].to_ical() == b"20221229"
    assert (barrage["dtstart"].to_ical(), barrage["dtend"].to_ical()) == (b"20221229", b"20221230")
    downing = next(e for t, e in events.items() if t.startswith("Belarus says its air defence units shot down"))
    assert downing["dtstart"].params["TZID"] == "Europe/Minsk"
    assert (downing["dtstart"].to_ical(), downing["dtend"].to_ical()) == (b"20221229T100000", b"20221229T110000")
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Minsk"]


def test_a_month_is_a_span_with_a_note(site_dir: Path) -> None:
    poland = next(e for t, e in _calendar(site_dir).items() if "lands in Poland" in t)
    assert (poland["dtstart"].to_ical(), poland["dtend"].to_ical()) == (b"20221101", b"20221201")
    assert str(poland["description"]).startswith(
        "The date is November 2022: shown as the span it lies in, not a known day."
    )


#: Prints a digest of every export of the chronology in the folder given.
_DIGESTS = """
import hashlib, sys
from collections.abc import Iterator
from pathlib import Path
from chronology import exports
from chronology.check import check_project
result = check_project(Path(sys.argv[1]))
context = exports.Context(records=result.records, site_url="", site_name="s", changed={}, epoch=0)
for export in exports.make_exports(result.chronology, context):
    print(export.path, hashlib.sha256(export.content).hexdigest())
"""


def test_every_export_is_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    # Python orders sets of strings differently in every process: nothing written may follow that
    # order (the calendar's time zones once did). Events in several zones, exported by three processes.
    project = generated_project(tmp_path / "p", 200, 150)
    zones = {
        line
        for p in (project / "events").glob("*.yaml")
        for line in p.read_text("utf-8").splitlines()
        if line.startswith("timezone:")
    }
    assert len(zones) > 2
    outputs = [
        subprocess.run(
            [sys.executable, "-c", _DIGESTS, str(project)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert "data/chronology.ics" in outputs[0]
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0]


def test_the_calendars_zones_are_those_the_library_adds_in_the_order_of_their_names(tmp_path: Path) -> None:
    # The calendar asks icalendar for the zones its times use rather than letting the library walk
    # every property for them (add_missing_timezones): the zones must be the ones that walk finds.
    from chronology import exports
    from chronology.check import check_project
    from chronology.exports import ical

    result = check_project(generated_project(tmp_path / "p", 200, 150))
    assert result.chronology is not None
    context = exports.Context(records=result.records, site_url="", site_name="s", changed={}, epoch=0)
    written = ical.calendar(result.chronology, context)
    ours = icalendar.Calendar.from_ical(written)
    theirs = icalendar.Calendar.from_ical(written)
    theirs.subcomponents[:] = [c for c in theirs.subcomponents if c.name != "VTIMEZONE"]
    theirs.add_missing_timezones()
    names = [str(z["TZID"]) for z in ours.walk("VTIMEZONE")]
    assert len(names) > 2 and names == sorted(names)
    assert [c.name for c in ours.subcomponents[: len(names)]] == ["VTIMEZONE"] * len(names), "zones come first"
    by_name = {str(z["TZID"]): z.to_ical() for z in theirs.walk("VTIMEZONE")}
    assert [z.to_ical() for z in ours.walk("VTIMEZONE")] == [by_name[n] for n in sorted(by_name)]


# --- the Data page and the links in every page's head ------------------------------------------------


def test_the_data_page_lists_every_data_file_with_its_size(site_dir: Path) -> None:
    page = (site_dir / "data/index.html").read_text("utf-8")
    files = sorted(p.name for p in (site_dir / "data").iterdir() if p.name != "index.html")
    assert len(files) >= 14
    for name in files:
        assert f"<code>{name}</code>" in page, name
    size = (site_dir / "data/chronology.json").stat().st_size
    assert f"{size / 1000:.1f} KB" in page


@pytest.mark.parametrize("page", ["index.html", "events/2022-11-s300-lands-in-poland/index.html", "data/index.html"])
def test_every_page_advertises_the_feeds_calendar_and_data(site_dir: Path, page: str) -> None:
    html = (site_dir / page).read_text("utf-8")
    found = {
        media_type: posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
        for media_type, href in re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)"', html)
    }
    assert found == {
        "application/atom+xml": "data/atom.xml",
        "application/feed+json": "data/feed.json",
        "text/calendar": "data/chronology.ics",
        "application/json": "data/chronology.json",
        "text/csv": "data/events.csv",
        "application/geo+json": "data/places.geojson",
    }
    assert all((site_dir / path).is_file() for path in found.values())


# --- TimelineJS --------------------------------------------------------------------------------------


def test_the_vendored_timelinejs_is_the_pinned_npm_package() -> None:
    package = ROOT / "node_modules/@knight-lab/timelinejs"
    if not package.is_dir():
        pytest.skip("node_modules is not installed (make test installs it)")
    vendored = ROOT / "templates/assets/timelinejs"
    copied = sorted(p.relative_to(vendored) for p in vendored.rglob("*") if p.is_file())
    assert Path("js/timeline.js") in copied
    for rel in copied:
        original = package / rel if rel.name == "LICENSE" else package / "dist" / rel
        assert (vendored / rel).read_bytes() == original.read_bytes(), rel


def test_each_timelinejs_slide_says_who_says_so_naming_each_source_as_its_page_does(site_dir: Path) -> None:
    # The slides had only the title and the summary: a claim of Belarus read as a fact, and no
    # slide named its source. Each now leads with its page's standing, which names and links every
    # source it cites, as often as the page's banner does: a credit line after the summary named
    # the one report a second time ("Reported as fact by S. ... Source: S").
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    slides = {s["unique_id"]: s["text"]["text"] for s in _json(site_dir / "data" / "timelinejs.json")["events"]}
    page_dir = site_dir / "events"
    for event in chronology.events:
        text = slides[event.id]
        standing = chronology.standing(event)
        # The same words as the banner the event's page leads with.
        page = (page_dir / event.id / "index.html").read_text("utf-8")
        banner = re.search(r'<p class="(?:claim|fact)-banner">(.*?)</p>', page, re.S)
        assert banner, event.id
        lead = re.match(r'<p class="standing [a-z]+">(.*?)</p>', text, re.S)
        assert lead, f"{event.id}: the slide does not lead with its standing: {text[:200]}"

        def words(fragment: str) -> str:
            return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())

        assert words(lead.group(1)) == words(banner.group(1)), event.id
        first = {"claim": "A party's claim.", "statement": "A statement, reported by", "fact": "Reported as fact by"}
        kind = "claim" if standing.only_claimed else "statement" if standing.statement else "fact"
        assert words(lead.group(1)).startswith(first[kind]), event.id
        assert ("<strong>Accounts differ:</strong>" in text) == bool(standing.differing), event.id
        seeds = dict.fromkeys(c.seed for c in event.sources)
        linked = re.findall(r'href="\.\./sources/([^"/]+)/"', text)
        assert set(linked) == set(seeds), event.id
        banner_links = re.findall(r'href="\.\./\.\./sources/([^"/]+)/"', banner.group(1))
        assert sorted(linked) == sorted(banner_links), f"{event.id}: a source named again: {text}"


@pytest.mark.browser
def test_timelinejs_shows_one_slide_per_event_from_this_site_alone(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "timelinejs/")
    page.wait_for_selector(".tl-slide", state="attached", timeout=20000)
    page.wait_for_function(f"document.querySelectorAll('.tl-slide').length >= {len(EVENTS) + 1}", timeout=20000)
    assert page.locator(".tl-slide:not(.tl-slide-titleslide)").count() == len(EVENTS)
    dates = page.locator(".tl-slide .tl-headline-date").all_text_contents()
    assert "November 2022" in dates, "a month-precision event is shown as its month"
    # TimelineJS orders the slides by their start; the page says they follow the chronology's order.
    # A time of day in a start put the downing at 10:00 after the events of "one day between 29 and
    # about 31 December", which start at its midnight, and after the responses to it.
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    shown = page.locator(".tl-slide:not(.tl-slide-titleslide) .tl-headline a").all_text_contents()
    assert shown == [event.title for event in chronology.events]
    dated = page.locator(".tl-slide:not(.tl-slide-titleslide) .tl-headline-date").all_text_contents()
    downing = next(i for i, e in enumerate(chronology.events) if e.time is not None)
    assert "10:00\u201311:00 Minsk time" in dated[downing], "a time of day is shown in the slide's date"
    # Each slide says who says so, and from what source.
    texts = page.locator(".tl-slide:not(.tl-slide-titleslide) .tl-text-content").all_text_contents()
    downing_at = next(i for i, e in enumerate(chronology.events) if chronology.standing(e).only_claimed)
    assert "A party's claim. A claim of" in texts[downing_at]
    reports = [chronology.sources[c.seed] for e in chronology.events for c in e.sources[:1]]
    assert all((s.title or s.label) in text for s, text in zip(reports, texts, strict=True)), texts
    assert errors == []
    assert [u for u in requests if not u.startswith(site_url)] == []
    page.close()


@pytest.mark.browser
def test_timelinejs_shows_the_period_its_address_names(
    browser: Any, period_site_url: str, period_site_dir: Path
) -> None:
    # A timeline split into periods is shown a period at a time, each read from its own file.
    slugs = [p.stem for p in sorted((period_site_dir / "data" / "timelinejs").glob("*.json"))]
    slug = slugs[1]
    events = _json(period_site_dir / "data" / "timelinejs" / f"{slug}.json")["events"]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(period_site_url + f"timelinejs/?period={slug}")
    page.wait_for_function(f"document.querySelectorAll('.tl-slide').length >= {len(events) + 1}", timeout=20000)
    shown = page.locator(".tl-slide:not(.tl-slide-titleslide) .tl-headline a").all_text_contents()
    assert shown == [html.unescape(event["text"]["headline"].split(">", 1)[1].rsplit("<", 1)[0]) for event in events]
    assert page.locator(f'a[data-period="{slug}"][aria-current="page"]').count() == 1
    label = page.locator("[data-timelinejs-label]")
    assert label.is_visible() and label.text_content() == page.locator(f'a[data-period="{slug}"]').text_content()
    data = [u for u in requests if "/data/" in u]
    assert data == [period_site_url + f"data/timelinejs/{slug}.json"]
    assert errors == []
    page.close()
    # Without JavaScript no period is shown: no heading names one, and no empty frame stands there.
    context = browser.new_context(java_script_enabled=False)
    still = context.new_page()
    still.goto(period_site_url + f"timelinejs/?period={slug}")
    assert not still.locator("[data-timelinejs-label]").is_visible()
    assert not still.locator("#timeline-embed").is_visible()
    assert "lists every event without it, a period to a page" in still.locator("body").inner_text()
    context.close()


# --- hostile text ------------------------------------------------------------------------------------

#: Text made to break out of each format that the checker still lets through (it refuses tags and
#: line breaks in one-line fields): entities that must stay text, markup characters, CDATA and
#: comment ends, quotes, and a spreadsheet formula.
HOSTILE = '=HYPERLINK("x") &lt;script&gt;alert(1)&lt;/script&gt; 1 < 2 > 0 ]]> --> "q" \'a\' & ; , \\'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "p"
    text = REPORT_TXT + f"The hostile words: {HOSTILE}\n"
    event = edit(EVENT, "title: Belarus says it shot down a Ukrainian S-300", f"title: {json.dumps(HOSTILE)}")
    quote = json.dumps("The hostile words: " + HOSTILE)
    event = edit(event, "      - there was", f"      - {quote}\n      - there was")
    actor = f"id: belarus\nname: {json.dumps(HOSTILE)}\nkind: state\n"
    make_project(root, events={EVENT_ID: event}, actors={"belarus": actor}, texts={"report": text})
    for part in ("mkdocs.yml", "docs", "templates"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        else:
            shutil.copy2(source, root / part)
    assert build_site(root) == 0
    return root / "site"


def test_hostile_text_stays_data_in_every_format(hostile_site: Path) -> None:
    data = hostile_site / "data"
    # JSON: the same text back.
    document = _json(data / "chronology.json")
    assert document["events"][0]["title"] == HOSTILE
    assert {a["id"]: a["name"] for a in document["actors"]}["belarus"] == HOSTILE
    # Atom and JSON Feed: read back as the same title, the feed still well formed.
    feed = feedparser.parse((data / "atom.xml").read_bytes())
    assert feed.bozo == 0 and [e.title for e in feed.entries] == [HOSTILE]
    assert _json(data / "feed.json")["items"][0]["title"] == HOSTILE
    # iCalendar: one event, the same summary.
    calendar = icalendar.Calendar.from_ical((data / "chronology.ics").read_bytes())
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [HOSTILE]
    # CSV: one row per record, the text whole, a formula defused with a leading apostrophe.
    rows = list(csv.DictReader(io.StringIO((data / "events.csv").read_text("utf-8"), newline="")))
    assert [r["title"] for r in rows] == ["'" + HOSTILE]
    actors = list(csv.DictReader(io.StringIO((data / "actors.csv").read_text("utf-8"), newline="")))
    assert sorted(r["name"] for r in actors) == ["'" + HOSTILE, "Alexander Lukashenko"]
    assert validate(data / "datapackage.json").valid
    # TimelineJS places text as HTML: the title is escaped, never markup.
    slide = _json(data / "timelinejs.json")["events"][0]
    assert "&amp;lt;script&amp;gt;alert(1)" in slide["text"]["headline"]
    assert "1 &lt; 2 &gt; 0" in slide["text"]["headline"]


# --- JSON-LD in every event page ---------------------------------------------------------------------

SCHEMA_ORG = "http://schema.org/"
_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's document loader, with schema.org's context (release 30.0) from the repository: nothing
    is fetched, and any other address is refused."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        document = _json(SCHEMAS / "schemaorg-context-30.0.jsonld")
        return {"contextUrl": None, "documentUrl": url, "document": document}
    raise AssertionError(f"the JSON-LD would fetch {url}")


def _expanded(site_dir: Path, event_id: str) -> dict[str, Any]:
    from pyld import jsonld

    page = f"events/{event_id}/index.html"
    (block,) = _LD.findall((site_dir / page).read_text("utf-8"))
    document = json.loads(block)
    expanded: list[dict[str, Any]] = jsonld.expand(
        document, {"documentLoader": _offline_loader, "base": f"https://chronology.invalid/{page}"}
    )
    assert len(expanded) == 1
    return expanded[0]


@pytest.mark.parametrize("event_id", EVENTS)
def test_every_event_page_carries_schema_org_json_ld(site_dir: Path, event_id: str) -> None:
    event = _expanded(site_dir, event_id)
    assert event["@type"] == [SCHEMA_ORG + "Event"]
    assert event["@id"] == f"https://chronology.invalid/events/{event_id}/"
    assert event[SCHEMA_ORG + "name"][0]["@value"]
    record = next(e for e in _json(site_dir / "data/chronology.json")["events"] if e["id"] == event_id)
    if record["date"].startswith("../") or record["date"].startswith("[.."):
        # Open at the start ("on or before"): no start to give, and the words say so.
        assert SCHEMA_ORG + "startDate" not in event
        assert event[SCHEMA_ORG + "disambiguatingDescription"][0]["@value"].startswith("The date is on or before ")
    else:
        assert event[SCHEMA_ORG + "startDate"][0]["@type"] == SCHEMA_ORG + "Date"
    quotes = [c[SCHEMA_ORG + "text"][0]["@value"] for c in event[SCHEMA_ORG + "citation"]]
    assert quotes == [q for s in record["sources"] for q in s["quotes"]]


def test_json_ld_dates_keep_their_precision_and_their_zone(site_dir: Path) -> None:
    def start(event_id: str) -> str:
        return str(_expanded(site_dir, event_id)[SCHEMA_ORG + "startDate"][0]["@value"])

    assert start("2022-11-s300-lands-in-poland") == "2022-11"
    assert start("2022-12-29-belarus-says-it-shot-down-ukrainian-s300") == "2022-12-29T10:00:00+03:00"
    places = _expanded(site_dir, "2022-12-29-russia-fires-missile-barrage-at-ukraine")[SCHEMA_ORG + "location"]
    assert [p[SCHEMA_ORG + "name"][0]["@value"] for p in places] == ["Kyiv", "Lviv", "Odesa", "Ukraine"]


def test_json_ld_cannot_end_its_script_element(hostile_site: Path) -> None:
    html = next(hostile_site.glob("events/*/index.html")).read_text("utf-8")
    (block,) = _LD.findall(html)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["name"] == HOSTILE


# --- GeoJSON and Linked Places -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["places.geojson", "events.geojson"])
def test_the_geojson_files_are_valid_geojson(site_dir: Path, name: str) -> None:
    import geojson

    collection = geojson.loads((site_dir / "data" / name).read_text("utf-8"))
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"


def test_places_are_points_longitude_first_with_their_event_counts(site_dir: Path) -> None:
    features = {f["id"]: f for f in _json(site_dir / "data/places.geojson")["features"]}
    records = {p["id"]: p for p in _json(site_dir / "data/chronology.json")["places"]}
    assert sorted(features) == sorted(records)
    for place_id, record in records.items():
        coordinates = record["coordinates"]
        assert features[place_id]["geometry"] == {
            "type": "Point",
            "coordinates": [coordinates["lon"], coordinates["lat"]],
        }
    events = _json(site_dir / "data/chronology.json")["events"]
    assert features["kyiv"]["properties"]["events"] == sum("kyiv" in e.get("places", []) for e in events)
    assert features["ukraine"]["properties"]["events_here_and_within"] >= features["kyiv"]["properties"]["events"]


def test_the_fragments_near_gorbakha_carry_acled_and_ucdp_precision(site_dir: Path) -> None:
    """Found "in the vicinity of" Gorbakha, drawn at Ivanovo District's centre: ACLED 2, UCDP 3."""
    features = {f["id"]: f for f in _json(site_dir / "data/events.geojson")["features"]}
    fragments = features["2022-12-29-missile-fragments-found-near-gorbakha"]["properties"]
    assert (fragments["place"], fragments["placed"], fragments["point_precision"]) == (
        "gorbakha",
        "near",
        "district-centre",
    )
    assert (fragments["geo_precision"], fragments["where_prec"]) == (2, 3)
    rows = {
        r["id"]: r for r in csv.DictReader(io.StringIO((site_dir / "data/events.csv").read_text("utf-8"), newline=""))
    }
    row = rows["2022-12-29-missile-fragments-found-near-gorbakha"]
    assert (row["latitude"], row["longitude"], row["geo_precision"], row["where_prec"]) == (
        "52.14724",
        "25.53198",
        "2",
        "3",
    )


def test_every_event_is_a_feature_even_without_a_place(site_dir: Path) -> None:
    features = _json(site_dir / "data/events.geojson")["features"]
    assert [f["id"] for f in features] == [e["id"] for e in _json(site_dir / "data/chronology.json")["events"]]
    for feature in features:
        assert (feature["geometry"] is None) == (feature["properties"]["place"] is None)


def test_linked_places_validate_against_lpf_schema(site_dir: Path) -> None:
    document = _json(site_dir / "data/places.lpf.json")
    assert document["type"] == "FeatureCollection" and "linkedplaces-context" in document["@context"]
    validator = jsonschema.Draft7Validator(_json(SCHEMAS / "lpf-feature-v1.2.2.schema.json"))
    for feature in document["features"]:
        assert [e.message for e in validator.iter_errors(feature)] == [], feature["@id"]
    by_name = {f["properties"]["title"]: f for f in document["features"]}
    (relation,) = by_name["Gorbakha"]["relations"]
    assert (relation["relationType"], relation["relationTo"]) == ("gvp:broaderPartitive", "../places/ivanovo-district/")
    assert relation["citations"], "a part-of relation carries what it rests on"


def test_the_figures_table_gives_each_account_of_a_count_with_who_gives_it(site_dir: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site_dir / "data/figures.csv").read_text("utf-8"), newline="")))
    launched = {
        (r["value"], r["qualifier"], r["attributed_to"], r["timing"])
        for r in rows
        if r["counts"] == "missiles-launched"
    }
    assert ("69", "", "ukraine-military", "") in launched
    assert any(
        value == "120" and qualifier == "more than" and timing == "earlier" for value, qualifier, _, timing in launched
    )
    shot_down = [r for r in rows if r["counts"] == "missiles-shot-down"]
    assert [(r["value"], r["voice"]) for r in shot_down] == [("54", "attributed")]


def test_the_quotes_table_says_how_each_source_presents_its_event(site_dir: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((site_dir / "data/quotes.csv").read_text("utf-8"), newline="")))
    assert {r["voice"] for r in rows} == {"own", "attributed"}
    assert all((r["voice"] == "attributed") == bool(r["attributed_to"]) for r in rows)


# --- what each point stands for, in every file that gives it ----------------------------------------


def _rows(site_dir: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site_dir / "data" / name).read_text("utf-8"), newline="")))


FRAGMENTS = "2022-12-29-missile-fragments-found-near-gorbakha"


def test_the_places_table_gives_each_point_with_what_it_stands_for_and_its_basis(site_dir: Path) -> None:
    places = {r["id"]: r for r in _rows(site_dir, "places.csv")}
    gorbakha = places["gorbakha"]
    assert (gorbakha["latitude"], gorbakha["longitude"], gorbakha["point_precision"]) == (
        "52.14724",
        "25.53198",
        "district-centre",
    )
    assert "the point is Ivanava" in gorbakha["point_basis"]
    assert places["belarus"]["country_code"] == "BLR" and places["kyiv"]["country_code"] == ""
    assert "from gazetteers" in places["brest-region"]["within_basis"]
    # Each alias with its language, in a table of its own: the places' aliases cell stays a plain list.
    aliases = {(r["place_id"], r["name"]): r["lang"] for r in _rows(site_dir, "place_aliases.csv")}
    assert (aliases[("kyiv", "Київ")], aliases[("kyiv", "Kiev")]) == ("uk", "en")
    records = _json(site_dir / "data/chronology.json")["places"]
    assert len(aliases) == sum(len(p.get("aliases", [])) for p in records)
    # The package describes every new column, so that frictionless checks them (see above).
    package = {r["name"]: r for r in _json(site_dir / "data/datapackage.json")["resources"]}
    described = {f["name"] for f in package["places"]["schema"]["fields"]}
    assert {"latitude", "longitude", "point_precision", "point_basis", "country_code", "within_basis"} <= described
    assert package["place_aliases"]["schema"]["foreignKeys"][0]["reference"]["resource"] == "places"


def test_the_event_places_table_says_how_each_event_stands_to_each_place(site_dir: Path) -> None:
    placed = {(r["event_id"], r["place_id"]): r["placed"] for r in _rows(site_dir, "event_places.csv")}
    fragments = [placed[(FRAGMENTS, p)] for p in ("gorbakha", "ivanovo-district", "brest-region", "belarus")]
    assert fragments == ["near", "within", "within", "within"]
    assert placed[("2022-12-29-russia-fires-missile-barrage-at-ukraine", "kyiv")] == "at"  # the default
    events = {r["id"]: r for r in _rows(site_dir, "events.csv")}
    assert (events[FRAGMENTS]["place_id"], events[FRAGMENTS]["placed"]) == ("gorbakha", "near")


def test_the_geojson_points_carry_their_basis(site_dir: Path) -> None:
    places = {f["id"]: f["properties"] for f in _json(site_dir / "data/places.geojson")["features"]}
    assert "the point is Ivanava" in places["gorbakha"]["point_basis"]
    assert all(p["point_basis"] for p in places.values())
    events = {f["id"]: f["properties"] for f in _json(site_dir / "data/events.geojson")["features"]}
    assert events[FRAGMENTS]["point_basis"] == places["gorbakha"]["point_basis"]


def test_linked_places_say_when_a_point_is_another_places_and_where_it_comes_from(site_dir: Path) -> None:
    by_name = {f["properties"]["title"]: f for f in _json(site_dir / "data/places.lpf.json")["features"]}

    def geometry(name: str) -> dict[str, Any]:
        collection = by_name[name]["geometry"]
        assert collection["type"] == "GeometryCollection"
        (point,) = collection["geometries"]
        return dict(point)

    gorbakha = geometry("Gorbakha")
    assert (gorbakha["type"], gorbakha["coordinates"], gorbakha["certainty"]) == (
        "Point",
        [25.53198, 52.14724],
        "less-certain",
    )
    assert gorbakha["source"].startswith("The point is the administrative centre of the district (district-centre).")
    assert "the point is Ivanava" in gorbakha["source"]
    # A district drawn at its own centre, a city at its own, a country at its centroid: their own points.
    assert [geometry(n)["certainty"] for n in ("Ivanovo District", "Kyiv", "Belarus")] == ["certain"] * 3


def test_json_ld_names_a_place_the_event_was_near_as_near_it(site_dir: Path) -> None:
    first, district, *_ = _expanded(site_dir, FRAGMENTS)[SCHEMA_ORG + "location"]
    assert first[SCHEMA_ORG + "name"][0]["@value"] == "near Gorbakha"
    assert district[SCHEMA_ORG + "name"][0]["@value"] == "Ivanovo District"
    (geo,) = first[SCHEMA_ORG + "geo"]
    assert geo[SCHEMA_ORG + "description"][0]["@value"].startswith(
        "The point is the administrative centre of the district (district-centre)."
    )


# --- the parts the actors play, in the JSON-LD -------------------------------------------------------


def _properties(node: Any) -> int:
    """How many properties (keys other than JSON-LD's keywords) a document holds, at every depth."""
    if isinstance(node, list):
        return sum(_properties(n) for n in node)
    if isinstance(node, dict):
        return sum((not k.startswith("@")) + _properties(v) for k, v in node.items())
    return 0


def _expanded_properties(node: Any) -> set[str]:
    """The properties of an expanded document, at every depth."""
    if isinstance(node, list):
        return set().union(*(_expanded_properties(n) for n in node))
    if isinstance(node, dict):
        return {k for k in node if not k.startswith("@")}.union(*(_expanded_properties(v) for v in node.values()))
    return set()


@pytest.mark.parametrize("event_id", EVENTS)
def test_json_ld_expands_with_no_property_dropped_or_unknown(site_dir: Path, event_id: str) -> None:
    (block,) = _LD.findall((site_dir / f"events/{event_id}/index.html").read_text("utf-8"))
    expanded = _expanded(site_dir, event_id)
    assert _properties(expanded) == _properties(json.loads(block))
    # Every property is one schema.org defines, not a word its context's @vocab would take as any.
    terms = _json(SCHEMAS / "schemaorg-context-30.0.jsonld")["@context"]
    assert {p.removeprefix(SCHEMA_ORG) for p in _expanded_properties(expanded)} <= set(terms)


def test_json_ld_gives_each_actor_its_role_and_each_attributed_quote_its_speakers(site_dir: Path) -> None:
    downing = _expanded(site_dir, "2022-12-29-belarus-says-it-shot-down-ukrainian-s300")
    roles = {}
    for role in downing[SCHEMA_ORG + "actor"]:
        assert role["@type"] == [SCHEMA_ORG + "Role"]
        (actor,) = role[SCHEMA_ORG + "actor"]
        roles[actor[SCHEMA_ORG + "name"][0]["@value"]] = role[SCHEMA_ORG + "roleName"][0]["@value"]
    assert roles["Ukraine"] == "alleged launcher"
    assert roles["Belarus's air defence units"] == "interceptor"
    speakers = [
        sorted(s[SCHEMA_ORG + "name"][0]["@value"] for s in q.get(SCHEMA_ORG + "spokenByCharacter", []))
        for q in downing[SCHEMA_ORG + "citation"]
    ]
    # Belarus "saying it had shot down" the missile; the ministry's statement "confirming" it.
    assert speakers == [["Belarus"], ["Belarus's Defence Ministry"]] + [["BelTA"]] * 2
    # A quotation in the source's own voice names no one else as its speaker.
    barrage = _expanded(site_dir, "2022-12-29-russia-fires-missile-barrage-at-ukraine")
    assert all(SCHEMA_ORG + "spokenByCharacter" not in q for q in barrage[SCHEMA_ORG + "citation"])


# --- dates: estimated ends, spans that lasted --------------------------------------------------------


def test_an_approximate_end_is_given_as_an_estimate_not_a_bound(site_dir: Path) -> None:
    """The fragments were found on one day between 29 and about 31 December: the 31st is no bound."""
    derived = _json(site_dir / "data/chronology.json")["derived"]["events"]
    assert (derived[FRAGMENTS]["latest"], derived[FRAGMENTS]["latest_approximate"]) == ("2022-12-31", True)
    assert derived[FRAGMENTS]["earliest_approximate"] is False
    downing = "2022-12-29-belarus-says-it-shot-down-ukrainian-s300"
    assert derived[downing]["latest_approximate"] is False
    # "on or before 19 December": no earliest day, so nothing to qualify.
    assert derived["2022-12-19-russia-announces-joint-exercises-in-belarus"]["earliest_approximate"] is None
    schema = _json(site_dir / "data/chronology.schema.json")
    latest = schema["properties"]["derived"]["properties"]["events"]["additionalProperties"]["properties"]["latest"]
    assert "unless latest_approximate is true" in latest["description"]
    rows = {r["id"]: r for r in _rows(site_dir, "events.csv")}
    assert (rows[FRAGMENTS]["date_end"], rows[FRAGMENTS]["date_end_approximate"]) == ("2022-12-31", "true")
    assert rows[downing]["date_end_approximate"] == "false"
    features = {f["id"]: f["properties"] for f in _json(site_dir / "data/events.geojson")["features"]}
    assert (features[FRAGMENTS]["latest"], features[FRAGMENTS]["latest_approximate"]) == ("2022-12-31", True)


PUTIN_VISIT = "2022-12-19-putin-visits-belarus-for-talks-with-lukashenko"


def _dated(tmp_path: Path, date: str, site_url: str = "", site_name: str = "s") -> tuple[Any, Any]:
    """The repository's chronology with Putin's visit dated ``date``, and a context to export it in."""
    from chronology import exports
    from chronology.check import check_project
    from tests.test_site import copy_project

    root = copy_project(tmp_path / "p")
    path = root / "events" / f"{PUTIN_VISIT}.yaml"
    path.write_text(path.read_text("utf-8").replace("date: '2022-12-19'", f"date: '{date}'", 1), "utf-8")
    result = check_project(root)
    assert result.chronology is not None
    context = exports.Context(records=result.records, site_url=site_url, site_name=site_name, changed={}, epoch=0)
    return result.chronology, context


def _visit(chronology: Any, context: Any) -> tuple[icalendar.Event, dict[str, str]]:
    """Putin's visit as the calendar and the events table give it."""
    from chronology.exports import ical, tables

    calendar = icalendar.Calendar.from_ical(ical.calendar(chronology, context))
    (item,) = [e for e in calendar.walk("VEVENT") if str(e["summary"]).startswith("Putin visits Belarus")]
    assert isinstance(item, icalendar.Event)
    (table,) = [t for t in tables.tables(chronology, context) if t.name == "events"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(table.csv().decode("utf-8"), newline=""))}
    return item, rows[PUTIN_VISIT]


def test_a_span_that_lasted_is_shown_as_that_span_with_the_days_known(tmp_path: Path) -> None:
    item, row = _visit(*_dated(tmp_path, "2022-12-19/2022-12-20"))
    assert (item["dtstart"].to_ical(), item["dtend"].to_ical()) == (b"20221219", b"20221221")
    assert str(item["description"]).startswith("It lasted from 19 to 20 December 2022.\n\n")
    # Both of its days are known: as UCDP codes an event between a known date_start and date_end.
    assert (row["event_date"], row["date_end"], row["time_precision"], row["date_prec"]) == (
        "2022-12-19",
        "2022-12-20",
        "1",
        "1",
    )


def test_a_span_open_at_one_end_is_shown_on_its_known_day_as_a_span(tmp_path: Path) -> None:
    item, _ = _visit(*_dated(tmp_path, "2022-12-19/.."))
    assert str(item["description"]).startswith(
        "It lasted from 19 December 2022 onwards; it is shown on its first day, as its end is not known."
    )
    item, _ = _visit(*_dated(tmp_path / "until", "../2022-12-19"))
    assert str(item["description"]).startswith(
        "It lasted until 19 December 2022; it is shown on its last day, as its start is not known."
    )


def test_a_span_of_months_is_coded_by_its_ends_known_to_the_month(tmp_path: Path) -> None:
    item, row = _visit(*_dated(tmp_path, "2022-11/2022-12"))
    assert (item["dtstart"].to_ical(), item["dtend"].to_ical()) == (b"20221101", b"20230101")
    assert "shown from the first day it can have begun to the last it can have ended" in str(item["description"])
    assert (row["time_precision"], row["date_prec"]) == ("3", "4")


def test_the_calendars_location_names_every_place_and_near_where_it_applies(site_dir: Path) -> None:
    events = _calendar(site_dir)
    barrage = events["Russia fires scores of missiles at Kyiv, Lviv, Odesa and other Ukrainian cities"]
    assert str(barrage["location"]) == "Kyiv, Lviv, Odesa, Ukraine"
    (fragments,) = [e for t, e in events.items() if "near the village of Gorbakha" in t]
    assert str(fragments["location"]) == "near Gorbakha, Ivanovo District, Brest region, Belarus"


# --- ids ---------------------------------------------------------------------------------------------


def test_feed_and_calendar_ids_are_the_sites_own(tmp_path: Path) -> None:
    """Two chronologies built with this tool share no feed id, entry id or UID, even for one event id;
    one site's are the same in every build and wherever it is published."""
    from dataclasses import replace

    from chronology.exports import feeds, ical

    chronology, context = _dated(tmp_path, "2022-12-19")

    def ids(site_url: str, site_name: str) -> tuple[str, list[str], list[str], list[str]]:
        site = replace(context, site_url=site_url, site_name=site_name)
        atom = feedparser.parse(feeds.atom(chronology, site))
        assert atom.bozo == 0
        items = [i["id"] for i in json.loads(feeds.json_feed(chronology, site))["items"]]
        calendar = icalendar.Calendar.from_ical(ical.calendar(chronology, site))
        uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
        return atom.feed.id, [e.id for e in atom.entries], items, uids

    first = ids("", "Belarus and the S-300")
    assert first == ids("", "Belarus and the S-300")
    assert first[1] == first[2]  # one entry id in both feeds
    other = ids("", "Another chronology")
    assert other[0] != first[0]
    for mine, theirs in zip(first[1:], other[1:], strict=True):
        assert set(mine).isdisjoint(theirs)
    # An entry's id must not change when the site moves (RFC 4287): the address plays no part.
    assert ids("https://example.org/chronology/", "Belarus and the S-300") == first


def _agents(node: Any) -> Iterator[tuple[str, list[str]]]:
    """Every actor an expanded document names: its page's address and its types."""
    if isinstance(node, list):
        for item in node:
            yield from _agents(item)
    elif isinstance(node, dict):
        urls = [u.get("@id", u.get("@value", "")) for u in node.get(SCHEMA_ORG + "url", [])]
        if any("/actors/" in u for u in urls):
            yield urls[0], node.get("@type", [])
        for value in node.values():
            yield from _agents(value)


def test_json_ld_types_each_actor_by_its_kind_and_a_group_as_no_organisation(site_dir: Path) -> None:
    # Officials the report ties to no state or body are a group: typing them an Organization would
    # say there is one.
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    wanted = {"person": "Person", "group": "Thing"}
    seen = set()
    for event_id in EVENTS:
        for url, types in _agents(_expanded(site_dir, event_id)):
            actor = chronology.actors[url.rstrip("/").rsplit("/", 1)[1]]
            assert types == [SCHEMA_ORG + wanted.get(actor.kind, "Organization")], (event_id, actor.id)
            seen.add(actor.kind)
    assert {"person", "group", "state"} <= seen


# --- a link's note ------------------------------------------------------------------------------------

SPOKESMAN = "2022-12-29-ukrainian-military-spokesman-in-effect-acknowledges-stray"
DOWNING = "2022-12-29-belarus-says-it-shot-down-ukrainian-s300"


def test_a_link_s_note_is_on_both_pages_and_in_every_export_that_carries_links(site_dir: Path) -> None:
    # The spokesman's page read "Acknowledges: Belarus says its air defence units shot down a
    # Ukrainian S-300 ...", and the downing's "Acknowledged by" him, where the report says only
    # that he in effect acknowledged that the missile was a Ukrainian stray.
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    (relation,) = [r for r in chronology.events_by_id[SPOKESMAN].related if r.type == "acknowledges"]
    note = relation.note
    assert note is not None
    assert "the report does not say he acknowledged that Belarus shot it down" in note
    shown = f' <span class="link-note">— {html.escape(note, quote=True)}</span>'

    downing = (site_dir / "events" / DOWNING / "index.html").read_text("utf-8")
    spokesman = (site_dir / "events" / SPOKESMAN / "index.html").read_text("utf-8")
    title = html.escape(chronology.events_by_id[SPOKESMAN].title, quote=True)
    # The downing's banner, where its standing names the spokesman's words ...
    bearing = re.search(r'<p class="bearing"><span class="relation">Acknowledged by:</span> (.*?)</p>', downing)
    assert bearing, "no 'Acknowledged by' line"
    assert bearing.group(1) == f'<a href="../../events/{SPOKESMAN}/">{title}</a>{shown}'
    # ... and both pages' related events.
    for page, reads, other in ((downing, "Acknowledged by", SPOKESMAN), (spokesman, "Acknowledges", DOWNING)):
        item = re.search(
            rf'<li><span class="relation">{reads}:</span> <a href="\.\./\.\./events/{other}/">.*?</li>', page
        )
        assert item, reads
        assert item.group(0).endswith(f"</span>{shown}</li>"), item.group(0)

    # The CSV table of links, with its column described in the Data Package.
    rows = list(csv.DictReader(io.StringIO((site_dir / "data/links.csv").read_text("utf-8"), newline="")))
    notes = {(r["event_id"], r["type"], r["target_id"]): r["note"] for r in rows}
    assert notes[(SPOKESMAN, "acknowledges", DOWNING)] == note
    written = {(e.id, r.type, r.target): r.note or "" for e in chronology.events for r in e.related}
    assert notes == written
    package = _json(site_dir / "data/datapackage.json")
    (links,) = [r for r in package["resources"] if r["name"] == "links"]
    (field,) = [f for f in links["schema"]["fields"] if f["name"] == "note"]
    assert field["type"] == "string"
    assert "what of the other event the link concerns" in field["description"].lower()
    assert "constraints" not in field  # a link needs none

    # The whole JSON, as the file writes it.
    document = _json(site_dir / "data/chronology.json")
    (event,) = [e for e in document["events"] if e["id"] == SPOKESMAN]
    assert event["related"] == [{"ref": DOWNING, "type": "acknowledges", "note": note}]


def test_a_differing_link_s_note_is_on_the_timelinejs_slides_where_accounts_differ(tmp_path: Path) -> None:
    # A slide names the events an account differs from; a note on the link goes with it there.
    from chronology import exports
    from chronology.exports import timelinejs

    other_id = "2022-12-30-lukashenko-says-nothing-happened"
    other = (
        edit(EVENT, f"id: {EVENT_ID}", f"id: {other_id}").replace(
            "      - Belarus said on 29 December 2022 that it had shot down a Ukrainian S-300 missile near Minsk.\n", ""
        )
        + f"related:\n  - ref: {EVENT_ID}\n    type: denies\n    note: the place, not the missile & 1 < 2\n"
    )
    result = check_project(make_project(tmp_path, events={other_id: other}))
    assert result.errors == []
    assert result.chronology is not None
    context = exports.Context(records=result.records, site_url="", site_name="S", changed={}, epoch=0)
    slides = {s["unique_id"]: s["text"]["text"] for s in timelinejs.timeline(result.chronology, context)["events"]}
    shown = ' <span class="link-note">— the place, not the missile &amp; 1 &lt; 2</span>'
    for here, there in ((EVENT_ID, other_id), (other_id, EVENT_ID)):
        differ = re.search(r'<p class="differ"><strong>Accounts differ:</strong> (.*?)</p>', slides[here])
        assert differ, here
        assert (
            differ.group(1)
            == f'<a href="../events/{there}/">{html.escape(result.chronology.events_by_id[there].title)}</a>{shown}'
        )


# --- what each event stands as, and what the tables carry of the data's bases ----------------------

DOWNING = "2022-12-29-belarus-says-it-shot-down-ukrainian-s300"
SUMMONS = "2022-12-29-belarus-summons-ukraine-ambassador"
KONOVALOV = "2022-12-29-konovalov-plays-down-incident"
BARRAGE = "2022-12-29-russia-fires-missile-barrage-at-ukraine"


def _banner(site_dir: Path, event_id: str) -> str:
    """The standing an event's page leads with, as plain text."""
    page = (site_dir / f"events/{event_id}/index.html").read_text("utf-8")
    (banner,) = re.findall(r'<p class="(?:claim|fact)-banner">(.*?)</p>', page, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", banner)).split())


def test_every_export_of_events_says_what_each_stands_as_in_its_page_s_words(site_dir: Path) -> None:
    rows = {r["id"]: r for r in _rows(site_dir, "events.csv")}
    features = {f["id"]: f["properties"] for f in _json(site_dir / "data/events.geojson")["features"]}
    derived = _json(site_dir / "data/chronology.json")["derived"]["events"]
    expected = {DOWNING: "claim", SUMMONS: "fact", KONOVALOV: "statement", BARRAGE: "fact"}
    for event_id, standing in expected.items():
        assert rows[event_id]["standing"] == features[event_id]["standing"] == derived[event_id]["standing"] == standing
    for event_id in EVENTS:  # the page's words, from the same code, in every file
        words = _banner(site_dir, event_id)
        assert rows[event_id]["standing_text"] == features[event_id]["standing_text"] == words, event_id
        assert derived[event_id]["standing_text"] == words
        assert words in _json_ld_descriptions(site_dir, event_id)
    assert rows[DOWNING]["claimed_by"] == "belarus;belarus-ministry-of-defence;belta"
    assert features[DOWNING]["claimed_by"] == ["belarus", "belarus-ministry-of-defence", "belta"]
    assert rows[SUMMONS]["claimed_by"] == "belarus-ministry-of-foreign-affairs"  # a fact, also given as a claim
    assert rows[BARRAGE]["claimed_by"] == ""
    # Accounts that differ, whichever end declares the link that says so.
    officials, military = (
        "2022-12-29-officials-say-more-than-120-missiles-fired",
        ("2022-12-29-ukraine-military-says-it-shot-down-54-of-69-missiles"),
    )
    assert (rows[officials]["differs_from"], rows[military]["differs_from"]) == (military, officials)
    # A role in a claim is filterable as claimed: the interceptor is Belarus's account.
    roles = {(r["event_id"], r["actor_id"]): r for r in _rows(site_dir, "event_actors.csv")}
    interceptor = roles[(DOWNING, "belarus-air-defence-units")]
    assert (interceptor["role"], interceptor["standing"]) == ("interceptor", "claim")
    assert roles[(BARRAGE, "russia")]["standing"] == "fact"
    # The JSON-LD says so on each role of a claim or a statement, and on none of a fact's.
    document = json.loads(_LD.findall((site_dir / f"events/{DOWNING}/index.html").read_text("utf-8"))[0])
    described = {role["roleName"]: role.get("description") for role in document["actor"]}
    assert described["interceptor"] == (
        "A part in the claim of Belarus, of Belarus's Defence Ministry, and of BelTA, not in the sources' own account."
    )
    barrage = json.loads(_LD.findall((site_dir / f"events/{BARRAGE}/index.html").read_text("utf-8"))[0])
    assert all("description" not in role for role in barrage["actor"])
    assert all(r["standing"] in ("fact", "claim", "statement") for r in rows.values())


def _json_ld_descriptions(site_dir: Path, event_id: str) -> list[str]:
    expanded = _expanded(site_dir, event_id)
    return [d["@value"] for d in expanded.get(SCHEMA_ORG + "disambiguatingDescription", [])]


def _yaml(kind: str, record_id: str) -> dict[str, Any]:
    import yaml

    folder = {"event": "events", "actor": "actors", "place": "places", "seed": "seeds"}[kind]
    loaded: dict[str, Any] = yaml.safe_load((ROOT / folder / f"{record_id}.yaml").read_text("utf-8"))
    return loaded


def test_the_tables_carry_every_basis_note_and_language_the_files_give(site_dir: Path) -> None:
    from chronology.text import markdown_to_text

    def text(value: str | None) -> str:
        return markdown_to_text(value) if value else ""

    for row in _rows(site_dir, "events.csv"):
        assert row["date_basis"] == text(_yaml("event", row["id"]).get("date_basis")), row["id"]
    assert "external common knowledge" in {r["id"]: r for r in _rows(site_dir, "events.csv")}[DOWNING]["date_basis"]
    for row in _rows(site_dir, "sources.csv"):
        seed = _yaml("seed", row["id"])
        assert row["published_basis"] == text(seed["published_basis"])
        assert row["notes"] == text(seed.get("notes"))
        assert row["relays"] == ";".join(seed.get("relays") or [])
        assert row["relays_known"] == ("true" if "relays" in seed else "false")
    memberships = _rows(site_dir, "memberships.csv")
    assert memberships
    for row in memberships:
        assert row["member_of_basis"] == text(_yaml("actor", row["actor_id"]).get("member_of_basis"))
    actors = {r["id"]: r for r in _rows(site_dir, "actors.csv")}
    aliases = {(r["actor_id"], r["name"]): (r["lang"], r["basis"]) for r in _rows(site_dir, "actor_aliases.csv")}
    written = set()
    for actor_id, row in actors.items():
        record = _yaml("actor", actor_id)
        assert row["description"] == text(record.get("description"))
        assert row["sources"] == ";".join(dict.fromkeys(c["seed"] for c in record.get("sources", [])))
        for alias in record.get("aliases", []):
            written.add((actor_id, alias["name"]))
            assert aliases[(actor_id, alias["name"])] == (alias["lang"], text(alias.get("basis")))
    assert set(aliases) == written and ("oleg-konovalov", "Олег Коновалов") in written
    for row in _rows(site_dir, "places.csv"):
        record = _yaml("place", row["id"])
        assert row["sources"] == ";".join(dict.fromkeys(c["seed"] for c in record.get("sources", [])))


def _schema_enum(kind: str, *path: str) -> list[Any]:
    """A field's values, read straight from its JSON Schema file (not through the exports' code)."""
    root = _json(ROOT / f"chronology/schemas/{kind}.schema.json")
    node = root
    for part in path:
        while "$ref" in node:
            node = root["$defs"][node["$ref"].rpartition("/")[2]]
        node = (
            node["items"]
            if part == "[]"
            else node["additionalProperties"]
            if part == "{}"
            else node["properties"][part]
        )
    values: list[Any] = node["enum"]
    return values


#: Each coded column of the package, with the field of the data files it gives.
CODED = {
    ("events", "placed"): ("event", "place_precision", "{}"),
    ("event_places", "placed"): ("event", "place_precision", "{}"),
    ("quotes", "voice"): ("event", "sources", "[]", "voice"),
    ("figures", "voice"): ("event", "figures", "[]", "voice"),
    ("figures", "qualifier"): ("event", "figures", "[]", "qualifier"),
    ("figures", "timing"): ("event", "figures", "[]", "timing"),
    ("links", "type"): ("event", "related", "[]", "type"),
    ("actors", "kind"): ("actor", "kind"),
    ("places", "kind"): ("place", "kind"),
    ("places", "point_precision"): ("place", "coordinates", "precision"),
}


def test_every_coded_column_declares_the_values_its_schema_allows(site_dir: Path) -> None:
    package = _json(site_dir / "data/datapackage.json")
    fields = {(r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]}
    for (table, column), path in CODED.items():
        assert fields[(table, column)].get("constraints", {}).get("enum") == _schema_enum(*path), (table, column)
    # The conflict datasets' codes, and the standing: each a closed list, every row within it.
    from chronology.model import STANDING_KINDS
    from chronology.precision import ACLED_GEO_PRECISION, UCDP_WHERE_PREC

    enums = {key: field.get("constraints", {}).get("enum") for key, field in fields.items()}
    assert enums[("events", "time_precision")] == [1, 2, 3]
    assert enums[("events", "date_prec")] == [1, 2, 3, 4, 5]
    assert set(ACLED_GEO_PRECISION.values()) <= set(enums[("events", "geo_precision")])
    assert set(UCDP_WHERE_PREC.values()) <= set(enums[("events", "where_prec")])
    assert enums[("events", "standing")] == enums[("event_actors", "standing")] == list(STANDING_KINDS)


def test_a_guarded_cell_gives_back_its_text_when_one_apostrophe_is_removed() -> None:
    from chronology.exports.tables import GUARD_PATTERN, _cell

    for text in ("=1+1", "-5", "@x", "\tx", "'=1", "''-x", "'plain", "plain", "'", "a=b"):
        assert re.sub(GUARD_PATTERN, "", _cell(text)) == text, text
    assert _cell("=1").startswith("'") and _cell("'=1") == "''=1" and _cell("'plain") == "'plain"


def test_the_package_says_how_to_strip_the_guard_where_it_says_the_words_are_verbatim(site_dir: Path) -> None:
    from chronology.exports.tables import GUARD_PATTERN

    package = _json(site_dir / "data/datapackage.json")
    fields = {(r["name"], f["name"]): f["description"] for r in package["resources"] for f in r["schema"]["fields"]}
    assert GUARD_PATTERN in fields[("quotes", "quote")] and "apostrophe" in fields[("quotes", "quote")]
    assert "quotes.csv" in fields[("figures", "quote")]
    assert GUARD_PATTERN in package["description"]


def test_the_package_names_its_sources_and_declares_no_licence_the_owners_have_not(site_dir: Path) -> None:
    package = _json(site_dir / "data/datapackage.json")
    seed = _yaml("seed", "000_9acb625707f65469")
    # The report's headline, publisher and address are not known: its label stands for it, nothing is guessed.
    assert package["sources"] == [{"title": seed["label"]}]
    assert "licenses" not in package and "homepage" not in package and "contributors" not in package
    page = (site_dir / "data/index.html").read_text("utf-8")
    assert "No licence is declared for these files" in page and "are their publishers'" in page


def test_a_declared_licence_author_and_address_reach_the_package_and_the_data_page(tmp_path: Path) -> None:
    from tests.test_site import copy_project

    root = copy_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    plugin = (
        "\n  - chronology:\n      data_licence:\n        name: CC-BY-4.0\n"
        "        title: Creative Commons Attribution 4.0\n        path: https://creativecommons.org/licenses/by/4.0/\n"
    )
    text = config.read_text("utf-8").replace("\n  - chronology\n", plugin, 1)
    text = text.replace(
        "site_url: !ENV [CHRONOLOGY_SITE_URL, null]", "site_url: https://example.org/c/\nsite_author: The editors"
    )
    config.write_text(text, "utf-8")
    assert build_site(root, site_dir=root / "site") == 0
    package = _json(root / "site/data/datapackage.json")
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    assert package["homepage"] == "https://example.org/c/"
    assert package["contributors"] == [{"title": "The editors", "role": "author"}]
    assert validate(root / "site/data/datapackage.json").valid
    page = (root / "site/data/index.html").read_text("utf-8")
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Attribution 4.0</a>' in page
    assert "No licence is declared" not in page
    # A licence with neither a name nor an address is no licence a Data Package can declare.
    config.write_text(
        text.replace("        name: CC-BY-4.0\n", "").replace(
            "        path: https://creativecommons.org/licenses/by/4.0/\n", ""
        ),
        "utf-8",
    )
    assert build_site(root, site_dir=root / "site2") == 2


# --- an approximate time of day ------------------------------------------------------------------------

#: The visit given an approximate time in a copy of the chronology: no report gives one, so no event of
#: the example has it.
ABOUT = "time: '~00:15'\ntimezone: Europe/Minsk\n"


@pytest.fixture(scope="module")
def about_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's chronology, built with Putin's visit at about 00:15 Minsk time."""
    from tests.test_site import copy_project

    root = copy_project(tmp_path_factory.mktemp("about") / "p")
    path = root / "events" / f"{PUTIN_VISIT}.yaml"
    path.write_text(path.read_text("utf-8").replace("date: '2022-12-19'\n", "date: '2022-12-19'\n" + ABOUT, 1), "utf-8")
    assert build_site(root) == 0
    return root / "site"


def test_an_approximate_time_is_in_the_data_as_written_and_valid_against_the_published_schema(
    about_site: Path,
) -> None:
    document = _json(about_site / "data/chronology.json")
    schema = _json(about_site / "data/chronology.schema.json")
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    (visit,) = [e for e in document["events"] if e["id"] == PUTIN_VISIT]
    assert visit["time"] == "~00:15"
    visit["time"] = "about 00:15"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_the_events_table_says_the_time_is_approximate(about_site: Path) -> None:
    report = validate(str(about_site / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    rows = {r["id"]: r for r in _rows(about_site, "events.csv")}
    assert (rows[PUTIN_VISIT]["time"], rows[PUTIN_VISIT]["time_approximate"]) == ("~00:15", "true")
    downing = "2022-12-29-belarus-says-it-shot-down-ukrainian-s300"
    assert (rows[downing]["time"], rows[downing]["time_approximate"]) == ("10:00/11:00", "false")
    assert rows["2022-11-s300-lands-in-poland"]["time_approximate"] == ""


def test_the_calendar_shows_an_approximate_time_as_its_day_with_the_time_in_words(about_site: Path) -> None:
    visit = next(e for t, e in _calendar(about_site).items() if t.startswith("Putin visits Belarus"))
    assert (visit["dtstart"].to_ical(), visit["dtend"].to_ical()) == (b"20221219", b"20221220")
    assert "TZID" not in visit["dtstart"].params
    assert str(visit["description"]).startswith(
        "The time is about 00:15 Minsk time (about 21:15 UTC): shown as its day, as a calendar cannot say 'about'.\n\n"
    )


def test_json_ld_gives_an_approximate_time_as_its_day_and_the_time_in_words(about_site: Path) -> None:
    event = _expanded(about_site, PUTIN_VISIT)
    assert event[SCHEMA_ORG + "startDate"] == [{"@type": SCHEMA_ORG + "Date", "@value": "2022-12-19"}]
    assert SCHEMA_ORG + "endDate" not in event
    assert event[SCHEMA_ORG + "disambiguatingDescription"][0]["@value"] == (
        "The time is about 00:15 Minsk time (about 21:15 UTC)."
    )


def test_the_feeds_claim_no_time_of_day(about_site: Path) -> None:
    feed = feedparser.parse((about_site / "data/atom.xml").read_bytes())
    (entry,) = [e for e in feed.entries if e.title.startswith("Putin visits Belarus")]
    assert entry.summary.startswith("19 December 2022: ")
    assert "00:15" not in entry.summary and "00:15" not in entry.content[0].value
    (item,) = [i for i in _json(about_site / "data/feed.json")["items"] if i["title"].startswith("Putin visits")]
    assert "00:15" not in json.dumps(item)


def test_the_page_the_lists_and_timelinejs_say_about(about_site: Path) -> None:
    page = (about_site / "events" / PUTIN_VISIT / "index.html").read_text("utf-8")
    assert "19 December 2022, about 00:15 Minsk time (about 21:15 UTC)" in page
    timeline = (about_site / "index.html").read_text("utf-8")
    assert '<span class="event-time">about 00:15 Minsk time</span>' in timeline
    # The time axis draws the visit as uncertain, as it draws an approximate date.
    mark = re.search(rf'<li class="([^"]*)"[^>]*><a href="[^"]*{PUTIN_VISIT}/"', timeline)
    assert mark is not None and "mark-uncertain" in mark[1].split(), mark
    slides = {s["unique_id"]: s for s in _json(about_site / "data/timelinejs.json")["events"]}
    assert slides[PUTIN_VISIT]["display_date"] == "19 December 2022, about 00:15 Minsk time (about 21:15 UTC)"
    assert slides[PUTIN_VISIT]["start_date"] == {"year": 2022, "month": 12, "day": 19}


@pytest.mark.browser
def test_timelinejs_shows_an_approximate_time_as_about(browser: Any, about_site: Path) -> None:
    from tests.site.conftest import serving

    with serving(about_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "timelinejs/")
        page.wait_for_selector(".tl-slide", state="attached", timeout=20000)
        dated = page.locator(".tl-slide:not(.tl-slide-titleslide) .tl-headline-date").all_text_contents()
        assert "19 December 2022, about 00:15 Minsk time (about 21:15 UTC)" in dated
        page.close()


# --- a day given as an estimate, a time window, the date's precision, the timeline's order ---------------

DISCUSS = "2022-12-19-putin-and-lukashenko-discuss-security"
#: The dates given in a copy of the chronology: no report gives these, so no event of the example has them.
ESTIMATED = {PUTIN_VISIT: "2022-12-19~", DISCUSS: "2022-12-19?", DOWNING: "2022-12-29?"}


@pytest.fixture(scope="module")
def estimated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's chronology, built with the visit on about 19 December, the talks possibly on
    the 19th, and the downing (with its window, 10:00/11:00) possibly on the 29th."""
    from tests.test_site import copy_project

    root = copy_project(tmp_path_factory.mktemp("estimated") / "p")
    for event_id, date in ESTIMATED.items():
        path = root / "events" / f"{event_id}.yaml"
        old = f"date: '{date[:10]}'\n"
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, f"date: '{date}'\n", 1), "utf-8")
    assert build_site(root) == 0
    return root / "site"


def test_the_calendar_says_a_day_is_an_estimate_and_gives_no_instant_on_it(estimated_site: Path) -> None:
    events = _calendar(estimated_site)
    visit = next(e for t, e in events.items() if t.startswith("Putin visits Belarus"))
    assert (visit["dtstart"].to_ical(), visit["dtend"].to_ical()) == (b"20221219", b"20221220")
    assert str(visit["description"]).startswith(
        "The date is about 19 December 2022: shown on that day, an estimate, not a known day.\n\n"
    )
    talks = next(e for t, e in events.items() if t.startswith("Putin and Lukashenko discuss"))
    assert str(talks["description"]).startswith("The date is possibly 19 December 2022: shown on that day,")
    downing = next(e for t, e in events.items() if t.startswith("Belarus says its air defence units shot down"))
    # No 10:00 on a day that is not known: the day, all day, and the time in words.
    assert (downing["dtstart"].to_ical(), downing["dtend"].to_ical()) == (b"20221229", b"20221230")
    assert "TZID" not in downing["dtstart"].params
    assert str(downing["description"]).startswith(
        "The date is possibly 29 December 2022: shown on that day, an estimate, not a known day.\n"
        "The time is 10:00\u201311:00 Minsk time (07:00\u201308:00 UTC), a window the event lies within: shown as its"
        " day, as the day is not known.\n\n"
    )


def test_json_ld_says_a_day_is_an_estimate_beside_the_standing(estimated_site: Path) -> None:
    def descriptions(event: dict[str, Any]) -> list[str]:
        return [d["@value"] for d in event[SCHEMA_ORG + "disambiguatingDescription"]]

    visit = _expanded(estimated_site, PUTIN_VISIT)
    assert visit[SCHEMA_ORG + "startDate"] == [{"@type": SCHEMA_ORG + "Date", "@value": "2022-12-19"}]
    assert descriptions(visit)[0] == "The date is about 19 December 2022."
    assert descriptions(_expanded(estimated_site, DISCUSS))[0] == "The date is possibly 19 December 2022."
    downing = _expanded(estimated_site, DOWNING)
    assert downing[SCHEMA_ORG + "startDate"] == [{"@type": SCHEMA_ORG + "Date", "@value": "2022-12-29"}]
    assert SCHEMA_ORG + "endDate" not in downing
    said = descriptions(downing)
    assert said[:2] == [
        "The date is possibly 29 December 2022.",
        "The time is 10:00\u201311:00 Minsk time (07:00\u201308:00 UTC), a window the event lies within.",
    ]
    assert said[2].startswith("A party's claim."), "the standing is added to, not overwritten"


def test_the_conflict_codes_give_a_day_that_is_an_estimate_as_no_exact_day(estimated_site: Path) -> None:
    report = validate(str(estimated_site / "data/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    rows = {r["id"]: r for r in _rows(estimated_site, "events.csv")}
    for event_id in ESTIMATED:
        row = rows[event_id]
        assert (row["event_date_approximate"], row["time_precision"], row["date_prec"]) == ("true", "2", "2"), event_id
    assert (rows[BARRAGE]["time_precision"], rows[BARRAGE]["date_prec"]) == ("1", "1")


def test_a_time_window_is_shown_as_its_span_never_as_the_event_s_length(site_dir: Path) -> None:
    downing = next(e for t, e in _calendar(site_dir).items() if t.startswith("Belarus says its air defence"))
    assert (downing["dtstart"].to_ical(), downing["dtend"].to_ical()) == (b"20221229T100000", b"20221229T110000")
    assert str(downing["description"]).startswith(
        "The time is 10:00\u201311:00 Minsk time (07:00\u201308:00 UTC), a window the event lies within: shown as that"
        " span, which may be longer than the event.\n\n"
    )
    event = _expanded(site_dir, DOWNING)
    assert event[SCHEMA_ORG + "endDate"][0]["@value"] == "2022-12-29T11:00:00+03:00"
    said = [d["@value"] for d in event[SCHEMA_ORG + "disambiguatingDescription"]]
    assert said[0] == (
        "The time is 10:00\u201311:00 Minsk time (07:00\u201308:00 UTC), a window the event lies within: startDate and"
        " endDate are that window."
    )
    assert said[1].startswith("A party's claim.")


def test_the_precision_of_a_date_not_known_to_the_day_is_its_form(site_dir: Path) -> None:
    document = _json(site_dir / "data/chronology.json")
    jsonschema.validate(
        document, _json(site_dir / "data/chronology.schema.json"), format_checker=jsonschema.FormatChecker()
    )
    precision = {i: d["precision"] for i, d in document["derived"]["events"].items()}
    assert precision[FRAGMENTS] == "one-of"  # one day between 29 and about 31 December
    assert precision["2022-02-24-lukashenko-lets-putin-use-belarus-as-staging-post"] == "on-or-before"
    assert (precision[BARRAGE], precision["2022-11-s300-lands-in-poland"]) == ("day", "month")
    rows = {r["id"]: r for r in _rows(site_dir, "events.csv")}
    days = {i for i, p in precision.items() if p == "day"}
    assert days == {i for i, r in rows.items() if r["time_precision"] == "1"}, "day is a day known"


def test_every_export_listing_events_gives_each_its_place_in_the_timeline(site_dir: Path) -> None:
    order = {i: d["order"] for i, d in _json(site_dir / "data/chronology.json")["derived"]["events"].items()}
    assert sorted(order.values()) == list(range(1, len(EVENTS) + 1))
    package = _json(site_dir / "data/datapackage.json")
    (events,) = [r for r in package["resources"] if r["name"] == "events"]
    (field,) = [f for f in events["schema"]["fields"] if f["name"] == "order"]
    assert (field["type"], field["constraints"]) == ("integer", {"required": True})
    rows = _rows(site_dir, "events.csv")
    assert {r["id"]: int(r["order"]) for r in rows} == order
    # Sorted by its dates alone, the table puts Kuleba's condemnation before the barrage it condemns.
    ordered = sorted(rows, key=lambda r: (r["event_date"], int(r["order"])))
    ids = [r["id"] for r in ordered]
    assert ids.index(BARRAGE) < ids.index("2022-12-29-kuleba-condemns-missile-barrage")
    features = _json(site_dir / "data/events.geojson")["features"]
    assert {f["id"]: f["properties"]["order"] for f in features} == order
    items = _json(site_dir / "data/feed.json")["items"]
    titles = {r["title"]: r["id"] for r in rows}
    assert {titles[i["title"]]: i["_chronology"]["order"] for i in items} == order
    slides = _json(site_dir / "data/timelinejs.json")["events"]
    assert {s["unique_id"]: s["order"] for s in slides} == order
    calendar = {titles[str(e["summary"])]: int(str(e["x-chronology-order"])) for e in _calendar(site_dir).values()}
    assert calendar == order
