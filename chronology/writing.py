"""Writing: the generated pages wrapped in the theme and written out, on every core.

MkDocs builds its pages one after another in one process: for each, the theme's template is
rendered around the body and the file written. At 10,000 events that loop was the build's last
few seconds, on one core while the other waited. So the plugin holds its generated pages back
from MkDocs' loop and ``write_pages`` builds them after it, still with MkDocs' own page step
(``_build_page``: the page's context, every plugin's page events, the theme, the file), shared
among forked workers, each building every n-th page.

A worker's process is its own, so two things are carried back to the build's process: the
warnings the pages logged (logged again there, where MkDocs counts them for ``--strict``), and any
failure, after which every page is built again here, so that an error is raised as it would be
without workers. Where other plugins watch the pages (a page event of theirs would run in a worker
and whatever it kept would be lost), where work cannot go to workers, or for a few pages, the
pages are built here, as MkDocs would.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from jinja2 import Environment
from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from chronology import workers

#: Fewer pages than this are built in the build's own process: forking would cost more.
PARALLEL_FROM = 200
#: The page events of MkDocs' page step: another plugin listening to one of them keeps the pages
#: in the build's process.
PAGE_EVENTS = ("page_context", "post_page", "pre_page", "page_content", "page_markdown", "page_read_source")

#: What each worker builds from (set just before the fork, so that nothing is sent to it).
_JOB: tuple[list[Page], MkDocsConfig, Sequence[File], Navigation, Environment] | None = None


def write_pages(
    pages: list[Page], config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation, env: Environment
) -> None:
    """Build and write ``pages`` (each already read) through MkDocs' own page step, on every core."""
    global _JOB
    if len(pages) < PARALLEL_FROM or not workers.can_share() or _watched(config):
        _build_here(pages, config, doc_files, nav, env)
        return
    count = workers.usable_cores()
    _JOB = (pages, config, doc_files, nav, env)
    try:
        logged = workers.share(_build_share, [(first, count) for first in range(count)])
    except Exception:  # a page failed in a worker: built again here, to fail as it would without workers
        _build_here(pages, config, doc_files, nav, env)
        return
    finally:
        _JOB = None
    # In the order of the pages that logged them, as one process would have.
    for _, name, level, message in sorted((record for records in logged for record in records), key=lambda r: r[0]):
        logging.getLogger(name).log(level, message)


def _build_here(
    pages: list[Page], config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation, env: Environment
) -> None:
    for page in pages:
        _build_page(page, config, doc_files, nav, env)


def _watched(config: MkDocsConfig) -> bool:
    """Whether a plugin other than the project's listens to a page event."""
    for event in PAGE_EVENTS:
        for method in config.plugins.events.get(event, []):
            owner = getattr(method, "__self__", None)
            if not type(owner).__module__.startswith("chronology."):
                return True
    return False


def _build_share(share: tuple[int, int]) -> list[tuple[int, str, int, str]]:
    """Build every ``count``-th page from ``first``; the warnings they logged, each with its page's
    place in ``pages``, to log again."""
    assert _JOB is not None
    pages, config, doc_files, nav, env = _JOB
    first, count = share
    kept = _Keep()
    logger = logging.getLogger("mkdocs")
    # This worker's copy of the logger: its warnings go back to the build's process rather than out.
    logger.handlers = [kept]
    for index in range(first, len(pages), count):
        kept.page = index
        _build_page(pages[index], config, doc_files, nav, env)
    return kept.records


class _Keep(logging.Handler):
    """Keeps each record of WARNING or above as (page, logger, level, message)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.page = 0
        self.records: list[tuple[int, str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((self.page, record.name, record.levelno, record.getMessage()))
