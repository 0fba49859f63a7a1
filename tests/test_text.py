"""Quotes found in their sources, coverage, and Markdown that cannot carry HTML or unsafe links."""

# ruff: noqa: RUF001  (typographic quote marks and dashes are what these tests are about)

from __future__ import annotations

import re
import sys
from html import escape
from unittest.mock import patch

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from chronology import text as text_module
from chronology.text import (
    DIFFERENCE_CHARS,
    MAX_QUOTE_WORDS,
    Miss,
    closest_passage,
    coverage,
    explain_miss,
    find_quote,
    find_quotes,
    first_sentence,
    link_allowed,
    markdown_problems,
    markdown_to_text,
    normalise,
    plain,
    quotations,
    render_ahead,
    render_markdown,
    sentences,
    within_quotation,
)

SOURCE = (
    "Belarus said it had shot down a Ukrainian S-300.\n"
    "Officials said there was “absolutely nothing to worry about” – for now.\n"
)


def test_normalise_collapses_whitespace_and_maps_quotes_and_dashes() -> None:
    normalised = normalise("  a\u2019b \u201cc\u201d\n\n\t\u2013 \u00ab d \u00bb\u2014e\u00a0f  ")
    assert normalised.text == 'a\'b "c" - " d "-e f'
    assert [normalised.offset(i) for i in range(len(normalised.text))] == [
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        19,
        20,
        21,
        22,
    ]


def test_normalise_keeps_the_offset_of_every_character() -> None:
    text = "a  b\n“c”"
    normalised = normalise(text)
    assert normalised.text == 'a b "c"'
    assert [text[normalised.offset(i)] for i in range(len(normalised.text))] == ["a", " ", "b", "\n", "“", "c", "”"]
    assert normalised.original_span(2, 7) == (3, 8)


def test_find_quote_returns_the_span_in_the_original_text() -> None:
    spans = find_quote('there was "absolutely nothing to worry about" - for now', normalise(SOURCE))
    assert len(spans) == 1
    start, end = spans[0]
    assert SOURCE[start:end] == "there was “absolutely nothing to worry about” – for now"


def test_find_quote_across_a_line_break() -> None:
    spans = find_quote("S-300. Officials said", normalise(SOURCE))
    assert [SOURCE[a:b] for a, b in spans] == ["S-300.\nOfficials said"]


def test_find_quote_finds_the_first_occurrence_only() -> None:
    # The first is the one marked and linked; a quote found 100,000 times must not make 100,000 marks.
    text = "He said no. She said no."
    assert find_quote("said no", normalise(text)) == [(3, 10)]
    assert find_quote("a", normalise("ba a " * 100_000)) == [(3, 4)]


@pytest.mark.parametrize(
    "quote",
    [
        "Belarus said it had shot down a Ukrainian S-300.",
        "  Belarus   said it had\nshot down a Ukrainian S-300.  ",
        "there was \u201eabsolutely nothing to worry about\u201f \u2014 for now",
        "there was «absolutely nothing to worry about» \u2212 for now",
        "Belarus said it had shot down a Ukrainian S\u2011300.",
    ],
)
def test_quotes_that_match(quote: str) -> None:
    assert find_quote(quote, normalise(SOURCE))


@pytest.mark.parametrize(
    "quote",
    [
        "belarus said it had shot down",  # case
        "Belarus said it shot down",  # a word left out
        "Belarus said it had shot down a Ukrainian S-300!",  # punctuation
        "Belarus said ... a Ukrainian S-300.",  # an ellipsis for left-out words
        "Belarus said it had shot down a UkrainianS-300.",  # a space removed
        "Belarus said it had shot down a Ukrainian S 300.",  # a dash removed
        "Officials said there was absolutely nothing",  # quote marks removed
        "",
        "   ",
    ],
)
def test_quotes_that_do_not_match(quote: str) -> None:
    assert find_quote(quote, normalise(SOURCE)) == []


