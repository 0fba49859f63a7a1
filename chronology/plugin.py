"""Plugin: the glue between the chronology and MkDocs.

It loads and checks the chronology once per build, stops the build with every diagnostic when the
check fails, and hands MkDocs the generated pages (in memory: nothing is written into ``docs/``).
The pages themselves are made by ``pages.py``; this module only adapts them to MkDocs' events.
"""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin

from jinja2 import Environment, TemplateError
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from chronology import exports, workers, writing
from chronology.bodies import Spool
from chronology.check import Memory, check_project
from chronology.diagnostics import count, logged, render
from chronology.history import last_changed, shallow, toplevel
from chronology.model import Chronology
from chronology.pages import PAGE_EVENTS, Page, Period, Renderer, render_pages, template_error
from chronology.text import render_ahead
from chronology.theme import FragmentCache, PrintedUndefined

log = logging.getLogger("mkdocs.plugins.chronology")


class LicenceConfig(Config):
    """The data's licence, as Frictionless Data Packages declare one: an SPDX or Open Definition
    identifier (``name``), a title for readers and where its text is (``path``, an address)."""

    name = config_options.Optional(config_options.Type(str))
    title = config_options.Optional(config_options.Type(str))
    path = config_options.Optional(config_options.Type(str))


class ChronologyConfig(Config):
    """The plugin's settings in ``mkdocs.yml``."""

    #: The project folder holding events/, actors/, places/ and seeds/; relative to mkdocs.yml.
    root = config_options.Type(str, default=".")
    #: The folder of the page templates (``pages/`` inside it); relative to the root.
    templates = config_options.Type(str, default="templates")
    #: Where files of the repository are edited, relative to ``repo_url`` (the data files are not in
    #: docs/, so MkDocs' own ``edit_uri`` cannot reach them). Empty: derived from ``edit_uri`` by
    #: dropping a trailing ``docs/``.
    edit_root = config_options.Type(str, default="")
    #: The most events one page lists (see ``pages.PAGE_EVENTS``); longer lists (the timeline's, a
    #: record's) get a page per period: a year, or in a crowded year a half, a quarter or a month.
    page_events = config_options.Type(int, default=PAGE_EVENTS)
    #: The licence of the data files (``datapackage.json``'s ``licenses``, and the Data page), as the
    #: chronology's owners decide it; unset, none is declared and the Data page says so.
    data_licence = config_options.SubConfig(LicenceConfig)


def _make_data(
    chronology: Chronology, context: exports.Context, site_dir: Path, periods: list[Period]
) -> list[exports.Export]:
    """Every data file, written into the site (``exports.make_and_write``), then the Timeline view's
    file of each period of the timeline (``timelinejs.period_files``), which the Data page leaves out."""
    from chronology.exports import timelinejs

    made = exports.make_and_write(chronology, context, site_dir)
    exports.write_exports(site_dir, timelinejs.period_files(chronology, context, periods))
    return made


