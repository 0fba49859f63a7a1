"""The model made from the checked records (``ModelBuilder``): whole, or again for edited records."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from chronology.across import Across
from chronology.file_check import FileResult
from chronology.layout import FOLDERS
from chronology.model import (
    Actor,
    Alias,
    Chronology,
    Citation,
    Coordinates,
    Event,
    Figure,
    Participation,
    Place,
    Relation,
    Source,
)
from chronology.quote_search import source_coverage


class ModelBuilder(Across):
    """The model made from the records a check found valid."""

    def build(self) -> Chronology:
        events = [self.make_event(doc.data, doc.path) for doc in self.documents["event"].values()]
        actors = {i: self.make_actor(doc.data, doc.path) for i, doc in self.documents["actor"].items()}
        places = {i: self.make_place(doc.data, doc.path) for i, doc in self.documents["place"].items()}
        sources = {i: self.make_source(doc.data, doc.path) for i, doc in self.documents["seed"].items()}
        return Chronology(tuple(events), actors, places, sources)

    def make_event(self, data: dict[str, Any], path: str) -> Event:
        return Event(
            id=data["id"],
            title=data["title"],
            date=self.dates[data["id"]],
            summary=data["summary"],
            sources=_citations(data, self.quote_spans),
            file=path,
            time=self.times.get(data["id"]),
            timezone=data.get("timezone"),
            date_basis=data.get("date_basis"),
            actors=tuple(Participation(a["ref"], a["role"]) for a in data.get("actors", [])),
            places=tuple(data.get("places", [])),
            place_precision=tuple(sorted(data.get("place_precision", {}).items())),
            tags=tuple(data.get("tags", [])),
            figures=tuple(
                Figure(
                    counts=f["counts"],
                    what=f["what"],
                    seed=f["seed"],
                    voice=f["voice"],
                    quote=f["quote"],
                    value=f.get("value"),
                    low=f.get("low"),
                    best=f.get("best"),
                    high=f.get("high"),
                    qualifier=f.get("qualifier"),
                    attributed_to=tuple(f.get("attributed_to", ())),
                    timing=f.get("timing"),
                    span=self.quote_spans.get((f["seed"], f["quote"])),
                )
                for f in data.get("figures", [])
            ),
            related=tuple(Relation(data["id"], r["ref"], r["type"], r.get("note")) for r in data.get("related", [])),
        )

    def make_actor(self, data: dict[str, Any], path: str) -> Actor:
        return Actor(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            file=path,
            aliases=_aliases(data),
            title=data.get("title"),
            member_of=tuple(data.get("member_of", [])),
            member_of_basis=data.get("member_of_basis"),
            description=data.get("description"),
            sources=_citations(data, self.quote_spans),
        )

    def make_place(self, data: dict[str, Any], path: str) -> Place:
        coordinates = data.get("coordinates")
        return Place(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            file=path,
            aliases=_aliases(data),
            within=data.get("within"),
            within_basis=data.get("within_basis"),
            country_code=data.get("country_code"),
            coordinates=Coordinates(**coordinates) if coordinates else None,
            description=data.get("description"),
            sources=_citations(data, self.quote_spans),
        )

    def make_source(self, data: dict[str, Any], path: str) -> Source:
        text, text_file = self.texts[data["id"]]
        spans = sorted(self.spans.get(data["id"], []), key=lambda s: (s.start, s.end, s.kind, s.id))
        percent, sentences, uncovered = source_coverage(text, tuple((s.start, s.end) for s in spans))
        return Source(
            id=data["id"],
            label=data["label"],
            text=text,
            language=data["language"],
            published_basis=data["published_basis"],
            file=path,
            text_file=text_file,
            title=data.get("title"),
            publisher=data.get("publisher"),
            url=data.get("url"),
            published=self.published.get(data["id"]),
            relays=tuple(data["relays"]) if "relays" in data else None,
            notes=data.get("notes"),
            spans=tuple(spans),
            coverage_percent=percent,
            sentences=sentences,
            uncovered_sentences=tuple(text[a:b] for a, b in uncovered),
        )

    def rebuild(
        self, last: Chronology, edited: dict[str, FileResult], answer: Across, removed: Collection[str] = ()
    ) -> Chronology:
        """The model again, after edits of files, events added among them, and the events
        ``removed`` (their ids): the edited records made anew from their files, and the sources
        they quote (or quoted) with their spans; every other record as it was. ``self`` is the
        checker that made ``last``; ``answer``, the one that answered the edits."""
        for result in edited.values():
            assert result.document is not None  # a valid file's
            self.take_record(result, result.document)
        for event_id in removed:
            self.documents["event"].pop(event_id, None)
            self.dates.pop(event_id, None)
            self.times.pop(event_id, None)
        self.quote_spans.update(answer.quote_spans)
        requoted = {seed for quoted in answer.quoted.values() for seed in quoted}
        unquoted = set(answer.quoted) | {("event", event_id) for event_id in removed}
        for seed, spans in self.spans.items():
            if any((s.kind, s.id) in unquoted for s in spans):
                requoted.add(seed)
                self.spans[seed] = [s for s in spans if (s.kind, s.id) not in unquoted]
        for quoted in answer.quoted.values():
            for seed, spans in quoted.items():
                self.spans.setdefault(seed, []).extend(spans)
        stems: dict[str, set[str]] = {kind: set() for kind in FOLDERS}
        for result in edited.values():
            stems[result.kind].add(result.stem)
        documents = self.documents

        def again(kind: str, make: Any, records: Mapping[str, Any]) -> dict[str, Any]:
            return {
                i: make(documents[kind][i].data, documents[kind][i].path) if i in stems[kind] else record
                for i, record in records.items()
            }

        events = tuple(
            self.make_event(documents["event"][e.id].data, e.file) if e.id in stems["event"] else e
            for e in last.events
            if e.id not in removed
        )
        # The events added, in any order: the model puts every event in the timeline's.
        events += tuple(
            self.make_event(documents["event"][i].data, documents["event"][i].path)
            for i in sorted(stems["event"] - last.events_by_id.keys())
        )
        stems["seed"].update(requoted)
        return Chronology(
            events,
            again("actor", self.make_actor, last.actors),
            again("place", self.make_place, last.places),
            again("seed", self.make_source, last.sources),
        )

    def records(self) -> dict[str, dict[str, Any]]:
        """The data files as loaded, by kind and id."""
        return {kind: {i: doc.data for i, doc in docs.items()} for kind, docs in self.documents.items()}


def _aliases(data: dict[str, Any]) -> tuple[Alias, ...]:
    return tuple(Alias(a["name"], a["lang"], a.get("basis")) for a in data.get("aliases", []))


def _citations(data: dict[str, Any], spans: dict[tuple[str, str], tuple[int, int]]) -> tuple[Citation, ...]:
    return tuple(
        Citation(
            s["seed"],
            tuple(s["quotes"]),
            tuple(spans[(s["seed"], q)] for q in s["quotes"]),
            s.get("voice"),
            tuple(s.get("attributed_to", ())),
        )
        for s in data.get("sources", [])
    )