def test_closest_passage_shows_the_source_s_own_words() -> None:
    assert closest_passage("there was absolutely nothing", SOURCE, normalise(SOURCE)) == (
        "there was “absolutely nothing"
    )


def test_closest_passage_of_nothing_is_empty() -> None:
    assert closest_passage("", SOURCE, normalise(SOURCE)) == ""
    assert closest_passage("anything", "", normalise("")) == ""
    assert explain_miss("none of these words", SOURCE, normalise(SOURCE)) is None


@pytest.mark.parametrize(
    ("quote", "passage", "differences"),
    [
        (
            "shot down a Ukranian S-300",
            "shot down a Ukrainian S-300.",
            ("'Ukranian' is 'Ukrainian' in the source",),  # the quote may end before the source's full stop
        ),
        ("Belaruss said it had", "Belarus said it had", ("'Belaruss' is 'Belarus' in the source",)),
        ("said it shot down", "said it had shot down", ("the source has 'had' after 'it'",)),
        ("said it had really shot down", "said it had shot down", ("'really' is not in the source",)),
        (
            "it had shot down a Ukrainian S-300. Officials said that there was",
            "it had shot down a Ukrainian S-300. Officials said there was",
            ("'that' is not in the source",),
        ),
        (
            "nothing to fret about” – for now.",
            "nothing to worry about” – for now.",
            ("'fret' is 'worry' in the source",),
        ),
    ],
    ids=["changed", "misspelt-first", "word-missing", "word-added", "across-lines", "typographic"],
)
def test_a_mistyped_quote_is_explained_word_by_word(quote: str, passage: str, differences: tuple[str, ...]) -> None:
    miss = explain_miss(quote, SOURCE, normalise(SOURCE))
    assert miss == Miss(passage, differences)
    # The passage is exactly what a quote of it would be: it is found, and is whole words.
    assert find_quote(miss.passage, normalise(SOURCE)) != []


def test_a_huge_mistyped_quote_is_compared_by_its_first_words_and_shown_in_brief() -> None:
    miss = explain_miss("there was absolutely " * 50_000, SOURCE, normalise(SOURCE))
    assert miss is not None
    assert miss.passage == "there was “absolutely nothing to worry about” – for now."
    assert all(len(d) <= 2 * DIFFERENCE_CHARS + 40 for d in miss.differences)
    # Its first MAX_QUOTE_WORDS words are compared, and only those: a word changed among them is
    # named, one changed just after them is not, and the passage ends where they end.
    source = " ".join(f"w{i}" for i in range(2 * MAX_QUOTE_WORDS)) + "."

    def changed(at: int) -> Miss | None:
        words = [f"w{i}" for i in range(MAX_QUOTE_WORDS + 10)]
        words[at] = "zzz"
        return explain_miss(" ".join(words), source, normalise(source))

    compared = " ".join(f"w{i}" for i in range(MAX_QUOTE_WORDS))
    assert changed(MAX_QUOTE_WORDS - 1) == Miss(compared, (f"'zzz' is 'w{MAX_QUOTE_WORDS - 1}' in the source",))
    assert changed(MAX_QUOTE_WORDS) == Miss(compared, ())


def test_closest_passage_is_whole_words_on_one_line() -> None:
    passage = closest_passage("S-300. Officials sad", SOURCE, normalise(SOURCE))
    assert passage == "S-300. Officials said"
    assert "\n" not in passage


def test_sentences() -> None:
    assert [SOURCE[a:b] for a, b in sentences(SOURCE)] == [
        "Belarus said it had shot down a Ukrainian S-300.",
        "Officials said there was “absolutely nothing to worry about” – for now.",
    ]
    text = "He said: “Go.” Then he left! Why? Because\nof the rain"
    assert [text[a:b] for a, b in sentences(text)] == [
        "He said: “Go.”",
        "Then he left!",
        "Why?",
        "Because",
        "of the rain",
    ]
    assert sentences("") == []
    assert sentences(" \n \n") == []


