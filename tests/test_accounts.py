"""Accounts: how each source presents an event, and the standing a page derives from that and the links."""

# ruff: noqa: RUF001  (typographic apostrophes are the report's own)

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from chronology.check import check_project
from chronology.model import Chronology
from chronology.pages import Renderer
from tests.conftest import EVENT, EVENT_ID, check, edit, make_project
from tests.test_site import ROOT, copy_project

# Every test here builds or reads the example chronology (tests/conftest.py skips them where it is absent).
pytestmark = pytest.mark.example

DOWNING = "2022-12-29-belarus-says-it-shot-down-ukrainian-s300"
SUMMONS = "2022-12-29-belarus-summons-ukraine-ambassador"
GLAZ = "2022-12-29-glaz-sets-out-belarus-demands-of-ukraine"
REPORT = "Untitled news report on Belarus's S-300 claim"
SOURCE = "000_9acb625707f65469"


def chronology_of(root: Path) -> Chronology:
    result = check_project(root)
    assert result.errors == []
    assert result.chronology is not None
    return result.chronology


def page_text(root: Path, event_id: str) -> str:
    """An event page's text as a reader reads it: scripts (the JSON-LD, which says the standing
    again for machines) and tags dropped, entities decoded, spaces collapsed."""
    chronology = chronology_of(root)
    body = Renderer(chronology, ROOT / "templates").event(chronology.events_by_id[event_id]).body
    body = re.sub(r"<script\b.*?</script>", " ", body, flags=re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return text.replace(" .", ".").replace(" ,", ",").replace(" :", ":").replace(" ;", ";")


def test_the_downing_stands_as_belarus_claim_acknowledged_in_effect_by_ukraine() -> None:
    text = page_text(ROOT, DOWNING)
    assert (
        "A party's claim. A claim of Belarus, one of Belarus's Defence Ministry, and one of BelTA, "
        f"reported by {REPORT}. "
        "Asserted by: Belarus's Defence Ministry says its air defence units downed the missile and the wreckage "
        "is an S-300 fired from Ukraine "
        "Acknowledged by: A Ukrainian military spokesman in effect acknowledges to Reuters that the missile was a "
        "Ukrainian stray — that the missile was a Ukrainian stray, as the report reads his words; the report does "
        "not say he acknowledged that Belarus shot it down "
    ) in text
    # Belarus is quoted for "saying it had shot down" the missile, the ministry for its statement
    # "confirming" it: each its own citation, neither made a party to the other's words.
    assert f"From {REPORT}, as a statement of Belarus: after saying it had shot down" in text
    assert f"From {REPORT}, as a statement of Belarus's Defence Ministry: confirming that the missile" in text
    assert "Belarus's Defence Ministry and Belarus" not in text
    assert f"From {REPORT}, as a statement of BelTA:" in text
    assert "Reported by: A Ukrainian military spokesman" not in text
    assert text.count(f"reported by {REPORT}") == 1
    assert "do not confirm" not in text


def test_a_statement_is_a_fact_its_source_reports_and_asserts_what_it_is_about() -> None:
    text = page_text(ROOT, GLAZ)
    # The source's fact is that the statement was made: the banner says so, and no more.
    assert (
        f"A statement, reported by {REPORT}: that it was made is the source's fact; what it says is its "
        "speaker's account, not the source's. "
    ) in text
    assert "Reported as fact" not in text
    assert f"From {REPORT}, in its own voice:" in text
    assert "Asserts: Belarus summons Ukraine's ambassador" in text
    assert "Asserted by: Belarus's foreign ministry spokesman Anatoly Glaz sets out" in page_text(ROOT, SUMMONS)


SECOND_TEXT = "Belarus summoned Ukraine’s ambassador on Thursday and demanded an investigation of the missile launch.\n"
SECOND_YAML = """\
id: second-report
label: A second report of the summons
title: null
publisher: null
url: null
language: en
published: null
published_basis: The text carries no date.
"""
SECOND_CITATION = """\
  - seed: second-report
    voice: own
    quotes:
      - Belarus summoned Ukraine’s ambassador on Thursday
"""


def test_a_second_source_stating_the_summons_as_fact_is_shown_as_such_with_no_code_change(tmp_path: Path) -> None:
    before = page_text(ROOT, SUMMONS)
    # The report states the protest in its own voice, the summons as the foreign ministry's: one
    # source, named once ("Also reported by" the same source read as a second one).
    assert (
        f"Reported as fact by {REPORT}. The same source also reports it as a claim of Belarus's foreign ministry."
        in before
    )
    banner = before[before.index("Reported as fact") : before.index("What happened")]
    assert banner.count(REPORT) == 1, banner
    assert f"From {REPORT}, in its own voice: Belarus has protested to Ukraine’s ambassador" in before

    project = copy_project(tmp_path / "p")
    (project / "seeds/second-report.txt").write_text(SECOND_TEXT, encoding="utf-8")
    (project / "seeds/second-report.yaml").write_text(SECOND_YAML, encoding="utf-8")
    event_file = project / "events" / f"{SUMMONS}.yaml"
    data = event_file.read_text(encoding="utf-8")
    event_file.write_text(edit(data, "related:\n", SECOND_CITATION + "related:\n"), encoding="utf-8")

    after = page_text(project, SUMMONS)
    assert (
        f"Reported as fact by {REPORT} and A second report of the summons. "
        f"{REPORT} also reports it as a claim of Belarus's foreign ministry."
    ) in after
    assert "A party's claim" not in after
    assert "From A second report of the summons, in its own voice: Belarus summoned Ukraine’s ambassador" in after

    # A source that gives it only as a party's claim reports it so, not "also".
    attributed = SECOND_CITATION.replace("voice: own", "voice: attributed\n    attributed_to:\n      - belarus")
    event_file.write_text(edit(data, "related:\n", attributed + "related:\n"), encoding="utf-8")
    claimed = page_text(project, SUMMONS)
    assert f"Reported as fact by {REPORT}. The same source also reports it as a claim of" in claimed
    assert "Reported by A second report of the summons as a claim of Belarus." in claimed


OTHER_ID = "2022-12-30-belarus-denies-it"
OTHER = f"""\
id: {OTHER_ID}
title: Lukashenko says there was no missile
date: '2022-12-29'
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
    type: TYPE
"""


@pytest.mark.parametrize(
    ("link", "bearing", "differ"),
    [
        ("asserts", "asserts", False),
        ("acknowledges", "acknowledges", False),
        ("corroborates", "corroborates", False),
        ("denies", "denies", True),
        ("disputes", "disputes", True),
        ("contradicts", "contradicts", True),
        ("reports-on", None, False),
    ],
)
def test_the_standing_follows_the_links(tmp_path: Path, link: str, bearing: str | None, differ: bool) -> None:
    root = make_project(tmp_path, events={OTHER_ID: edit(OTHER, "TYPE", link)})
    chronology = chronology_of(root)
    standing = chronology.standing(chronology.events_by_id[EVENT_ID])
    assert standing.facts == ("report",)
    assert standing.claims == ()
    assert standing.bearing == (((bearing, (OTHER_ID,)),) if bearing else ())
    assert standing.differing == ((OTHER_ID,) if differ else ())
    # The event linked to names the other under the link's own words, not again as differing.
    assert standing.differing_beyond_bearing == ()
    other = chronology.standing(chronology.events_by_id[OTHER_ID])
    assert other.differing == ((EVENT_ID,) if differ else ())
    # A link that reads the same both ways bears on the event that declares it too, under the same
    # words ("Differs from" on both pages); a denial's maker is only told that accounts differ.
    symmetric = link == "contradicts"
    assert other.bearing == (((link, (EVENT_ID,)),) if symmetric else ())
    assert other.differing_beyond_bearing == (() if symmetric else other.differing)


NOTE = "the words, not the missile & 1 < 2"


@pytest.mark.parametrize(
    ("link", "named"),
    [
        # Where the standing names the other event: on the page of the event linked to ("Denied
        # by"), and, for a link that differs or reads the same both ways, on the declaring one's.
        ("asserts", (EVENT_ID,)),
        ("acknowledges", (EVENT_ID,)),
        ("corroborates", (EVENT_ID,)),
        ("denies", (EVENT_ID, OTHER_ID)),
        ("disputes", (EVENT_ID, OTHER_ID)),
        ("contradicts", (EVENT_ID, OTHER_ID)),
        ("reports-on", ()),
        ("follows", ()),
    ],
)
def test_a_link_s_note_is_shown_beside_the_other_event_wherever_a_page_names_it_under_the_link(
    tmp_path: Path, link: str, named: tuple[str, ...]
) -> None:
    # "Acknowledges: Belarus says it shot down a Ukrainian S-300" said of the spokesman more than
    # the report does; a link's note says what of the other event it concerns, on both pages.
    noted = edit(OTHER, "TYPE", link) + f"    note: {NOTE}\n"
    chronology = chronology_of(make_project(tmp_path, events={OTHER_ID: noted}))
    renderer = Renderer(chronology, ROOT / "templates")
    shown = ' <span class="link-note">— the words, not the missile &amp; 1 &lt; 2</span>'
    for here, there in ((EVENT_ID, OTHER_ID), (OTHER_ID, EVENT_ID)):
        body = renderer.event(chronology.events_by_id[here]).body
        related = body[body.index('<ul class="related">') :]
        standing = body[body.index('<div class="standing">') : body.index("</div>")]
        date = "(29 December 2022)"
        assert f'</a> <span class="role">{date}</span>{shown}</li>' in related, (here, link)
        assert related.count("link-note") == 1, (here, link)
        beside = f'href="../../events/{there}/">' in standing and f"</a>{shown}" in standing
        assert beside == (here in named), (here, link)
        assert standing.count("link-note") == (here in named), (here, link)


#: An event's entry on a list, and each link in it to an event's page.
ENTRY = re.compile(r'<li class="event-item" id="e-([^"]+)".*?</li>', re.S)
EVENT_HREF = re.compile(r'href="(?:\.\./)*events/([^/"]+)/"')


def test_a_link_s_note_goes_wherever_the_site_names_the_other_event_under_the_link(tmp_path: Path) -> None:
    # A note says what of the other event a link concerns, beside that event. The site names an
    # event under a link on the two events' pages and on the Timeline view's slides, each with the
    # note; a list of events (the timeline and its periods, an actor's, a place's, a tag's) gives
    # each entry its own standing's marks ("Accounts differ"), which name no other event, so no
    # note has an event there to follow. Should a list come to name one, the note goes with it
    # (fragments.link_notes), and this test says where.
    from chronology.site import build_site
    from tests.conftest import commit_all

    note = "the place, not the *missile* & 1 < 2"
    project = copy_project(tmp_path / "p", ("mkdocs.yml", "docs", "templates"))
    denial = edit(OTHER, "TYPE", "denies") + f"    note: {note}\ntags:\n  - statement\n"
    make_project(project, events={OTHER_ID: denial, EVENT_ID: EVENT + "tags:\n  - statement\n"})
    config = project / "mkdocs.yml"
    config.write_text(
        edit(config.read_text("utf-8"), "\n  - chronology\n", "\n  - chronology:\n      page_events: 1\n")
    )
    assert build_site(commit_all(project)) == 0
    site = project / "site"

    # Plain text, as the event's page shows it: escaped, and no Markdown (the checker refuses a tag).
    shown = ' <span class="link-note">— the place, not the *missile* &amp; 1 &lt; 2</span>'
    for here, there in ((EVENT_ID, OTHER_ID), (OTHER_ID, EVENT_ID)):
        page = (site / "events" / here / "index.html").read_text("utf-8")
        assert f'href="../../events/{there}/">' in page
        assert page.count(shown) == 2, here  # under "Accounts differ" or "Denied by", and in Related events
    slides = (site / "data" / "timelinejs.json").read_text("utf-8")
    assert slides.count(shown.replace('"', '\\"')) == 2  # each slide's "Accounts differ", in JSON

    lists = set()
    for path in site.rglob("*.html"):
        page = path.read_text("utf-8")
        for entry in ENTRY.finditer(page):
            lists.add(path.parent.relative_to(site).as_posix())
            named = set(EVENT_HREF.findall(entry.group(0)))
            assert named == {entry.group(1)}, (
                f"{path.relative_to(site)}: the entry of {entry.group(1)} names {sorted(named)}: a list that "
                "names another event under a link shows the link's note beside it, as the event's page does "
                "(fragments.link_notes); say so here"
            )
            assert "Accounts differ" in entry.group(0), path
        if path.parent.parent.name != "events":
            assert "the place, not" not in page, path.relative_to(site)
    # Every kind of list seen: the timeline's period (one day is never split), each actor's period,
    # each place's list and the tag's period.
    assert lists == {
        "timeline/2022-12",
        "actors/belarus/2022-12",
        "actors/alexander-lukashenko/2022-12",
        "places/belarus",
        "places/minsk",
        "tags/statement/2022-12",
    }


def test_a_statement_two_sources_report_is_their_fact_in_the_plural(tmp_path: Path) -> None:
    # "A statement, reported by S1 and S2: that it was made is the source's fact" read as if one
    # of them alone reported it.
    second = OTHER.replace("TYPE", "asserts").replace("related:\n", SECOND_OWN + "related:\n")
    root = make_project(
        tmp_path,
        events={OTHER_ID: second},
        seeds={"second": SECOND_YAML.replace("second-report", "second").replace(" of the summons", "")},
        texts={"second": "Officials said there was “absolutely nothing to worry about”.\n"},
    )
    text = page_text(root, OTHER_ID)
    assert (
        "A statement, reported by A report on the missile and A second report: that it was made "
        "is the sources' fact; what it says is its speaker's account, not the sources'."
    ) in text
    # One source keeps the singular.
    alone = page_text(make_project(tmp_path / "one", events={OTHER_ID: OTHER.replace("TYPE", "asserts")}), OTHER_ID)
    assert "that it was made is the source's fact; what it says is its speaker's account, not the source's." in alone


SECOND_OWN = """\
  - seed: second
    voice: own
    quotes:
      - there was “absolutely nothing to worry about”
"""


def test_no_line_of_the_standing_names_the_events_another_names() -> None:
    # Officials' count of more than 120 missiles said "Differs from: <Ukraine's count>" and then
    # "Accounts differ: <Ukraine's count>".
    chronology = chronology_of(ROOT)
    renderer = Renderer(chronology, ROOT / "templates")
    repeated = {}
    for event in chronology.events:
        body = renderer.event(event).body
        block = re.search(r'<div class="standing">(.*?)</div>', body, re.S)
        assert block is not None
        lines = [
            frozenset(re.findall(r'href="\.\./([^"]+)/"', line))
            for line in re.findall(r"<p[ >].*?</p>", block.group(1), re.S)
        ]
        named = [line for line in lines if line]
        if len(named) != len(set(named)):
            repeated[event.id] = named
    assert repeated == {}


def test_a_source_with_several_attributed_citations_makes_one_claim_with_each_citation_s_parties(
    tmp_path: Path,
) -> None:
    citations = """\
  - seed: report
    voice: attributed
    attributed_to:
      - belarus
    quotes:
      - Belarus said on 29 December 2022 that it had shot down a Ukrainian S-300 missile near Minsk.
  - seed: report
    voice: attributed
    attributed_to:
      - alexander-lukashenko
      - belarus
    quotes:
      - there was “absolutely nothing to worry about”
  - seed: report
    voice: attributed
    attributed_to:
      - belarus
      - alexander-lukashenko
    quotes:
      - it had shot down a Ukrainian S-300 missile
"""
    text = EVENT[: EVENT.index("sources:\n") + len("sources:\n")] + citations
    root = make_project(tmp_path, events={EVENT_ID: text})
    chronology = chronology_of(root)
    standing = chronology.standing(chronology.events_by_id[EVENT_ID])
    assert [(c.parties, c.seed) for c in standing.claims] == [(("belarus", "alexander-lukashenko"), "report")]
    # Each citation's parties stay apart: Lukashenko is no party to what Belarus alone is quoted for;
    # the same parties in another order are the same account.
    assert standing.claims[0].accounts == (("belarus",), ("alexander-lukashenko", "belarus"))
    # Two accounts are "A, and of B" on a card; a comma before each "of" keeps a party's "and" apart.
    renderer = Renderer(chronology, ROOT / "templates")
    names = [chronology.actors[a].name for a in ("belarus", "alexander-lukashenko")]
    assert html.unescape(renderer.claim_mark(chronology.events_by_id[EVENT_ID])) == (
        f'<span class="claim">Claim of {names[0]}, and of {names[1]} and {names[0]}</span>'
    )


def test_an_attributed_citation_is_a_claim_of_its_parties(tmp_path: Path) -> None:
    text = edit(EVENT, "    voice: own\n", "    voice: attributed\n    attributed_to:\n      - belarus\n")
    root = make_project(tmp_path, events={EVENT_ID: text})
    assert check(root) == []
    chronology = chronology_of(root)
    event = chronology.events_by_id[EVENT_ID]
    standing = chronology.standing(event)
    assert (standing.facts, standing.only_claimed) == ((), True)
    assert [(c.parties, c.seed) for c in standing.claims] == [(("belarus",), "report")]
    assert event.claimants == ("belarus",)


def test_a_source_is_set_as_a_title_only_when_its_title_is_known(tmp_path: Path) -> None:
    # An editors' label is no headline: set in <cite>, "Reported as fact by Belarus says ..." read as
    # the source's title, and as Belarus speaking. A title the source has is cited as one.
    def body(root: Path) -> str:
        chronology = chronology_of(root)
        return Renderer(chronology, ROOT / "templates").event(chronology.events_by_id[SUMMONS]).body

    link = f'<a href="../../sources/{SOURCE}/">'
    labelled = body(ROOT)
    assert f"{link}{REPORT.replace(chr(39), '&#39;')}</a>" in labelled
    assert "<cite>" + link not in labelled
    project = copy_project(tmp_path / "p")
    metadata = project / "seeds" / f"{SOURCE}.yaml"
    metadata.write_text(edit(metadata.read_text("utf-8"), "title: null", "title: A headline it has"), "utf-8")
    assert f"<cite>{link}A headline it has</a></cite>" in body(project)


def test_a_card_gives_each_actor_its_part(tmp_path: Path) -> None:
    # On the lists, as on the event's page: the ministry is the source of the find, not its finder,
    # and Ukraine the alleged launcher, not a doer; a claimant with no other part is a claimant.
    chronology = chronology_of(ROOT)
    home = next(page for page in Renderer(chronology, ROOT / "templates").pages_for({"index.md"}))
    cards = {
        match.group(1): " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).split())
        for match in re.finditer(r'id="e-([^"]+)".*?<p class="event-links">(.*?)</p>', home.body, re.S)
    }
    assert cards["2022-12-29-missile-fragments-found-near-gorbakha"].startswith(
        "Who: Belarus's Defence Ministry (source)"
    )
    assert cards[DOWNING].startswith(
        "Who: Belarus's air defence units (interceptor), Belarus's Defence Ministry (claimant), Belarus (claimant), "
        "BelTA (reporter), Ukraine (alleged launcher) · Where: Belarus"
    )


def test_the_actors_index_gives_a_title_the_name_does_not_already_say() -> None:
    chronology = chronology_of(ROOT)
    [index] = Renderer(chronology, ROOT / "templates").pages_for({"actors/index.md"})
    entries = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", li)).split()) for li in re.findall(r"<li>(.*?)</li>", index.body)
    ]
    assert "Ukraine's ambassador (1 event)" in entries  # its title is its name: said once
    assert "A Ukrainian military spokesman (1 event)" in entries  # its title is within its name
    assert "Oleg Konovalov, military commissar of the Brest region (2 events)" in entries


