"""Each kind of page furniture in the lexicon is removed, and nothing else is (fictional texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.extract.furniture import load_lexicon, plan
from storyline.extract.plain_text import extract_plain_text
from storyline.extract.result import Extracted
from storyline.model import RawDocument

TITLE = "Harbour council approves new ferry route"
BODY = [
    "Residents of Port Alder will get a direct ferry to the mainland from next spring, "
    "the town council decided on Tuesday.",
    '"This link has been missing for decades," said council leader Mira Osei.',
    "The route will run twice a day and cost about 4 million crowns a year, according to the "
    "council's budget papers.",
]


def run(text: str) -> Extracted:
    return extract_plain_text(text, RawDocument(source="fixture.txt", content=text.encode()))


def article(*, top: str = "", middle: str = "", bottom: str = "") -> str:
    parts = [top, TITLE, BODY[0], middle, BODY[1], BODY[2], bottom]
    return "\n\n".join(p for p in parts if p)


def assert_clean(ex: Extracted, *gone: str) -> None:
    assert ex.title == TITLE
    assert ex.text.split("\n\n") == BODY
    for piece in gone:
        assert piece not in ex.text


def test_clean_article_comes_through_intact() -> None:
    ex = run(article())
    assert_clean(ex)
    assert ex.byline == ()
    assert ex.published.value is None


def test_navigation_lines_numbered_or_not() -> None:
    ex = run(article(top="1. Skip to content\n  2. Skip to main menu\nJump to navigation"))
    assert_clean(ex, "Skip to", "navigation")


def test_glued_section_crumb_above_title() -> None:
    ex = run(article(top="WorldEurope"))
    assert_clean(ex, "WorldEurope")


def test_crumb_like_title_is_kept_when_no_heading_follows() -> None:
    text = "BusinessMarkets\n\n" + BODY[0]
    ex = run(text)
    assert ex.title == "BusinessMarkets"
    assert ex.text == BODY[0]


def test_translation_notice() -> None:
    ex = run(article(middle="Powered by automated translation"))
    assert_clean(ex, "translation")


def test_live_teaser_line() -> None:
    ex = run(article(middle="Live updates: Follow the latest on the ferry strike"))
    assert_clean(ex, "Live updates", "ferry strike")


def test_live_teaser_glued_to_paragraph_goes_with_its_link() -> None:
    text = (
        '<b>Live updates: Follow the latest from </b><a href="https://news.example/live/ferry-strike">'
        "<b>Ferry strike</b></a> " + BODY[0]
    )
    ex = run(text)
    assert ex.text == BODY[0]
    assert ex.links == ()  # the teaser's link is furniture too


def test_caption_with_agency_credit() -> None:
    for caption in (
        "A ferry waits at the quay in Port Alder on Monday. Reuters",
        "A ferry waits at the quay in Port Alder on Monday. (AP Photo/Jo Lind)",
        "A ferry waits at the quay in Port Alder on Monday. Photo: Jane Smith/AFP",
        "A ferry waits at the quay in Port Alder on Monday - Getty Images",
    ):
        ex = run(article(middle=caption))
        assert_clean(ex, "waits at the quay")


def test_sentence_naming_an_agency_is_not_a_caption() -> None:
    line = "The ferry operator confirmed the schedule to Reuters."
    ex = run(article(middle=line))
    assert line in ex.text


def test_repeated_video_title_drops_both_copies() -> None:
    video = "How the new ferry will cross the strait"
    ex = run(article(middle=f"{video}\n\n{video}"))
    assert_clean(ex, video)


def test_contributor_line_goes_to_byline() -> None:
    ex = run(article(bottom="Anna Berg and Tom Ferris contributed to this report."))
    assert_clean(ex, "contributed")
    assert ex.byline == ("Anna Berg", "Tom Ferris")


def test_updated_date_line_is_printed_date() -> None:
    ex = run(article(bottom="Updated: March 4, 2023, 9:35 AM"))
    assert_clean(ex, "Updated")
    assert (ex.published.value, ex.published.precision, ex.published.how) == ("2023-03-04", "day", "printed")


def test_short_link_line() -> None:
    ex = run(article(middle="https://sh.example/p/x7Yz"))
    assert_clean(ex, "https://")


def test_bracketed_label_line() -> None:
    ex = run(article(middle="[Audio transcript]"))
    assert_clean(ex, "[")


def test_author_line_above_date_line() -> None:
    text = "\n\n".join([TITLE, "Mira Lindqvist\n6 March 2023", *BODY])
    ex = run(text)
    assert_clean(ex, "Lindqvist", "2023")
    assert ex.byline == ("Mira Lindqvist",)
    assert (ex.published.value, ex.published.how) == ("2023-03-06", "printed")


def test_by_line_near_top() -> None:
    text = "\n\n".join([TITLE, "By Jane Q. Doe | Staff writer", *BODY])
    ex = run(text)
    assert_clean(ex, "Staff writer")
    assert ex.byline == ("Jane Q. Doe",)


def test_by_phrase_that_names_nobody_stays() -> None:
    text = "\n\n".join([TITLE, "By the numbers", *BODY])
    ex = run(text)
    assert ex.text.startswith("By the numbers")


def test_copyright_line() -> None:
    ex = run(article(bottom="© 2023 Alder Gazette. All rights reserved."))
    assert_clean(ex, "©")


def test_plan_reports_kinds_in_line_order() -> None:
    lines = ["Skip to content", TITLE, BODY[0], "[Video]", BODY[1]]
    decided = plan(lines)
    assert decided.removed == ((0, "navigation"), (3, "bracket_label"))
    assert decided.title == 1


def test_every_line_rule_kind_has_a_pattern() -> None:
    kinds = {rule.kind for rule in load_lexicon().rules}
    assert {"navigation", "translation_notice", "live_teaser", "caption_credit", "contributor_line",
            "date_line", "short_link", "bracket_label"} <= kinds


def test_broken_lexicon_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "furniture.toml"
    bad.write_text('[[line]]\nkind = "x"\naction = "explode"\npatterns = ["a"]\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_lexicon(bad)


def test_masthead_above_the_headline_goes_when_a_byline_closes_the_header() -> None:
    ex = run(article(top="Skip to content\nThe Alder Gazette\nLocalNews").replace(
        TITLE, f"{TITLE}\nBy Ines Moreau\nMarch 12, 2025", 1))
    assert_clean(ex, "Alder Gazette", "Ines Moreau")
    assert ex.byline == ("Ines Moreau",)
    assert ex.published.value == "2025-03-12"


def test_contributor_line_with_outlet_possessive_and_places_gives_bare_names() -> None:
    line = "The Alder Gazette's Ines Moreau in Port Alder and Tomas Berg in Kelso contributed to this report."
    ex = run(article(bottom=line))
    assert_clean(ex, "contributed")
    assert ex.byline == ("Ines Moreau", "Tomas Berg")


def test_caption_credited_to_an_outlets_own_photographer_is_dropped() -> None:
    caption = "Ferry workers at the Port Alder slipway on March 11. Alder Gazette/Tomas Berg"
    ex = run(article(middle=caption))
    assert_clean(ex, "slipway")