def test_coverage() -> None:
    first = SOURCE.index("Belarus")
    measured = coverage(SOURCE, [(first, first + len("Belarus said"))])
    assert measured.characters == len(SOURCE.replace(" ", "").replace("\n", ""))
    assert measured.covered_characters == len("Belarussaid")
    assert measured.percent == len("Belarussaid") * 100 // measured.characters
    assert [SOURCE[a:b] for a, b in measured.uncovered_sentences] == [
        "Officials said there was “absolutely nothing to worry about” – for now."
    ]


def test_full_coverage() -> None:
    measured = coverage(SOURCE, [(0, len(SOURCE))])
    assert measured.percent == 100
    assert measured.uncovered_sentences == ()


def test_coverage_of_an_empty_text_is_complete() -> None:
    assert coverage("", []).percent == 100


def test_first_sentence_and_plain() -> None:
    assert first_sentence("Belarus said so. Then more.") == "Belarus said so."
    assert first_sentence("") == ""
    assert plain("  a\n  b\t c ") == "a b c"
    assert plain(2022) == "2022"


# --- Markdown ----------------------------------------------------------------------------------------

HTML_HINT = "write Markdown instead, or escape the '<' as '\\<'"
LINK_HINT = "links must start with http://, https:// or mailto:"


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("**bold**, _it_, `code`, a < b, 3<4, [ok](https://example.org), [m](mailto:a@example.org)", []),
        ("<https://example.org> and <desk@example.org>", []),
        (
            "<b>bold</b>",
            [
                ("raw-html", "raw HTML is not allowed: '<b>'", HTML_HINT),
                ("raw-html", "raw HTML is not allowed: '</b>'", HTML_HINT),
            ],
        ),
        ("x <!-- hidden -->", [("raw-html", "raw HTML is not allowed: '<!-- hidden -->'", HTML_HINT)]),
        ("<?php echo 1 ?>", [("raw-html", "raw HTML is not allowed: '<?php echo 1 ?>'", HTML_HINT)]),
        ("[x](javascript:alert(1))", [("unsafe-link", "link 'javascript:alert(1)' is not allowed", LINK_HINT)]),
        ("[x](vbscript:y)", [("unsafe-link", "link 'vbscript:y' is not allowed", LINK_HINT)]),
        ("[x](ftp://example.org)", [("unsafe-link", "link 'ftp://example.org' is not allowed", LINK_HINT)]),
        ("[x](#top)", [("unsafe-link", "link '#top' is not allowed", LINK_HINT)]),
        ("[x][r]\n\n[r]: javascript:y", [("unsafe-link", "link 'javascript:y' is not allowed", LINK_HINT)]),
        ("[x](jav&#x61;script:y)", [("unsafe-link", "link 'javascript:y' is not allowed", LINK_HINT)]),
        (
            "![map](https://example.org/map.png)",
            [
                (
                    "unsafe-link",
                    "images are not allowed: 'https://example.org/map.png'",
                    "the site loads nothing from elsewhere; link to the image instead",
                )
            ],
        ),
        ("`[x](javascript:y)` is code, not a link", []),
        ("[r]: javascript:y", []),  # a reference nobody uses makes no link
    ],
)
def test_markdown_problems(text: str, problems: list[tuple[str, str, str]]) -> None:
    assert [problem[:3] for problem in markdown_problems(text)] == problems


def test_link_allowed() -> None:
    assert link_allowed("https://example.org")
    assert link_allowed("HTTP://example.org")
    assert link_allowed("mailto:a@example.org")
    assert link_allowed("&#109;&#97;&#105;&#108;&#116;&#111;&#58;a@b")  # an obfuscated mailto
    assert not link_allowed("javascript:x")
    assert not link_allowed("jav&#x61;script:x")
    assert not link_allowed(" javascript:x")
    assert not link_allowed("/relative")
    assert not link_allowed("")


def test_render_markdown_escapes_raw_html() -> None:
    html = render_markdown("<script>alert(1)</script> and <b>bold</b>")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    block = render_markdown("<div onclick='x()'>\nblock\n</div>")
    assert "<div" not in block and "&lt;div" in block


