"""Page bodies: an event's entry, rendered once and reused on every list, reads right on each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from chronology.check import check_project
from chronology.diagnostics import count
from chronology.fragments import escaped
from chronology.model import Chronology
from chronology.pages import Page, Renderer, Segment, passage_runs, url_encoded, url_of
from tests.test_site import ROOT, copy_project


def _checked(root: Path) -> Chronology:
    chronology = check_project(root).chronology
    assert chronology is not None
    return chronology


def _listed(page: Page) -> list[str]:
    """The ids of the events a page lists, in order."""
    return re.findall(r'<li class="event-item" id="e-([^"]+)"', page.body)


def _entry(page: Page, event_id: str) -> str:
    match = re.search(rf'<li class="event-item" id="e-{re.escape(event_id)}".*?</li>', page.body, re.S)
    assert match, f"{event_id} is not listed on {page.path}"
    return match.group(0)


@pytest.mark.example
@pytest.mark.parametrize("directory_urls", [True, False])
def test_an_entry_links_right_from_pages_at_every_depth(directory_urls: bool) -> None:
    # Two events a page: the busiest actors' lists are split into periods, whose pages lie a
    # folder deeper (actors/x/2022/) than the tag and actor pages (tags/x/) listing the same events.
    chronology = _checked(ROOT)
    renderer = Renderer(chronology, ROOT / "templates", directory_urls=directory_urls, page_events=2)
    pages = list(renderer.pages())
    urls = {url_of(page.path, directory_urls) for page in pages}
    depths: dict[int, int] = {}
    for page in pages:
        folders = url_of(page.path, directory_urls).count("/")
        for entry in re.findall(r'<li class="event-item".*?</li>', page.body, re.S):
            for href in re.findall(r'href="([^"]+)"', entry):
                assert href.startswith("../" * folders) and href[3 * folders :] in urls, (page.path, href)
                depths[folders] = depths.get(folders, 0) + 1
    assert sorted(depths) == ([2, 3] if directory_urls else [1, 2]) and min(depths.values()) > 100


@pytest.mark.example
def test_an_entry_is_the_same_on_every_list_but_for_its_number_and_role() -> None:
    chronology = _checked(ROOT)
    renderer = Renderer(chronology, ROOT / "templates")
    event = max(chronology.events, key=lambda e: len(e.tags))
    tag = renderer.tag(event.tags[0])[0]
    other_tag = renderer.tag(event.tags[-1])[0]
    actor = renderer.actor(chronology.actors[event.actors[0].actor])[0]
    assert event.tags[0] != event.tags[-1]
    assert _entry(tag, event.id) == _entry(other_tag, event.id)
    on_actor = _entry(actor, event.id)
    with_number = re.sub(r'<span class="event-number" aria-hidden="true">\d+</span> ', "", on_actor)
    without_role = re.sub(r'<p class="event-role">Role: [^<]*</p>', "", with_number)
    assert without_role == _entry(tag, event.id).replace("<h2 ", "<h3 ").replace("</h2>", "</h3>")


def test_an_edited_event_is_listed_as_edited_once_the_renderer_uses_the_new_chronology(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    chronology = _checked(project)
    renderer = Renderer(chronology, project / "templates")
    event = next(e for e in chronology.events if e.tags)
    before = renderer.tag(event.tags[0])[0]
    assert f">{escape(event.title)}</a></h2>" in _entry(before, event.id)

    data = project / event.file
    data.write_text(data.read_text("utf-8").replace(f"title: {event.title}\n", "title: An edited title\n"), "utf-8")
    renderer.use(_checked(project))
    after = renderer.tag(event.tags[0])[0]
    assert ">An edited title</a></h2>" in _entry(after, event.id)
    assert escape(event.title) not in _entry(after, event.id)
    assert _listed(after) == _listed(before)


@pytest.mark.example
def test_names_read_as_a_list_in_words_each_linked_from_the_page() -> None:
    chronology = _checked(ROOT)
    renderer = Renderer(chronology, ROOT / "templates")
    names = renderer._links("events/x/")["actor_names"]
    actors = list(chronology.actors.values())[:3]
    links = [f'<a href="../../actors/{a.id}/">{escape(a.name)}</a>' for a in actors]
    assert names([]) == ""
    assert names([actors[0].id]) == links[0]
    assert names([a.id for a in actors[:2]]) == f"{links[0]} and {links[1]}"
    assert names([a.id for a in actors]) == f"{links[0]}, {links[1]} and {links[2]}"
    # From the site's root the same names link one folder less far.
    assert renderer._links("")["actor_names"]([actors[0].id]) == links[0].replace("../../", "")


def test_templates_call_functions_as_jinja_does() -> None:
    from jinja2 import pass_context, pass_environment

    renderer = Renderer(_checked(ROOT), ROOT / "templates")
    env = renderer.env

    class Named:
        def name(self, suffix: str = "") -> str:
            return "named" + suffix

        def __call__(self) -> str:
            return "called"

    @pass_context
    def page_title(context: object, prefix: str) -> str:
        return prefix + str(context["title"])  # type: ignore[index]

    def stops() -> str:
        raise StopIteration

    env.globals.update(
        page_title=page_title,
        environment_name=pass_environment(lambda environment: type(environment).__name__),
        named=Named(),
        stops=stops,
        upper=str.upper,
    )
    source = (
        "{{ page_title('Page: ') }}|{{ environment_name() }}|{{ named() }}|{{ named.name(suffix='!') }}|"
        "{% for x in [1] %}{{ page_title('In a loop: ') }}{{ upper('a') }}{% endfor %}|{{ stops() is undefined }}"
    )
    assert env.from_string(source).render(title="T") == "Page: T|Environment|called|named!|In a loop: TA|True"


def test_templates_escape_as_jinja_does() -> None:
    from jinja2 import Environment
    from markupsafe import Markup

    renderer = Renderer(_checked(ROOT), ROOT / "templates")

    class Html:
        def __html__(self) -> str:
            return "<b>made</b>"

    source = (
        "{{ text }}|{{ markup }}|{{ html }}|{{ number }}|{{ plain }}|{{ quoted }}|{{ yes }}|{{ none }}|{{ ratio }}|"
        "{{ text ~ markup }}|"
        "{% macro echo(value) %}{{ value }}{% endmacro %}{{ echo(text) }}{{ echo(markup) }}|"
        "{% set block %}{{ text }}{% endset %}{{ block }}|{% autoescape false %}{{ text }}{% endautoescape %}"
    )
    values = {
        "text": "<i>Tom & Jerry's</i>",
        "markup": Markup("<em>made</em>"),
        "html": Html(),
        "number": -7,
        "plain": "Nothing to escape",
        "quoted": 'a "quote"',
        "yes": True,
        "none": None,
        "ratio": 0.5,
    }
    expected = Environment(autoescape=True).from_string(source).render(**values)
    assert renderer.env.from_string(source).render(**values) == expected
    assert expected.count("&lt;i&gt;Tom &amp; Jerry&#39;s&lt;/i&gt;") == 4


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_urlencode_writes_what_jinjas_writes(text: str) -> None:
    from jinja2.filters import do_urlencode

    assert url_encoded(text) == do_urlencode(text)


def test_urlencode_quotes_every_byte_but_the_unreserved_and_slashes() -> None:
    assert url_encoded('{"id": "a/b~c", "é": 1}') == "%7B%22id%22%3A%20%22a/b~c%22%2C%20%22%C3%A9%22%3A%201%7D"
    assert url_encoded({"q": "a b"}) == "q=a+b"  # a mapping is a query string, as in Jinja


@given(
    st.text()
    | st.text().map(Markup)
    | st.integers()
    | st.booleans()
    | st.floats(allow_nan=True)
    | st.none()
    | st.text(alphabet="a&<>\"' ").map(lambda text: type("Text", (str,), {})(text))
)
def test_escaped_text_is_what_escape_writes(value: object) -> None:
    # The fragments and the templates' output escape through it: any value, the same characters.
    assert escaped(value) == str(escape(value))


def test_a_passage_cut_by_overlapping_quotes_names_every_run_it_spans() -> None:
    """An event quotes 5-20 and an actor 9-12: the event's passage runs over three runs, the
    actor's over one, and the text around them is in neither."""
    event, actor = ("event", "e"), ("actor", "a")
    segments = [
        Segment("plain", 0, 5),
        Segment("four", 5, 9, (event,), ("q5-20",)),
        Segment("mid", 9, 12, (actor, event), ("q9-12",), (actor,)),
        Segment("eight...", 12, 20, (event,), (), (event,)),
        Segment("after", 20, 25),
    ]
    assert passage_runs(segments) == [("q5-20", [5, 9, 12]), ("q9-12", [9])]


