"""Indented JSON text: the same characters as ``json.dumps`` writes, whatever the value."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chronology.json_text import indented

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()  # every character, lone surrogates and control characters among them
)
_KEYS = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner) | st.lists(inner).map(tuple) | st.dictionaries(_KEYS, inner),
    max_leaves=40,
)


@given(_VALUES, st.integers(min_value=0, max_value=4))
def test_indented_json_is_what_json_dumps_writes(value: Any, indent: int) -> None:
    assert indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_subclasses_of_json_types_are_written_as_their_base_types() -> None:
    class Text(str):
        pass

    class Number(int):
        def __repr__(self) -> str:
            return "not a number"

    value = {Text("key"): [Text("value"), Number(3), -0.0, math.inf], 1.5: (), 2: {}}
    assert indented(value, 1) == json.dumps(value, ensure_ascii=False, indent=1)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"set": {1}}, "Object of type set is not JSON serializable"),
        ({(1, 2): "a tuple as a key"}, "keys must be str, int, float, bool or None, not tuple"),
    ],
)
def test_what_json_cannot_hold_is_refused_as_json_dumps_refuses_it(value: Any, message: str) -> None:
    with pytest.raises(TypeError) as ours:
        indented(value, 1)
    with pytest.raises(TypeError) as theirs:
        json.dumps(value, ensure_ascii=False, indent=1)
    assert str(ours.value) == str(theirs.value) == message