def test_render_markdown_drops_unsafe_links_and_keeps_safe_ones() -> None:
    assert render_markdown("[x](javascript:alert(1))") == "<p><a>x</a></p>"
    assert render_markdown("[x](jav&#x61;script:alert(1))") == "<p><a>x</a></p>"
    assert render_markdown("[x](https://example.org)") == (
        '<p><a href="https://example.org" rel="nofollow noopener">x</a></p>'
    )
    assert 'href="mailto:a@example.org"' in render_markdown("[m](mailto:a@example.org)")


def test_render_markdown_keeps_mailto_autolinks() -> None:
    html = render_markdown("<desk@example.org>")
    assert 'href="&#109;&#97;&#105;&#108;&#116;&#111;&#58;' in html  # Markdown's obfuscated 'mailto:'
    assert 'rel="nofollow noopener"' in html


def test_render_markdown_drops_images_but_not_the_text_after_them() -> None:
    assert render_markdown("before ![map](https://example.org/m.png) after") == "<p>before  after</p>"
    assert render_markdown("![a](x) first") == "<p> first</p>"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "[" * 5000,
            (
                "markdown-limit",
                "the text has 5000 '[', more than the 100 a Markdown text may have",
                "write a literal '[' as '\\['",
            ),
        ),
        (
            "[a](" * 20_000,
            (
                "markdown-limit",
                "the text is 80,000 characters long; a Markdown text may have at most 10,000",
                "shorten it",
            ),
        ),
        (
            "- " * 2000 + "x",
            (
                "markdown-limit",
                "the text cannot be read as Markdown: it is nested too deeply or otherwise too complex",
                "use fewer levels of lists and quotes",
            ),
        ),
    ],
    ids=["brackets", "length", "nesting"],
)
def test_texts_markdown_cannot_safely_read(text: str, problem: tuple[str, str, str]) -> None:
    # Python-Markdown takes seconds over 5,000 '[' (its time grows with their square) and raises
    # RecursionError on deep nesting: neither reaches it, in the checker or on a page.
    assert [found[:3] for found in markdown_problems(text)] == [problem]
    assert render_markdown(text) == "<p>" + text + "</p>"


def test_plain_text_fields_are_only_searched_for_html() -> None:
    assert markdown_problems("[x](javascript:y) " + "[" * 500, parse=False) == []
    assert [p[0] for p in markdown_problems("<b>", parse=False)] == ["raw-html"]


def test_render_markdown_inline() -> None:
    assert render_markdown("**Belarus** said", inline=True) == "<strong>Belarus</strong> said"
    assert render_markdown("one\n\ntwo", inline=True) == "<p>one</p>\n<p>two</p>"


@pytest.mark.parametrize(
    "quote", ["elarus has protested", "Belarus has protest", "has protested to Ukraine’s ambassado"]
)
def test_a_quote_is_whole_words(quote: str) -> None:
    source = "Belarus has protested to Ukraine’s ambassador after saying it had shot down a missile."
    assert find_quote(quote, normalise(source)) == []
    assert find_quote("Belarus has protested", normalise(source)) == [(0, 21)]
    assert find_quote("missile.", normalise(source)) == [(len(source) - 8, len(source))]


# --- normalise and coverage against their definitions, character by character -----------------------

_TEXTS = st.text(alphabet=st.sampled_from("ab. \t\n\u00a0\u2019\u201c\u2014\u2028\x1c"), max_size=60)


def _reference_offsets(text: str) -> tuple[str, list[int]]:
    """Normalisation as defined: every whitespace run a space (none at the ends), each character's origin."""
    out: list[str] = []
    offsets: list[int] = []
    translated = normalise_map(text)
    previous_space = True
    for index, char in enumerate(translated):
        if char.isspace():
            if not previous_space:
                out.append(" ")
                offsets.append(index)
            previous_space = True
            continue
        out.append(char)
        offsets.append(index)
        previous_space = False
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


def normalise_map(text: str) -> str:
    return text.translate({0x2019: "'", 0x201C: '"', 0x2014: "-"})


