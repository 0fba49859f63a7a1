"""Feeds of the events: Atom (RFC 4287) and JSON Feed 1.1, newest change first.

An entry's updated time is the last commit that changed its event's file (see ``history.py``), so
two builds of one commit give the same bytes and a corrected event rises to the top of a reader's
feed. Ids are URNs made from the site's name and the event's id: the same in every build of one
site and wherever it is published (an entry's id must not change when it moves, RFC 4287), and
different from another chronology's with the same event ids.
Each JSON Feed item carries its event's place in the timeline as an extension
(``_chronology.order``, from 1), since the items are in the order of their changes.
Atom is written with ElementTree, which escapes markup; characters that XML 1.0 cannot carry at all
are dropped (the checker refuses them in data files; this is the format's own guard).
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from chronology.exports import FOLDER, Context, Export
from chronology.exports.json_data import dumps
from chronology.model import Chronology, Event
from chronology.pages import event_path, tag_title
from chronology.text import first_sentence, markdown_to_text, render_markdown

ATOM_PATH = f"{FOLDER}/atom.xml"
JSON_FEED_PATH = f"{FOLDER}/feed.json"
ATOM = "http://www.w3.org/2005/Atom"
#: The namespace of the sites' namespaces (a fixed, random UUID: changing it would re-announce every entry).
NAMESPACE = uuid.UUID("5c4b2a8e-6f0e-4b7c-9a53-2f1d8c7e0b14")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/U+FFFF)."""
    return _NOT_XML.sub("", text)


def site_namespace(context: Context) -> uuid.UUID:
    """The namespace of one chronology's ids, from its name: two chronologies built with this tool do
    not share a feed id or an event's UUID, and a site moved to another address keeps its ids."""
    return _site_namespace(context.site_name)


@lru_cache(maxsize=16)
def _site_namespace(site: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, site)


def feed_id(context: Context) -> str:
    """The feed's id: the site's own UUID as a URN."""
    return f"urn:uuid:{uuid.uuid5(site_namespace(context), 'feed')}"


def event_uuid(event: Event, context: Context) -> str:
    """An event's UUID in feeds and calendars: the same in every build of one site."""
    return _uuid(site_namespace(context), event.id)


@lru_cache(maxsize=65536)  # each event's is written by both feeds and the calendar
def _uuid(namespace: uuid.UUID, event_id: str) -> str:
    return str(uuid.uuid5(namespace, event_id))


def entry_id(event: Event, context: Context) -> str:
    """An event's id in the feeds: its UUID as a URN."""
    return f"urn:uuid:{event_uuid(event, context)}"


@lru_cache(maxsize=4096)  # the events of one commit share their time
def rfc3339(seconds: int) -> str:
    """A time as RFC 3339 in UTC: ``2022-12-29T08:00:00Z``."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def summary_line(event: Event) -> str:
    """An entry's summary: its date in words and the first sentence of its summary as text."""
    return f"{event.date.words()}: {_first_sentence_text(event.summary)}"


@lru_cache(maxsize=65536)  # written by both feeds
def _first_sentence_text(summary: str) -> str:
    return markdown_to_text(first_sentence(summary))


def newest_first(chronology: Chronology, context: Context) -> list[Event]:
    """The events by their last change, newest first; events changed together stay in timeline order."""
    position = chronology.position
    return sorted(chronology.events, key=lambda e: (-context.changed_at(e.file), position[e.id]))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def atom(chronology: Chronology, context: Context) -> bytes:
    """The Atom feed."""
    events = newest_first(chronology, context)
    updated = max((context.changed_at(e.file) for e in events), default=context.epoch)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", feed_id(context))
    _sub(feed, "title", context.site_name, type="text")
    _sub(feed, "updated", rfc3339(updated))
    _sub(
        feed,
        "link",
        rel="self",
        type="application/atom+xml",
        href=context.site_url + ATOM_PATH if context.site_url else "atom.xml",
    )
    _sub(feed, "link", rel="alternate", type="text/html", href=context.site_url or "../")
    author = _sub(feed, "author")
    _sub(author, "name", context.site_name)
    _sub(feed, "generator", "chronology")
    for event in events:
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(event, context))
        _sub(entry, "title", event.title, type="text")
        _sub(entry, "updated", rfc3339(context.changed_at(event.file)))
        _sub(entry, "link", rel="alternate", type="text/html", href=context.url(event_path(event.id)))
        _sub(entry, "summary", summary_line(event), type="text")
        _sub(entry, "content", render_markdown(event.summary), type="html")
        for tag in event.tags:
            _sub(entry, "category", term=tag, label=tag_title(tag))
    ET.register_namespace("", ATOM)
    # Serialised as text and encoded once: ElementTree writing UTF-8 itself passes every one of its
    # hundreds of thousands of pieces through an encoder of its own. The declaration is the one it
    # writes for encoding="utf-8"; UTF-8 encodes every character XML can hold, so the bytes are the same.
    # The characters XML cannot hold are dropped from the whole text at once, not from each of its
    # hundred thousand texts and attributes: ElementTree writes them as they are (it escapes only
    # markup, and tabs and line breaks in attributes), so that drops exactly the same characters.
    text = xml_text(ET.tostring(feed, encoding="unicode"))
    return ("<?xml version='1.0' encoding='utf-8'?>\n" + text + "\n").encode("utf-8")


def json_feed(chronology: Chronology, context: Context) -> bytes:
    """The JSON Feed (version 1.1)."""
    items: list[dict[str, Any]] = []
    for event in newest_first(chronology, context):
        item: dict[str, Any] = {"id": entry_id(event, context)}
        if context.site_url:
            item["url"] = context.url(event_path(event.id))
        item.update(
            title=xml_text(event.title),
            content_html=render_markdown(event.summary),
            content_text=markdown_to_text(event.summary),
            summary=summary_line(event),
            date_modified=rfc3339(context.changed_at(event.file)),
        )
        if event.tags:
            item["tags"] = list(event.tags)
        # The items are newest change first: their place in the timeline is an extension of the
        # feed's (JSON Feed 1.1's ``_`` objects), as the tables and the GeoJSON give it.
        item["_chronology"] = {"order": chronology.position[event.id] + 1}
        items.append(item)
    feed: dict[str, Any] = {"version": "https://jsonfeed.org/version/1.1", "title": context.site_name}
    if context.site_url:
        feed["home_page_url"] = context.site_url
        feed["feed_url"] = context.site_url + JSON_FEED_PATH
    feed["items"] = items
    return dumps(feed)


def make(chronology: Chronology, context: Context) -> list[Export]:
    """The Atom feed and the JSON Feed."""
    return [
        Export(
            ATOM_PATH,
            atom(chronology, context),
            "application/atom+xml",
            "Atom (RFC 4287)",
            "feed readers; feedparser",
            alternate=True,
            title="Events, newest change first (Atom)",
        ),
        Export(
            JSON_FEED_PATH,
            json_feed(chronology, context),
            "application/feed+json",
            "JSON Feed 1.1",
            "feed readers that read JSON Feed",
            alternate=True,
            title="Events, newest change first (JSON Feed)",
        ),
    ]