def test_a_card_keeps_each_citation_s_parties_apart() -> None:
    # On lists the downing read "Claim of Belarus's Defence Ministry, Belarus and BelTA", which made
    # BelTA, quoted only for the missile's landing, a party to the ministry's account.
    chronology = chronology_of(ROOT)
    renderer = Renderer(chronology, ROOT / "templates")
    assert html.unescape(renderer.claim_mark(chronology.events_by_id[DOWNING])) == (
        '<span class="claim">Claim of Belarus, of Belarus\'s Defence Ministry, and of BelTA</span>'
    )
    claimed = [event for event in chronology.events if chronology.standing(event).only_claimed]
    for event in claimed:  # the other claims have one citation's parties each: named as before
        accounts = {parties for claim in chronology.standing(event).claims for parties in claim.accounts}
        assert (", and of " in renderer.claim_mark(event)) == (len(accounts) > 1)


# --- the order the source tells, statements, figures read both ways ----------------------------------


def test_events_no_link_orders_keep_the_order_their_source_tells_them(tmp_path: Path) -> None:
    # Two events of one date, with no link between them and titles in the other order: the one
    # whose quote stands earlier in the report comes first, wherever the files or titles put them.
    officials = edit(
        edit(EVENT, f"id: {EVENT_ID}", "id: 2022-12-29-a-officials-reassure"),
        "title: Belarus says it shot down a Ukrainian S-300",
        "title: A officials reassure residents",
    )
    officials = edit(
        officials,
        "      - Belarus said on 29 December 2022 that it had shot down a Ukrainian S-300 missile near Minsk.\n",
        "",
    )
    officials = edit(
        officials, "date: '2022-12-29'\n", "date: '2022-12-29'\ndate_basis: The same day, the report says.\n"
    )
    downing = edit(
        EVENT, "title: Belarus says it shot down a Ukrainian S-300", "title: Z Belarus says it shot down one"
    )
    downing = edit(downing, "      - there was “absolutely nothing to worry about”\n", "")
    root = make_project(tmp_path, events={EVENT_ID: downing, "2022-12-29-a-officials-reassure": officials})
    assert check(root) == []
    chronology = chronology_of(root)
    assert [e.id for e in chronology.events] == [EVENT_ID, "2022-12-29-a-officials-reassure"]
    # The title decides only between events told at one place.
    assert chronology.events[0].told() == ("report", 0)