@given(_TEXTS)
def test_normalise_maps_every_character_to_where_it_came_from(text: str) -> None:
    expected_text, expected_offsets = _reference_offsets(text)
    normalised = normalise(text)
    assert normalised.text == expected_text
    assert [normalised.offset(i) for i in range(len(normalised.text))] == expected_offsets


@given(_TEXTS, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6))
def test_coverage_counts_each_covered_character_once(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw]
    covered = [any(a <= i < b for a, b in spans) for i in range(len(text))]
    measured = coverage(text, spans)
    assert measured.characters == sum(1 for char in text if not char.isspace())
    assert measured.covered_characters == sum(1 for i, char in enumerate(text) if covered[i] and not char.isspace())
    assert measured.uncovered_sentences == tuple(s for s in sentences(text) if not any(covered[s[0] : s[1]]))


@given(st.from_regex(text_module._PLAIN_PARAGRAPH, fullmatch=True))
def test_plain_prose_is_rendered_as_markdown_renders_it(text: str) -> None:
    # Prose in which Markdown finds nothing to do is not handed to it: the page must not change.
    assert render_markdown.__wrapped__(text) == text_module._convert(text)
    assert render_markdown.__wrapped__(text, inline=True) == text


@given(st.from_regex(text_module._EMPHASISED_PARAGRAPH, fullmatch=True))
def test_prose_with_words_in_emphasis_is_rendered_as_markdown_renders_it(text: str) -> None:
    # Such prose is not handed to Markdown either: each *words* made <em>words</em> as it makes them.
    assert render_markdown.__wrapped__(text) == text_module._convert(text)


def test_words_in_emphasis_are_rendered_without_markdown() -> None:
    text = "The report calls it *a provocation*, and *“unprecedented”*.\nAn*other* line"
    assert text_module._EMPHASISED_PARAGRAPH.fullmatch(text)
    assert render_markdown(text) == (
        "<p>The report calls it <em>a provocation</em>, and <em>“unprecedented”</em>.\nAn<em>other</em> line</p>"
    )


#: The plain paragraph written with backtracking quantifiers, as the possessive ones must match.
_BACKTRACKING_LINE = rf"[^\W\d_](?:(?:{text_module._WORD_OR_MARK}| )*{text_module._WORD_OR_MARK})?"
_BACKTRACKING_PARAGRAPH = re.compile(rf"(?:{_BACKTRACKING_LINE}\n)*{_BACKTRACKING_LINE}")


@given(
    st.from_regex(_BACKTRACKING_PARAGRAPH, fullmatch=True)
    | st.text(alphabet=st.sampled_from(list("A 1.\u201c\n\t*")), max_size=30)
)
def test_the_plain_paragraph_pattern_matches_what_its_backtracking_form_matches(text: str) -> None:
    # Possessive quantifiers never give back what they took: that must lose no match, nor add one.
    expected = _BACKTRACKING_PARAGRAPH.fullmatch(text) is not None
    assert (text_module._PLAIN_PARAGRAPH.fullmatch(text) is not None) == expected


@given(st.text(alphabet=st.sampled_from(list("Ab1 .,-*_#>\n\\<&'\"()[]!`=+")), max_size=30))
def test_any_text_is_rendered_as_markdown_renders_it(text: str) -> None:
    expected = text_module._convert(text)
    assert render_markdown.__wrapped__(text) == (expected if expected is not None else f"<p>{escape(text)}</p>")


def test_a_summary_and_its_first_sentence_are_rendered_as_markdown() -> None:
    summary = "Belarus *said* it shot down a drone.\nIt fell near Brest."
    assert render_markdown(summary) == "<p>Belarus <em>said</em> it shot down a drone.\nIt fell near Brest.</p>"
    assert render_markdown(first_sentence(summary), inline=True) == "Belarus <em>said</em> it shot down a drone."
    assert render_markdown("Plain words, and “quoted” ones.") == "<p>Plain words, and “quoted” ones.</p>"
    assert render_markdown("1. A list") == "<ol>\n<li>A list</li>\n</ol>"


