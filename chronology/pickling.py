"""Pickling: the small records a check sends between processes and keeps in its cache, pickled as
a call of their class with their fields' values.

A dataclass with slots pickles through ``dataclasses``' own ``__getstate__``, which looks up the
class's fields again for every object: for the hundreds of thousands of records that a large check
sends back from its workers and writes to its cache, that took longer than pickling their values.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def by_fields(cls: type[T]) -> type[T]:
    """Make a dataclass (of two fields or more, without ``__post_init__``) pickle as ``cls(*fields)``."""
    values = attrgetter(*(field.name for field in dataclasses.fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls
