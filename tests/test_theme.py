"""The theme's ``cache`` tag and its root-based links (chronology/theme.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment, TemplateSyntaxError
from mkdocs.config.config_options import ExtraScriptValue

from chronology.theme import FragmentCache, current_items

LAYOUT = "{% cache 'menu', base_url, nav %}{{ made() }}:{{ 'actors/'|from_root }}{% endcache %}|{{ page }}"


def item(url: str, active: bool = False, children: list[SimpleNamespace] | None = None) -> SimpleNamespace:
    """A stand-in for a MkDocs nav item: what ``current_items`` reads."""
    return SimpleNamespace(url=url, title=url or "Home", active=active, children=children)


@pytest.fixture
def env() -> Environment:
    environment = Environment(loader=DictLoader({"layout": LAYOUT}), extensions=[FragmentCache])
    renders = [0]

    def made() -> int:
        renders[0] += 1
        return renders[0]

    environment.globals["made"] = made
    return environment


def render(env: Environment, page: str, base_url: str, nav: list[SimpleNamespace]) -> str:
    return env.get_template("layout").render(page=page, base_url=base_url, nav=nav)


def test_a_part_is_rendered_once_per_base_url_and_current_items(env: Environment) -> None:
    nav = [item(""), item("actors/")]
    assert render(env, "a", "../..", nav) == "1:../../actors/|a"
    # Another page at the same depth: the part is reused, the page's own values are not.
    assert render(env, "b", "../..", nav) == "1:../../actors/|b"
    assert render(env, "c", "..", nav) == "2:../actors/|c"
    # The same depth with a menu item current is another part.
    current = [item(""), item("actors/", active=True)]
    assert render(env, "actors", "..", current) == "3:../actors/|actors"
    assert render(env, "d", "..", nav) == "2:../actors/|d"


def test_reset_forgets_every_part(env: Environment) -> None:
    nav = [item("")]
    assert render(env, "a", ".", nav) == "1:actors/|a"
    cache = env.extensions[FragmentCache.identifier]
    assert isinstance(cache, FragmentCache)
    cache.reset()
    assert render(env, "a", ".", nav) == "2:actors/|a"


def test_current_items_walks_sections() -> None:
    nav = [item(""), SimpleNamespace(title="More", active=True, children=[item("tags/"), item("method/", active=True)])]
    assert current_items(nav) == ("More", "method/")
    assert current_items([item(""), item("tags/")]) == ()


@pytest.mark.parametrize(
    ("path", "base_url", "address"),
    [
        ("assets/site.css", "../..", "../../assets/site.css"),
        ("assets/site.css", ".", "assets/site.css"),
        ("", "../..", "../../"),
        ("", ".", "./"),
        ("", "/", "/"),
        ("search.html", "/sub", "/sub/search.html"),
        ("https://example.org/x", "../..", "https://example.org/x"),
    ],
)
def test_from_root(path: str, base_url: str, address: str) -> None:
    environment = Environment(extensions=[FragmentCache])
    assert environment.from_string("{{ path|from_root }}").render(path=path, base_url=base_url) == address


def test_script_tags_keep_their_attributes() -> None:
    environment = Environment(extensions=[FragmentCache])
    script = ExtraScriptValue("assets/app.js")
    script.defer = True
    script.type = "module"
    html = environment.from_string("{{ script|script_tag_from_root }}").render(script=script, base_url="..")
    assert html == '<script src="../assets/app.js" type="module" defer></script>'


def test_a_cache_tag_needs_its_three_values() -> None:
    with pytest.raises(TemplateSyntaxError, match="cache takes three values") as raised:
        Environment(extensions=[FragmentCache]).from_string("\n{% cache 'menu', base_url %}x{% endcache %}")
    assert raised.value.lineno == 2