def test_summaries_rendered_ahead_are_found_converted_in_every_form() -> None:
    summaries = [
        "Belarus *said* it shot down a drone. It fell near [Brest](https://example.org/brest).",
        "Officials said “nothing to worry about”.\nAnother line.",
    ]
    for cached in (render_markdown, markdown_to_text, first_sentence):
        cached.cache_clear()
    render_ahead(summaries)
    converted = [cached.cache_info().misses for cached in (render_markdown, markdown_to_text, first_sentence)]
    forms = [
        (
            render_markdown(summary),
            markdown_to_text(summary),
            render_markdown(first_sentence(summary), inline=True),
            markdown_to_text(first_sentence(summary)),
        )
        for summary in summaries
    ]
    # What a build's workers ask for was all converted ahead: nothing is converted again.
    assert [cached.cache_info().misses for cached in (render_markdown, markdown_to_text, first_sentence)] == converted
    assert forms == [
        (
            '<p>Belarus <em>said</em> it shot down a drone. It fell near <a href="https://example.org/brest" '
            'rel="nofollow noopener">Brest</a>.</p>',
            "Belarus said it shot down a drone. It fell near Brest.",
            "Belarus <em>said</em> it shot down a drone.",
            "Belarus said it shot down a drone.",
        ),
        (
            "<p>Officials said “nothing to worry about”.\nAnother line.</p>",
            "Officials said “nothing to worry about”. Another line.",
            "Officials said “nothing to worry about”.",
            "Officials said “nothing to worry about”.",
        ),
    ]
    # The caches are keyed by the text: an edited summary is converted afresh.
    assert render_markdown("Belarus *denied* it.") == "<p>Belarus <em>denied</em> it.</p>"
    assert markdown_to_text("Belarus *denied* it.") == "Belarus denied it."


@given(
    st.text(alphabet=st.sampled_from("ab .\n\t\u00a0\u2003Щ!?”"), max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6),
)
def test_coverage_counts_each_covered_character_that_is_not_a_space_once(
    text: str, pairs: list[tuple[int, int]]
) -> None:
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in pairs]
    measured = text_module.coverage(text, spans)
    covered = {i for start, end in spans for i in range(start, end)}
    assert measured.characters == sum(not c.isspace() for c in text)
    assert measured.covered_characters == sum(not text[i].isspace() for i in covered)
    assert measured.uncovered_sentences == tuple(
        s for s in text_module.sentences(text) if not any(s[0] <= i < s[1] for i in covered)
    )


# --- many quotes found at once, through an index of the source ----------------------------------------

_QUOTE_TEXTS = st.text(alphabet=st.sampled_from("ab1_'(. \n\u2019\u2014"), max_size=80)


@given(_QUOTE_TEXTS, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=8), st.lists(_QUOTE_TEXTS))
def test_quotes_found_through_the_index_are_where_each_is_found_alone(
    source: str, cuts: list[tuple[int, int]], others: list[str]
) -> None:
    # Quotes cut anywhere from the source (mid-word, after punctuation, across a line break) and
    # others; a prefix of two characters makes word starts share their prefix as often as can be.
    quotes = [source[min(a, b) : max(a, b)] for a, b in cuts] + others
    normalised = normalise(source)
    alone = [find_quote(quote, normalised) for quote in quotes]
    with patch.object(text_module, "INDEX_FROM", 1), patch.object(text_module, "_PREFIX", 2):
        assert find_quotes(quotes, normalised) == alone
    assert find_quotes(quotes, normalised) == alone  # too few to index


