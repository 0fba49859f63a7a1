"""The property tests' settings, made once in conftest.py for every test (see there why)."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=3)
@given(st.integers())
def test_a_slow_example_is_no_failure(number: int) -> None:
    """An example slowed by a busy machine (here: slept past Hypothesis's 200 ms default) passes:
    the property tests time nothing."""
    time.sleep(0.25)


def test_ci_draws_the_same_examples_every_run() -> None:
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.database is None
    assert ci.deadline is None
    loaded = settings.default
    assert loaded is not None and loaded.derandomize == bool(os.environ.get("CI"))


@pytest.mark.parametrize("profile", ["chronology", "ci", "deep"])
def test_no_profile_has_a_deadline(profile: str) -> None:
    assert settings.get_profile(profile).deadline is None