def test_the_repository_s_statements_of_one_day_follow_the_report_where_no_link_orders_them() -> None:
    chronology = chronology_of(ROOT)
    ids = [e.id for e in chronology.events]
    # The report tells Konovalov's video message (his words of reassurance), then his comparison with
    # Poland, then the spokesman's words to Reuters; by title, the spokesman came first of them.
    konovalov = ids.index("2022-12-29-konovalov-plays-down-incident")
    comparison = ids.index("2022-12-29-konovalov-compares-incident-to-poland-s300")
    spokesman = ids.index("2022-12-29-ukrainian-military-spokesman-in-effect-acknowledges-stray")
    assert konovalov < comparison < spokesman


def test_every_event_tagged_as_a_statement_is_shown_as_one() -> None:
    # "Reported as fact" above a party's words of reassurance would make them the report's: an
    # event the data calls a statement must be linked to what it is about, so that its page says
    # "A statement, reported by" the source.
    chronology = chronology_of(ROOT)
    tagged = [e for e in chronology.events if "statement" in e.tags]
    assert len(tagged) >= 9
    # Russia's announcement of exercises is about exercises the report does not say took place:
    # there is no event for it to be linked to, and what its page reports as fact is the announcement.
    alone = ["2022-12-19-russia-announces-joint-exercises-in-belarus"]
    assert [e.id for e in tagged if not chronology.standing(e).statement] == alone
    text = page_text(ROOT, "2022-12-29-konovalov-plays-down-incident")
    assert f"A statement, reported by {REPORT}" in text and "Reported as fact" not in text