def test_the_index_finds_the_first_whole_occurrence_past_those_that_share_its_start() -> None:
    source = (
        "According to the agency, talks failed. (According to the ministry, talks went on.) "
        "Talsaland's report: According to the ministry, talks went on; and 'According to all, yes."
    )
    quotes = [
        "According to the ministry, talks went on",  # its first place is in brackets
        "According to the ministry, talks went on;",  # only the second place is followed by ';'
        "s report",  # a word start inside "Talsaland's"
        "According to all, yes.",  # after an opening quote mark
        "ccording to the agency",  # not whole words
        "According to the ministers",  # nowhere
        "According to the agency, talks failed.",
    ]
    normalised = normalise(source)
    expected = [
        [(40, 80)],
        [(103, 144)],
        [(93, 101)],
        [(150, 172)],
        [],
        [],
        [(0, 38)],
    ]
    assert [find_quote(quote, normalised) for quote in quotes] == expected
    with patch.object(text_module, "INDEX_FROM", 1):
        assert find_quotes(quotes, normalised) == expected


# --- quotations ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "yes" and “no”.', ["yes", "no"]),
        ('Marks mixed: "open” and “close".', ["open", "close"]),  # as reports mix them
        ("“One paragraph\n“and the next, one quotation.”", ["One paragraph\n“and the next, one quotation."]),
        ("„Tak“ i «да»", ["Tak", "да"]),
        ("He said ‘Belarus’s army’ and ‘more’.", ["Belarus’s army", "more"]),  # British usage
        ("Belarus’s and ‘the ministers’ view’ agree", ["the ministers"]),  # found short, never long
        ("An unclosed ‘single mark, and an apostrophe’s", []),
        ("A stray ‘ hides nothing: “words”", ["words"]),
        ("‘He said “yes” to it’", ["yes"]),  # found short, never long
        ('An opening mark "left open to the end', ["left open to the end"]),
        ("A closing mark” alone, and Belarus’s apostrophe", []),
        ("No marks at all", []),
    ],
    ids=[
        "straight-and-typographic",
        "mixed",
        "over-paragraphs",
        "other-languages",
        "single",
        "single-possessive",
        "single-left-open",
        "single-stray",
        "single-around-double",
        "left-open",
        "no-opening",
        "none",
    ],
)
def test_quotations_are_the_words_between_double_quotation_marks(text: str, quoted: list[str]) -> None:
    assert [text[start:end] for start, end in quotations(text)] == quoted


def test_words_are_within_a_quotation_only_inside_its_marks() -> None:
    text = 'He said "it is nothing" today, and "more".'
    spans = quotations(text)

    def within(words: str) -> bool:
        start = text.index(words)
        return within_quotation(spans, start, start + len(words))

    assert within("it is nothing") and within("nothing") and within("it") and within("more")
    assert not within('"it is nothing"') and not within('said "it') and not within('nothing" today')
    assert not within("He said") and not within("today")