def test_the_actors_index_leads_to_each_kinds_section() -> None:
    chronology = check_project(ROOT).chronology
    assert chronology is not None
    body = Renderer(chronology, ROOT / "templates").pages_for(["actors/index.md"])[0].body
    kinds = sorted({actor.kind for actor in chronology.actors.values()})
    assert len(kinds) > 1
    nav = body[body.index('<nav class="periods" aria-label="Kinds of actor">') : body.index("</nav>")]
    for kind in kinds:
        number = sum(1 for actor in chronology.actors.values() if actor.kind == kind)
        assert f'<a href="#kind-{kind}">' in nav and f'id="kind-{kind}"' in body
        assert f'</a> <span class="count">({number})</span>' in nav


def test_counts_shown_to_readers_have_thousands_separators() -> None:
    assert count(10_000, "event") == "10,000 events"
    assert count(1, "event") == "1 event"
    renderer = Renderer(_checked(ROOT), ROOT / "templates")
    assert renderer.env.from_string("Events ({{ n|number }})").render(n=2602) == "Events (2,602)"


@pytest.mark.example
def test_an_actor_page_names_the_sources_that_relay_it() -> None:
    # A source's 'relays' makes the actor used (no 'unused-actor'): its page says where it appears.
    chronology = _checked(ROOT)
    renderer = Renderer(chronology, ROOT / "templates")
    (source,) = chronology.sources.values()
    assert source.relays and "reuters" in source.relays
    body = renderer.actor(chronology.actors["reuters"])[0].body
    assert re.search(r"<dt>Relayed by</dt><dd><a href=\"[^\"]+\">Untitled news report on Belarus", body), body
    assert "<dt>Relayed by</dt>" not in renderer.actor(chronology.actors["dmytro-kuleba"])[0].body