class ChronologyPlugin(BasePlugin[ChronologyConfig]):
    """Generates a page for every event, actor, place, source and tag, plus the indexes."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.exports: list[exports.Export] = []
        # What the last build was made of, for ``serve`` to render pages again in place.
        self.root = Path()
        self.chronology: Chronology | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Environment | None = None
        self.renderer: Renderer | None = None
        # The bodies of the pages being built, on disk until each page is written.
        self.spool: Spool | None = None
        # The generated pages' files held back from MkDocs' page loop, with their inclusion.
        self.held: list[tuple[File, InclusionLevel]] = []
        #: Called with the chronology as soon as it is checked, before its pages render: the search
        #: plugin starts indexing it then, beside the rest of the build.
        self.when_checked: list[Callable[[Chronology], None]] = []
        #: What a process that builds again and again (``serve``) keeps between the checks.
        self.memory: Memory | None = None
        #: How many more warnings the check found than the build logged lines for (see
        #: ``diagnostics.logged``), for the count a strict build fails with.
        self.unlogged = 0
        #: Whether the sitemap gives the pages' dates: not outside a git repository, where the
        #: build's time is not the history's (see ``history.py``).
        self.dated = True

    def on_config(self, config: MkDocsConfig, /) -> MkDocsConfig:
        """Without a repository address there is nothing to edit on: drop ``edit_uri`` rather than
        let every page warn about a relative edit link. Warn of a ``theme.locale`` that is not
        English: the theme's words are English, and ``<html lang>`` says so whatever it is."""
        if not config.repo_url:
            config.edit_uri = None
        licence = self.licence()
        if licence and not (licence.get("name") or licence.get("path")):
            raise ConfigurationError(
                "the chronology plugin's data_licence needs a 'name' (an SPDX identifier such as CC-BY-4.0) or a "
                "'path' (the address of its text), as Data Packages declare a licence"
            )
        locale = config.theme.locale
        if locale is not None and locale.language != "en":
            log.warning(
                f"mkdocs.yml's theme.locale '{locale}' changes nothing: the site's interface is in English only "
                '(its labels, and the sentences it writes around the data), so every page is marked lang="en", '
                "its quotes and source texts with their source's language; remove theme.locale"
            )
        return config

    def licence(self) -> dict[str, str]:
        """The data's licence as ``data_licence`` declares it: the keys given, empty when none is."""
        declared = self.config.data_licence
        return {key: declared[key] for key in ("name", "title", "path") if declared[key]}

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Check the chronology and add its pages to the build, refusing to replace any existing page."""
        root = (Path(config.config_file_path).parent / self.config.root).resolve()
        self.root = root
        result = check_project(root, self.memory)
        # Until the build ends, the chronology is left out of the garbage collections (and so is
        # what the pages are made of, below): it lives as long as the build.
        workers.hold_out()
        lines = logged(result.warnings)
        for line in lines:
            log.warning(line)
        self.unlogged = len(result.warnings) - len(lines)
        if result.chronology is None:
            raise PluginError(
                f"the chronology has {len(result.errors)} error{'s' if len(result.errors) != 1 else ''}; "
                "nothing was built:\n" + render(result.errors, "text")
            )
        # Each summary converted once, here, for the workers forked from now on (the search records',
        # the data files', the pages') to inherit: each would otherwise convert them all again.
        render_ahead(event.summary for event in result.chronology.events)
        for listener in self.when_checked:
            listener(result.chronology)
        site_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
        renderer = Renderer(
            result.chronology,
            root / self.config.templates,
            directory_urls=config.use_directory_urls,
            summary=config.site_description or "",
            site_url=site_url,
            site_name=config.site_name,
            page_events=self.config.page_events,
        )
        self.pages = {}
        self.renderer = renderer
        self.close_spool()
        spool = self.spool = Spool(Path(config.site_dir))
        site_dir, directory_urls = Path(config.site_dir), config.use_directory_urls
        site_path = config.site_dir  # as a string: each page's folder is made without pathlib

        def keep(page: Page) -> Page:
            # Each page's folder is made here, by the process that rendered it, so that the file
            # system's work (on some file systems about 1 ms a page) is shared by the cores while
            # they render, rather than done one page after another when MkDocs writes the pages.
            _make_folder(site_path, page.path, directory_urls)
            return spool.keep(page)

        cut = shallow(root)
        if cut is None:
            other = toplevel(root)
            why = (
                f"the git repository {other} has no commit of the data files (a copy not committed there)"
                if other
                else "not a git repository (or git cannot be run)"
            )
            log.warning(
                f"{why}: no data file's last change is known, so the feeds and the calendar give every one the "
                "build's time (SOURCE_DATE_EPOCH, else the newest modification time of the data files) and the "
                "sitemap gives no dates; build from a clone with its whole history"
            )
        elif cut:
            log.warning(
                "the repository is a shallow clone: a data file last changed before its oldest commit has no known "
                "time, and the feeds and the calendar give it the build's; fetch the whole history "
                "('git fetch --unshallow', or actions/checkout's 'fetch-depth: 0')"
            )
        self.dated = cut is not None
        context = exports.Context(
            records=result.records,
            site_url=site_url,
            site_name=config.site_name,
            changed={} if cut is None else last_changed(root, cut=cut),
            epoch=int(os.environ.get("SOURCE_DATE_EPOCH") or 0),
            directory_urls=config.use_directory_urls,
            description=config.site_description or "",
            author=config.site_author or "",
            licence=self.licence(),
        )
        # The data files are made and written on the other core while the pages are rendered.
        make = partial(_make_data, result.chronology, context, site_dir, renderer.timeline_periods())
        with workers.Forked(make) as made:
            try:
                rendered = render_pages(renderer, keep=keep)
            except TemplateError as exc:
                raise PluginError(template_error(exc)) from None
            try:
                self.exports = made.result()
            except (OSError, ValueError) as exc:
                raise PluginError(f"the data files could not be written: {exc}") from None
        for export in self.exports:
            # MkDocs copies the hand-written files into the site after this: one would replace it.
            if files.get_file_from_path(export.path) is not None:
                raise PluginError(f"docs/{export.path} would replace the data file {export.path}; rename it")
        try:
            generated = [
                *rendered,
                renderer.data_page(self.exports, self.licence()),
                renderer.timelinejs_page(self.exports),
            ]
        except TemplateError as exc:
            raise PluginError(template_error(exc)) from None
        titles = _nav_titles(config.nav or [])
        for page in generated:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(
                    f"docs/{page.path} would replace the generated page for '{page.title}'; "
                    "rename the hand-written page"
                )
            self.add_page(page, config, files, titles.get(page.path))
        c = self.chronology = result.chronology
        self.files = files
        made_from = [
            count(len(c.events), "event"),
            count(len(c.actors), "actor"),
            count(len(c.places), "place"),
            count(len(c.sources), "source"),
        ]
        log.info("chronology: %s from %s", count(len(self.pages), "page"), ", ".join(made_from))
        workers.hold_out()
        return files

    def add_page(self, page: Page, config: MkDocsConfig, files: Files, title: str | None = None) -> File:
        """Add a generated page to the build's ``files`` (its title in the navigation: ``title``)."""
        inclusion = InclusionLevel.INCLUDED if page.path in NAV_PAGES else InclusionLevel.NOT_IN_NAV
        # No source to give: a GeneratedPage takes its metadata and body from the page itself.
        file = File.generated(config, page.path, content="", inclusion=inclusion)
        file.edit_uri = None
        files.append(file)
        self.pages[page.path] = page
        GeneratedPage(title, file, config, self)
        return file

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Let every page's head advertise the data files that have a media type readers' tools
        discover; tell the sitemap whether to date its pages (``dated``); make a name the theme
        writes that does not exist an error, not an empty string (``theme.PrintedUndefined``); give
        the theme its ``cache`` tag, empty for this build; keep the theme's environment, for
        ``serve``; hold the generated pages back from MkDocs' page loop, which comes next:
        ``on_post_build`` writes them, on every core."""
        env.globals["data_alternates"] = [e for e in self.exports if e.alternate]
        env.globals["sitemap_dated"] = self.dated
        env.undefined = PrintedUndefined
        if FragmentCache.identifier not in env.extensions:
            env.add_extension(FragmentCache)
        cast(FragmentCache, env.extensions[FragmentCache.identifier]).reset()
        self.env = env
        self.held = []
        for file in files:
            if file.src_uri in self.pages:
                self.held.append((file, file.inclusion))
                # MkDocs lists the pages it builds just after this event, from their inclusion.
                file.inclusion = InclusionLevel.EXCLUDED
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the generated pages held back from MkDocs' loop and let go of their bodies (the
        data files were written beside the pages' rendering)."""
        held = self.release_held()
        assert self.files is not None and self.nav is not None and self.env is not None
        pages = [file.page for file in held if file.page is not None]
        try:
            writing.write_pages(pages, config, self.files.documentation_pages(), self.nav, self.env)
        finally:
            self.close_spool()
            workers.let_go()

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build keeps no page bodies (its unfinished site is removed by whoever built it)."""
        self.release_held()
        self.close_spool()
        workers.let_go()

    def release_held(self) -> list[File]:
        """Give the pages held back from MkDocs' loop their inclusion again; their files."""
        held, self.held = self.held, []
        for file, inclusion in held:
            file.inclusion = inclusion
        return [file for file, _ in held]

    def close_spool(self) -> None:
        """Remove the bodies kept on disk, once every page that needs them is written."""
        if self.spool is not None:
            self.spool.close()

    @staticmethod
    def front(page: Page) -> dict[str, str]:
        """A generated page's metadata, as the theme reads it from ``page.meta``."""
        front = {"title": page.title, "kind": page.kind, "description": page.description}
        if page.data_file:
            front["data_file"] = page.data_file
        return front

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Keep the navigation, for ``serve``."""
        self.nav = nav
        return nav

    def on_page_context(
        self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Give a generated page its body, just before the theme wraps it, and point its edit link at
        the YAML file it was made from."""
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            page.content = self.spool.body(generated) if self.spool is not None else generated.body
        if generated is not None and generated.data_file and config.repo_url:
            edit_root = self.config.edit_root or _default_edit_root(config.edit_uri or "")
            if edit_root:
                page.edit_url = urljoin(config.repo_url.rstrip("/") + "/", edit_root + generated.data_file)
        elif generated is not None:
            page.edit_url = None
        return context

    def on_page_content(self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """A hand-written page's tables, each in a box that scrolls sideways where it is wider than
        the screen (a generated page's body comes later, its tables already so)."""
        return scrolling_tables(html)

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """Let go of a generated page's body once the page is made: the site is written as it goes."""
        if isinstance(page, GeneratedPage):
            page.content = ""
        return output


_HEADING_OR_TABLE = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>|<table[\s>].*?</table>", re.S)


def scrolling_tables(body: str) -> str:
    """Every table of a page's HTML in a ``table-scroll`` box: one too wide for the screen scrolls
    within it rather than the page. The box is a region a keyboard can scroll, named after the
    heading the table stands under, and numbered after the first under the same heading (a page's
    regions have names of their own)."""
    out: list[str] = []
    heading = ""
    seen: dict[str, int] = {}
    at = 0
    for match in _HEADING_OR_TABLE.finditer(body):
        if match.group(1) is not None:
            heading = " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())
            continue
        name = f"Table: {heading}" if heading else "Table"
        seen[name] = seen.get(name, 0) + 1
        label = html.escape(name if seen[name] == 1 else f"{name} ({seen[name]})", quote=True)
        out.append(body[at : match.start()])
        out.append(f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">{match.group(0)}</div>')
        at = match.end()
    out.append(body[at:])
    return "".join(out)


def chronology_plugin(config: MkDocsConfig) -> ChronologyPlugin | None:
    """The chronology plugin of a loaded configuration (None when ``mkdocs.yml`` does not list it)."""
    plugin = config.plugins.get("chronology")
    return plugin if isinstance(plugin, ChronologyPlugin) else None


class GeneratedPage(MkDocsPage):
    """A page the plugin made: MkDocs reads nothing and converts no Markdown for it.

    Its front matter is the generated page's own fields and its body is HTML already, given to the
    theme in ``on_page_context``; so the YAML front matter parser and a Markdown instance per page,
    which the pages do not need, are skipped. Hand-written pages in ``docs/`` go through MkDocs as
    usual. ``serve`` updates a page in place through the same two steps (read, render).
    """

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, plugin: ChronologyPlugin) -> None:
        super().__init__(title, file, config)
        self.plugin = plugin

    def read_source(self, config: MkDocsConfig) -> None:
        """The metadata a Markdown page would carry in its front matter, from the generated page."""
        self.markdown = ""
        self.meta = self.plugin.front(self.plugin.pages[self.file.src_uri])

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Nothing to convert: no table of contents, no anchors a hand-written page could link to
        (as when the body was added after MkDocs' Markdown step), the body still to come."""
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


#: Generated pages that belong in the site's navigation (the rest are reached by links).
NAV_PAGES = {
    "index.md",
    "actors/index.md",
    "places/index.md",
    "sources/index.md",
    "tags/index.md",
    "format.md",
    "data.md",
    "timelinejs.md",
}


def _make_folder(site_dir: str, path: str, directory_urls: bool) -> None:
    """Make the folder a generated page at ``path`` is written into.

    Plain ``os`` calls: ``pathlib`` would parse the path again for each step. Only the folder: a
    file made empty here and opened by MkDocs to be written would be truncated, and on ext4 a file
    truncated to nothing is written out to the disk when it is closed (``auto_da_alloc``, which
    guards a file rewritten in place against a crash), in the writing process's own time and for
    every page. Made new by MkDocs, the file waits for the kernel's writeback like any other."""
    folder = os.path.dirname(File(path, None, site_dir, directory_urls).abs_dest_path)
    try:
        os.mkdir(folder)
    except FileNotFoundError:  # its own folder is not made yet
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:  # made already: the site's own folder, or a section's
        if not os.path.isdir(folder):
            raise


def _nav_titles(nav: list[Any]) -> dict[str, str | None]:
    """The title ``mkdocs.yml``'s nav gives each page it lists (None where it gives none), by path."""
    titles: dict[str, str | None] = {}
    for item in nav:
        if isinstance(item, str):
            titles.setdefault(item, None)
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    titles.setdefault(value, title)
                elif isinstance(value, list):
                    for path, nested in _nav_titles(value).items():
                        titles.setdefault(path, nested)
    return titles


def _default_edit_root(edit_uri: str) -> str:
    edit_uri = edit_uri.rstrip("/") + "/"
    return edit_uri[: -len("docs/")] if edit_uri.endswith("docs/") else ""