@pytest.mark.parametrize(
    ("source", "quote", "ours", "theirs"),
    [
        ("Belarus has protésted to Ukraine.", "has prote\u0301sted to", "U+0065 U+0301", "U+00E9"),
        ("Belarus has prote\u0301sted to Ukraine.", "has protésted to", "U+00E9", "U+0065 U+0301"),
    ],
    ids=["decomposed-quote", "decomposed-source"],
)
def test_a_quote_in_another_unicode_form_is_told_by_its_code_points(
    source: str, quote: str, ours: str, theirs: str
) -> None:
    miss = explain_miss(quote, source, normalise(source))
    assert miss is not None
    said, written = quote.split()[1], source.split()[2]
    assert miss.differences == (
        f"'{said}' is '{written}' in the source: the same letters, written with other characters (the quote has "
        f"{ours} where the source has {theirs}; copy them from the source)",
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028"])
def test_a_line_ends_a_sentence_however_the_line_is_ended(newline: str) -> None:
    # A headline has no full stop: only its line's end ends it, written as the source's system wrote it.
    text = f"Belarus says it downed a missile{newline}Fragments were found in a field."
    assert [text[a:b] for a, b in sentences(text)] == [
        "Belarus says it downed a missile",
        "Fragments were found in a field.",
    ]


# --- sentences: one pattern, held to the split-and-trim it replaced -----------------------------------

#: Every character ``str.isspace`` holds a space (and ``str.strip`` strips), across all of Unicode.
_ALL_SPACES = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
_SENTENCE_END_AS_BEFORE = re.compile(r"""[.!?]["'\u201d\u2019)]*(?=\s)|[\n\r\x85\u2028\u2029]""")


def _sentences_as_before(text: str) -> list[tuple[int, int]]:
    """``sentences`` as it was written before it was one pattern: split at each end, each piece
    copied, tested for anything but spaces and trimmed a character at a time. Clear, and slow."""

    def trim(start: int, end: int) -> tuple[int, int]:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END_AS_BEFORE.finditer(text):
        end = match.end()
        if text[start:end].strip():
            spans.append(trim(start, end))
        start = end
    if text[start:].strip():
        spans.append(trim(start, len(text)))
    return spans


_CLOSING_QUOTES = "\"'\u201d\u2019)"
#: A space, a line end half the time (each of them ends a sentence).
_SPACE = st.one_of(st.sampled_from("\n\r\x85\u2028\u2029"), st.sampled_from(_ALL_SPACES))
_OTHER = "ab1\u201c(\u2014-"
#: Texts made of what decides where a sentence is: the end marks, the closing quotes, every space,
#: and a few other characters. Drawn a character at a time, a third of the draws each, or a piece
#: at a time: an end mark with closing quotes, a run of spaces, a word.
_SENTENCE_TEXTS = st.one_of(
    st.text(alphabet=st.one_of(st.sampled_from(".!?" + _CLOSING_QUOTES), _SPACE, st.sampled_from(_OTHER)), max_size=80),
    st.lists(
        st.one_of(
            st.tuples(st.sampled_from(".!?"), st.text(st.sampled_from(_CLOSING_QUOTES), max_size=3)).map("".join),
            st.text(_SPACE, min_size=1, max_size=3),
            st.text(st.sampled_from(_OTHER + _CLOSING_QUOTES), min_size=1, max_size=4),
        ),
        max_size=20,
    ).map("".join),
)


@given(_SENTENCE_TEXTS)
@example("He said: \u201cGo.\u201d Then he left! Why?\r\nBecause\rof the\u2028rain.)\u2029 3.5 U.S. ok")
@example("\u3000 a.\u00a0\x1c\n\x85b .\u201d\u2019 c!)\x1f")  # spaces Python's str.strip strips beyond ASCII
@example(" \t\x0b\x0c\n\r\x1d\x1e \u2000\u200a\u202f\u205f\u1680 ")  # nothing but spaces: no sentence
@example('a."b" c.) d.\u2019x e?')  # closing quotes, then a space or not
@example("a ." + "\u2003" * 3 + "\n")  # an end mark alone after spaces, spaces after it
@example("x.")  # a text ending on its end mark
@example("a\x85b\u2029c\u2028d\re\nf\r\ng")  # every line end, between words
def test_sentences_are_the_pieces_between_ends_trimmed(text: str) -> None:
    assert sentences(text) == _sentences_as_before(text)


def test_a_space_in_a_pattern_is_what_str_isspace_calls_one() -> None:
    # ``sentences`` leaves out spaces by its pattern's \s and \S, as it did by str.isspace and
    # str.strip, and the coverage counts them by str.isspace: they agree on every character.
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    assert "".join(re.findall(r"\s", everything)) == _ALL_SPACES
    assert all(not c.strip() for c in _ALL_SPACES)


def test_the_wide_spaces_are_every_space_beyond_latin_1() -> None:
    # The coverage's count of spaces turns these into a space before encoding as Latin-1.
    assert "".join(c for c in _ALL_SPACES if ord(c) > 0xFF) == text_module._WIDE_SPACES


@given(st.text(alphabet=st.one_of(st.sampled_from(_ALL_SPACES), st.sampled_from("a\xe9\u0416\u2014\u3001\U0001f600"))))
@example("\u3000a\u2028\xa0\u2003\U0001f600\x85")
def test_a_character_is_solid_unless_it_is_a_space(text: str) -> None:
    assert text_module._solid(text) == bytes(0 if char.isspace() else 1 for char in text)
