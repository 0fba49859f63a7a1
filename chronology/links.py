"""Links: the closed vocabulary of links between events, as the event schema declares it.

Each type is declared once, in ``chronology/schemas/event.schema.json`` under ``related[].type``:
the ``enum`` the checker enforces, and beside it ``x-links``, which gives every type its meaning,
the words it reads with on the page of the event that declares it (``reads``), the words it reads
with on the page of the other event (``reads-back``), the type that says the same thing from the
other end (``inverse``), and what it says about order (``order``):

- ``before``: the declaring event comes before the other (``precedes``);
- ``after``: it comes after the other, or begins after it (``follows``, ``part-of``, ``response-to``,
  ``reports-on``, ``comments-on``);
- ``within``: it happens while the other goes on, so the other begins first and their days overlap
  (``during``);

and, for a statement about the other event, what kind of account it is (``account``); the
declaring event is then a statement of the other, whose page shows its figures too (except where
the type is its own inverse, ``contradicts``: it joins two accounts of one thing, neither about the
other, so it makes neither end a statement, and each page shows the other's figures):

- ``reports``: it reports on the other, or comments on it (``reports-on``, ``comments-on``);
- ``bears``: it says the other happened, or admits or supports it (``asserts``, ``acknowledges``,
  ``corroborates``): the other's standing names it;
- ``differs``: it denies, contests or differs from the other (``denies``, ``disputes``,
  ``contradicts``): both pages say the accounts differ.

The checker, the timeline's order and the pages all read the vocabulary from here, so a new type
needs only its entry in the schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from chronology.schema import schema


@dataclass(frozen=True)
class LinkType:
    """One type of link between two events."""

    name: str
    description: str
    reads: str
    reads_back: str
    inverse: str | None = None
    order: str | None = None
    example: str | None = None
    #: For a statement about the other event: reports, bears or differs (see the module's docstring).
    account: str | None = None

    @property
    def sequence(self) -> bool:
        """True when the link orders the two events in time."""
        return self.order is not None

    def earlier_later(self, source: str, target: str) -> tuple[str, str] | None:
        """The (earlier, later) pair the link sets between its declaring and linked events, if any."""
        if self.order == "before":
            return (source, target)
        if self.order in ("after", "within"):
            return (target, source)
        return None


@cache
def link_types() -> dict[str, LinkType]:
    """Every link type, in the schema's order."""
    node = schema("event")["properties"]["related"]["items"]["properties"]["type"]
    declared = node["x-links"]
    return {
        name: LinkType(
            name=name,
            description=declared[name]["description"],
            reads=declared[name]["reads"],
            reads_back=declared[name]["reads-back"],
            inverse=declared[name].get("inverse"),
            order=declared[name].get("order"),
            example=declared[name].get("example"),
            account=declared[name].get("account"),
        )
        for name in node["enum"]
    }
