"""Provenance: names, memberships and a source's relays, with the basis of what is outside the report."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from chronology.pages import Renderer
from tests.conftest import BELARUS_ACTOR, LUKASHENKO_ACTOR, REPORT_YAML, check, edit, make_project
from tests.test_accounts import chronology_of
from tests.test_site import ROOT

LUKASHENKO = "actors/alexander-lukashenko.yaml"
#: Appended to the fixture's Lukashenko (5 lines): 'aliases' is line 6, the first name line 7.
QUOTED_ALIAS = "sources:\n  - seed: report\n    quotes:\n      - Alexander Lukashenko’s officials\n"  # noqa: RUF001


def check_actor(tmp_path: Path, text: str) -> list[str]:
    return check(make_project(tmp_path, actors={"alexander-lukashenko": text}))


def test_a_name_from_outside_the_sources_needs_its_basis(tmp_path: Path) -> None:
    text = LUKASHENKO_ACTOR + "aliases:\n  - name: Аляксандр Лукашэнка\n    lang: be\n"
    assert check_actor(tmp_path, text) == [
        f"{LUKASHENKO}:7:11: error[alias-without-basis]: the alias 'Аляксандр Лукашэнка' is written in none of the "
        "actor's sources and has no basis (say in 'basis' where the name comes from (outside knowledge is "
        "declared), or cite a source that writes it)"
    ]
    with_basis = text + "    basis: The name in Belarusian, from common usage.\n"
    assert check_actor(tmp_path, with_basis) == []


def test_a_name_a_cited_source_writes_needs_no_basis(tmp_path: Path) -> None:
    text = LUKASHENKO_ACTOR + "aliases:\n  - name: Lukashenko\n    lang: en\n" + QUOTED_ALIAS
    assert check_actor(tmp_path, text) == []


def test_an_alias_says_its_language_as_a_bcp_47_tag(tmp_path: Path) -> None:
    text = LUKASHENKO_ACTOR + "aliases:\n  - name: Lukashenko\n    lang: English\n" + QUOTED_ALIAS
    assert check_actor(tmp_path, text) == [
        f"{LUKASHENKO}:8:11: error[invalid-value]: 'aliases[0].lang' has the wrong form: 'English' (The name's "
        "language (and script, where it is not the usual one) as a BCP 47 tag: en, ru, be, uk, pl, be-Latn.)"
    ]
    bare = LUKASHENKO_ACTOR + "aliases:\n  - Lukashenko\n" + QUOTED_ALIAS
    assert check_actor(tmp_path, bare) == [
        f"{LUKASHENKO}:7:5: error[wrong-type]: 'aliases[0]' must be a mapping of fields, found text"
    ]


def test_a_membership_basis_needs_a_membership(tmp_path: Path) -> None:
    text = edit(BELARUS_ACTOR, "kind: state\n", "kind: state\nmember_of_basis: From outside the report.\n")
    assert check(make_project(tmp_path, actors={"belarus": text})) == [
        "actors/belarus.yaml:4:18: error[conflicting-fields]: 'member_of_basis' explains a membership, but "
        "'member_of' names none (add 'member_of', or remove 'member_of_basis')"
    ]


def test_a_source_relays_actors_that_exist(tmp_path: Path) -> None:
    seed = REPORT_YAML + "relays:\n  - belarus\n  - belta\n"
    assert check(make_project(tmp_path, seeds={"report": seed})) == [
        "seeds/report.yaml:11:5: error[unknown-reference]: no actor 'belta' in actors/ (did you mean 'belarus'?)"
    ]


def text_of(body: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split()).replace(" ,", ",")


@pytest.mark.example
def test_konovalov_s_page_declares_what_is_outside_the_report() -> None:
    chronology = chronology_of(ROOT)
    renderer = Renderer(chronology, ROOT / "templates")
    body = renderer.actor(chronology.actors["oleg-konovalov"])[0].body
    assert '<span lang="ru">Олег Коновалов</span> <span class="role">(ru)</span>' in body
    text = text_of(body)
    assert "Part of Belarus's Defence Ministry How that is known The report calls him" in text
    assert "His name in Russian, the usual spelling of the name the report gives as Oleg Konovalov" in text


@pytest.mark.example
def test_the_source_page_names_what_it_relays_and_what_is_unknown() -> None:
    chronology = chronology_of(ROOT)
    renderer = Renderer(chronology, ROOT / "templates")
    text = text_of(renderer.source(chronology.sources["000_9acb625707f65469"])[0].body)
    assert "Publisher Unknown" in text
    assert (
        "Relays BelTA, Belarus's Defence Ministry, Belarus's foreign ministry, Reuters, Ukraine's military and "
        "Russia's defence ministry"
    ) in text


@pytest.mark.example
def test_gorbakha_is_written_in_belarusian_too() -> None:
    gorbakha = chronology_of(ROOT).places["gorbakha"]
    assert [(a.name, a.lang) for a in gorbakha.aliases] == [("Горбаха", "ru"), ("Гарбаха", "be")]
    assert all(a.basis for a in gorbakha.aliases)


@pytest.mark.example
def test_an_alias_s_basis_names_only_the_language_its_tag_gives() -> None:
    # Беларусь was tagged Belarusian with the basis "The name in Belarusian, and in Russian": a
    # name is listed once, so its basis says the other language writes it alike, not that it is one.
    chronology = chronology_of(ROOT)
    languages = {"be": "Belarusian", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "en": "English"}
    aliases = [(a.id, a.aliases) for a in chronology.actors.values()]
    aliases += [(p.id, p.aliases) for p in chronology.places.values()]
    named = 0
    for record_id, listed in aliases:
        for alias in listed:
            if alias.basis and alias.basis.startswith("The name in "):
                clause = re.split(r"[;.]", alias.basis)[0]
                said = set(re.findall(r"\bin (Belarusian|Russian|Ukrainian|Polish|English)\b(?!-)", clause))
                assert said == {languages[alias.lang.split("-")[0]]}, (record_id, alias.name, clause)
                named += 1
    assert named >= 20
    for record in (chronology.actors["belarus"], chronology.places["belarus"]):
        (alias,) = record.aliases
        assert alias.lang == "be" and "Russian writes it the same way" in (alias.basis or "")


@pytest.mark.example
def test_lukashenko_s_latin_name_is_not_called_belarus_s_romanisation() -> None:
    # "Lukashenka" is the common Latin spelling; Belarus's official romanisation of Belarusian
    # writes "Lukašenka".
    lukashenko = chronology_of(ROOT).actors["alexander-lukashenko"]
    latin = next(a for a in lukashenko.aliases if a.lang == "be-Latn")
    assert latin.name == "Aliaksandr Lukashenka"
    assert "as Belarus romanises it" not in (latin.basis or "")
    assert 'official romanisation of Belarusian writes the surname "Lukašenka"' in (latin.basis or "")