def test_figures_that_differ_are_side_by_side_on_both_events_pages() -> None:
    # The 54-of-69 account is written as contradicting the officials' "more than 120": each page
    # shows both numbers, whichever end the link was written on.
    chronology = chronology_of(ROOT)
    for event_id in (
        "2022-12-29-officials-say-more-than-120-missiles-fired",
        "2022-12-29-ukraine-military-says-it-shot-down-54-of-69-missiles",
    ):
        counts = {c.counts: c for c in chronology.counts(chronology.events_by_id[event_id])}
        launched = counts["missiles-launched"]
        assert sorted(a.figure.number() for a in launched.accounts) == ["69", "more than 120"], event_id
        assert launched.differ, event_id
        # 69 is not more than 120: the accounts conflict, not only their words.
        assert launched.conflict, event_id


def test_how_a_date_was_established_gives_the_downing_as_belarus_says_it() -> None:
    # "How the date was established" is the editors' own voice. Six of its texts spoke of "the
    # missile brought down on Thursday", and the downing's of "the missile was brought down in
    # Belarus by Belarusian air defence units": the report says only that Belarus says so. Every
    # "brought down" or "shot down" in a date's basis is what Belarus (or its ministry) says.
    chronology = chronology_of(ROOT)
    bases = {e.id: " ".join((e.date_basis or "").split()) for e in chronology.events}
    downing = re.compile(r"\b(?:brought|shot) down\b")
    said = re.compile(r"\bBelarus\b.*\b(?:says|said|saying)\b")
    spoken_of = 0
    for event_id, basis in bases.items():
        for found in downing.finditer(basis):
            clause = re.split(r"[.;(]", basis[: found.start()])[-1]
            assert said.search(clause), (event_id, clause + found.group())
            spoken_of += 1
    assert spoken_of, "no basis speaks of the downing: the rule above tested nothing"


