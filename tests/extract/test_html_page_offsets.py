"""align(): clean text traced back to the characters of the HTML it came from."""

from __future__ import annotations

import html
import re
import unicodedata

from storyline.extract.offsets import align


def spans(clean: str, original: str, **kw: bool) -> dict[str, str]:
    offsets = align(clean, original, **kw)
    out = {}
    for m in re.finditer(r"\S+", clean):
        start, end = offsets.span_to_original(m.start(), m.end())
        out[m.group()] = original[start:end]
    return out


def visible(source: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", source))


def test_entities_map_to_the_whole_entity():
    page = "<p>Ben &amp; Jerry&#8217;s said &ldquo;never&rdquo; &mdash; twice.</p>"
    clean = "Ben & Jerry’s said “never” — twice."
    got = spans(clean, page, markup=True)
    assert got["Jerry’s"] == "Jerry&#8217;s"
    assert got["“never”"] == "&ldquo;never&rdquo;"
    assert got["&"] == "&"
    assert all(visible(src) == word for word, src in got.items() if word not in ("—",))


def test_scripts_styles_comments_and_title_are_not_searched():
    page = (
        "<html><head><title>river bank</title><style>p{}</style></head><body>"
        "<script>var s = 'river bank';</script><!-- river bank -->"
        "<p>The river bank flooded.</p></body></html>"
    )
    offsets = align("The river bank flooded.", page, markup=True)
    start, end = offsets.span_to_original(4, 14)
    assert page[start:end] == "river bank"
    assert start > page.index("<p>")


def test_words_split_by_inline_tags_and_newlines():
    page = "<p>The <b>council</b>\n   met\non <a href='/x'>Tuesday</a>.</p>"
    got = spans("The council met on Tuesday.", page, markup=True)
    assert got["council"] == "council"
    assert visible(got["Tuesday."]) == "Tuesday."


def test_decomposed_accents_match_composed_clean_text():
    page = "<p>Caf" + "e\u0301" + " society</p>"
    clean = unicodedata.normalize("NFC", "Café society")
    got = spans(clean, page, markup=True)
    assert unicodedata.normalize("NFC", got["Café"]) == "Café"


def test_made_up_bullets_stay_unmapped_and_do_not_derail_later_words():
    page = "<ul><li>first item here</li><li>second item here</li></ul><p>- a dash far away</p><p>After.</p>"
    clean = "- first item here\n- second item here\n\nAfter."
    offsets = align(clean, page, markup=True)
    at = clean.index("second")
    start, _ = offsets.span_to_original(at, at + 6)
    assert page[start : start + 6] == "second"
    at = clean.index("After.")
    assert page[slice(*offsets.span_to_original(at, at + 6))] == "After."
    # the bullets of the first two lines are not in any run
    mapped = {c for run in offsets.runs for c in range(run[0], run[0] + run[2])}
    assert 0 not in mapped and clean.index("- second") not in mapped


def test_out_of_order_block_is_found_earlier_in_the_page():
    page = "<p>A pull quote that appears first in the page.</p><p>Body text of the article.</p>"
    clean = "Body text of the article.\n\nA pull quote that appears first in the page."
    got = spans(clean, page, markup=True)
    assert got["pull"] == "pull" and got["article."] == "article."


def test_runs_merge_across_single_spaces():
    page = "<p>one two three four</p>"
    offsets = align("one two three four", page, markup=True)
    assert offsets.runs == ((0, 3, 18),)


def test_plain_text_alignment():
    original = "Title\n\n  First   line of text.\nSecond line.\n"
    clean = "First line of text.\n\nSecond line."
    got = spans(clean, original)
    assert got == {w: w for w in clean.split()}
