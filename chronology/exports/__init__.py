"""Exports: the chronology in the formats other tools read, one module per format.

Every module turns the same checked :class:`~chronology.model.Chronology` (and the data files as
loaded, for the formats that carry every field) into bytes; nothing here reads the data again or
looks at the clock, so the same input always gives the same bytes. The plugin makes the exports
once per build, lists them on the "Data" page (and those readers' tools discover, ``alternate``,
in every page's head too), and writes them through :func:`write_exports`, the one guarded way into
the site folder: its worker makes and writes them while the pages render (:func:`make_and_write`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from chronology import workers
from chronology.model import Chronology

#: Where the exports live in the site.
FOLDER = "data"


@dataclass(frozen=True)
class Export:
    """One file of open data: where it goes in the site, its bytes, and what it is for."""

    path: str  # relative to the site's root, e.g. data/chronology.json
    content: bytes
    media_type: str
    format: str  # the format's name, e.g. "Atom (RFC 4287)"
    reader: str  # what reads it, for the Data page
    #: Advertised in every page's head with <link rel="alternate">: the formats a reader's tools
    #: discover (feeds, calendars, the whole chronology), not every table.
    alternate: bool = False
    title: str = ""
    #: The content's length in bytes, kept when the content is let go of (see ``written``).
    size: int = -1

    def __post_init__(self) -> None:
        if self.size < 0:
            object.__setattr__(self, "size", len(self.content))

    def written(self) -> Export:
        """The export once written into the site: all but its bytes."""
        return replace(self, content=b"")


@dataclass(frozen=True)
class Context:
    """What the exports need besides the chronology: the data as loaded and where the site lives."""

    #: The data files as loaded and checked, by kind (event, actor, place, seed) and id.
    records: Mapping[str, Mapping[str, Mapping[str, Any]]]
    #: The published address with a trailing slash, or "" when unknown (links are then relative).
    site_url: str
    #: The site's name, for feeds and calendars.
    site_name: str
    #: When each data file (by its path in the repository) last changed, in seconds since the epoch.
    changed: Mapping[str, int]
    #: The build's own timestamp (SOURCE_DATE_EPOCH), for files with no history.
    epoch: int
    #: Whether pages live at folder URLs (events/x/) or at .html files.
    directory_urls: bool = True
    #: What the chronology is about (``mkdocs.yml``'s ``site_description``), "" when not said.
    description: str = ""
    #: Who made it (``mkdocs.yml``'s ``site_author``), "" when not said.
    author: str = ""
    #: The data's licence as the owners declare it (the plugin's ``data_licence``: its ``name``,
    #: ``title`` and ``path``), empty when none is declared: never one of the tool's own choosing.
    licence: Mapping[str, str] = field(default_factory=dict)

    def url(self, page_path: str) -> str:
        """The address of a generated page (``events/x.md``): absolute when the site's address is known,
        else relative to the exports' own folder (``../events/x/``), as links in a file are read."""
        from chronology.pages import url_of

        return (self.site_url or "../") + url_of(page_path, self.directory_urls)

    def changed_at(self, data_file: str) -> int:
        """When a data file last changed, by the repository's history (the build's time when it has none)."""
        return self.changed.get(data_file, self.epoch)


Maker = Callable[[Chronology, Context], list[Export]]


def makers() -> list[Maker]:
    """Every format's maker, in the order the Data page lists them."""
    from chronology.exports import feeds, geo, ical, json_data, linked_places, tables, timelinejs

    return [json_data.make, tables.make, feeds.make, ical.make, geo.make, linked_places.make, timelinejs.make]


def make_exports(chronology: Chronology, context: Context) -> list[Export]:
    """Every export of the chronology, refusing two with one path."""
    # The formats are built from millions of short-lived objects (the calendar's components above
    # all) that hold no cycle and are freed as each format is written: the cyclic collector's passes
    # over them grew with the chronology (a tenth of the exports' time at 10,000 events) and freed
    # nothing.
    with workers.collection_paused():
        exports: list[Export] = []
        seen: set[str] = set()
        for maker in makers():
            for export in maker(chronology, context):
                if export.path in seen:
                    raise ValueError(f"two exports would be written to {export.path}")
                seen.add(export.path)
                exports.append(export)
        return exports


def make_and_write(chronology: Chronology, context: Context, site_dir: Path) -> list[Export]:
    """Every export, written into the site, given back without its bytes (see ``Export.written``).

    The build's worker runs this while the pages render: the files are written on its core, and
    the tens of megabytes they hold are not sent back to the build's process to be written there.
    The site is the build's own folder until the build succeeds (``site.build_site``), so a failed
    build leaves none of them behind.
    """
    made = make_exports(chronology, context)
    write_exports(site_dir, made)
    return [export.written() for export in made]


def write_exports(site_dir: Path, exports: list[Export]) -> None:
    """Write every export into the site, refusing any path outside it.

    No page or other export can be at an export's path (``make_exports`` refuses two exports with
    one path, pages are HTML, and the plugin refuses a hand-written file there); a file already
    there is one this function wrote, from a worker that failed before it could say so, or a
    ``--dirty`` build's: it is written over."""
    root = site_dir.resolve()
    for export in exports:
        target = (root / export.path).resolve()
        if root not in target.parents:
            raise ValueError(f"the export {export.path!r} would be written outside the site")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(export.content)