def test_belta_s_first_report_is_not_set_before_the_statement_it_came_with() -> None:
    # "BelTA first reported that a S-300 missile ... had landed inside Belarus on Thursday morning -
    # with a statement from Belarus's Defence Ministry confirming ...": the statement came with
    # BelTA's report, not after it, so no link orders the two. "First" still puts BelTA's report
    # before the others' words about the missile.
    chronology = chronology_of(ROOT)
    belta = "2022-12-29-belta-reports-s300-landed-in-belarus"
    statement = "2022-12-29-belarus-defence-ministry-says-wreckage-is-ukrainian-s300"
    between = [r.type for e in chronology.events for r in e.related if {r.source, r.target} == {belta, statement}]
    assert between == []
    after_belta = {r.target for r in chronology.events_by_id[belta].related if r.type == "precedes"}
    assert after_belta == {
        "2022-12-29-ukrainian-military-spokesman-in-effect-acknowledges-stray",
        "2022-12-29-konovalov-plays-down-incident",
        "2022-12-29-konovalov-compares-incident-to-poland-s300",
    }


def test_a_statement_or_report_is_not_placed_where_what_it_tells_of_is() -> None:
    # Russia's announcement of exercises was placed in Belarus, where the exercises would be, and
    # BelTA's report where the missile landed: a place reads on the page and the map as "Where it
    # happened", and the report says where none of the statements and reports it tells of was made.
    # (A statement another source places, "said in Minsk", may have its place.)
    chronology = chronology_of(ROOT)
    spoken = [
        e
        for e in chronology.events
        if {"statement", "news-report"} & set(e.tags) and {c.seed for c in e.sources} == {SOURCE}
    ]
    assert len(spoken) >= 10
    assert {e.id: e.places for e in spoken if e.places} == {}


def test_nato_named_only_as_poland_s_attribute_takes_no_part_in_the_november_incident() -> None:
    # "landed in NATO-member Poland" is all the report says of NATO: as an actor of the incident,
    # NATO's page and the timeline's filter listed it as an event NATO took part in.
    chronology = chronology_of(ROOT)
    november = chronology.events_by_id["2022-11-s300-lands-in-poland"]
    assert [(p.actor, p.role) for p in november.actors] == [
        ("ukrainian-air-defences", "believed launcher"),
        ("poland", "affected state"),
    ]
    assert not any("nato" in e.actor_ids for e in chronology.events)
    # Poland's description keeps what the report says of it.
    assert (chronology.actors["poland"].description or "").startswith("A NATO member")
