"""The theme's own Jinja additions: parts of the layout rendered once per build, not once per page.

Every page's layout (``templates/main.html``) carries the same head links, menu and footer lists.
Through MkDocs' ``url`` filter they cost about 25 relative addresses per page, each worked out
from the page's own address; at 10,000 events that was a quarter of the theme's time. The links in
these parts go through the site's root instead (``from_root``: the page's ``base_url``, then the
path, which is what MkDocs' filter gives where there is no page), so the part is the same on every
page that has the same ``base_url`` and the same menu items marked current. ``{% cache %}`` renders
it once for each such pair and reuses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from jinja2 import Undefined, nodes, pass_context
from jinja2.ext import Extension
from jinja2.parser import Parser
from jinja2.runtime import Context
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.structure.nav import Navigation
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import TemplateContext, script_tag_filter


class PrintedUndefined(Undefined):
    """What the theme gets for a name or field that does not exist: false in a test and empty in a
    loop, as Jinja's default, but an error where it is written into the page. A misspelt
    ``{{ page.contnet }}`` in ``main.html`` would otherwise build every page without its body, and
    exit 0. (The page templates are stricter still: ``StrictUndefined``, see ``pages.py``.)"""

    __slots__ = ()
    __str__ = Undefined._fail_with_undefined_error


@pass_context
def from_root(context: Context, path: str) -> str:
    """``path`` (a site path such as ``assets/site.css``) as an address through the site's root,
    from the page being rendered: ``../../assets/site.css`` on every page two levels down. The
    root itself is ``../../``, not the ``../../.`` MkDocs gives for an empty path; on the home
    page, ``assets/site.css`` stays as it is, not ``./assets/site.css``."""
    url = normalize_url(str(path), base=context["base_url"])
    if url.endswith("/."):
        return url[:-1]
    return url[2:] if url.startswith("./") else url


@pass_context
def script_tag_from_root(context: Context, script: ExtraScriptValue) -> str:
    """MkDocs' ``script_tag`` filter, with the script's address through the site's root (MkDocs'
    filter gives that where there is no page)."""
    at_root = cast(TemplateContext, {"page": None, "base_url": context["base_url"]})
    return str(script_tag_filter(at_root, script))


def current_items(items: Iterable[Any]) -> tuple[str, ...]:
    """The addresses of the menu items marked current (the page and the sections it is in)."""
    found: list[str] = []
    for item in items:
        if item.active:
            found.append(getattr(item, "url", None) or item.title)
        if item.children:
            found.extend(current_items(item.children))
    return tuple(found)


class FragmentCache(Extension):
    """``{% cache name, base_url, nav %} ... {% endcache %}``: the block is rendered once per build
    for each ``base_url`` and set of current menu items, then reused.

    The block must depend on nothing else: links in it go through ``from_root``, never ``url``
    (which depends on the page's own address), and it names no other page value. ``reset`` starts
    a new build's cache, so a ``serve`` rebuild never reuses a part from the build before.
    """

    tags = {"cache"}  # noqa: RUF012 (the type Jinja declares for it)

    def __init__(self, environment: Any) -> None:
        super().__init__(environment)
        self.fragments: dict[tuple[str, str, tuple[str, ...]], str] = {}
        environment.filters["from_root"] = from_root
        environment.filters["script_tag_from_root"] = script_tag_from_root

    def reset(self) -> None:
        """Forget every part rendered so far."""
        self.fragments = {}

    def parse(self, parser: Parser) -> nodes.Node:
        """Read ``name, base_url, nav`` and the block up to ``endcache``."""
        lineno = next(parser.stream).lineno
        args = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            args.append(parser.parse_expression())
        if len(args) != 3:
            parser.fail("cache takes three values: a name, base_url and nav", lineno)
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", args), [], [], body).set_lineno(lineno)

    def _render(self, name: str, base_url: str, nav: Navigation, caller: Callable[[], str]) -> str:
        key = (name, base_url, current_items(nav))
        fragment = self.fragments.get(key)
        if fragment is None:
            fragment = self.fragments[key] = caller()
        return fragment
