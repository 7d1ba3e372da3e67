"""Clean text maps back to the original; inline tags, links and entities (fictional texts)."""

from __future__ import annotations

from storyline.extract.plain_text import extract_plain_text
from storyline.extract.result import Extracted
from storyline.model import RawDocument


def run(text: str, url: str | None = None) -> Extracted:
    return extract_plain_text(text, RawDocument(source="fixture.txt", content=text.encode(), url=url))


def verbatim_positions(ex: Extracted) -> list[int]:
    return [a + k for a, _, c in ex.offsets.runs for k in range(c)]


def test_every_verbatim_character_maps_back() -> None:
    original = (
        "Skip to content\n"
        "Quay   workers strike over pay\r\n\r\n"
        "  Dock workers in Port Alder walked out on Monday,\tunions said.  \n\n"
        "A crane stands idle at the quay. Reuters\n"
        "“We will not go back,” said shop steward Ilse Marr.\n"
    )
    ex = run(original)
    assert ex.title == "Quay workers strike over pay"
    positions = verbatim_positions(ex)
    assert positions
    for i in positions:
        assert original[ex.offsets.to_original(i)] == ex.text[i]
    # only whitespace is made up: paragraph breaks and squeezed runs
    made_up = set(range(len(ex.text))) - set(positions)
    assert all(ex.text[i].isspace() for i in made_up)
    assert "Dock workers in Port Alder walked out on Monday, unions said." in ex.text


def test_span_of_a_quote_maps_to_its_original_span() -> None:
    original = "Port council votes\n\nThe mayor said “no new taxes” on Friday.\n"
    ex = run(original)
    start = ex.text.index("“no new taxes”")
    end = start + len("“no new taxes”")
    o_start, o_end = ex.offsets.span_to_original(start, end)
    assert original[o_start:o_end] == "“no new taxes”"


def test_inline_tags_are_removed_and_links_kept_in_order_once() -> None:
    original = (
        'Officials in <a href="https://alder.example/a/1">Port Alder</a> and '
        "<a href='https://other.example/b'><b>Lind</b></a> <i>agreed</i> on a plan,<br>"
        'while <a href="https://alder.example/a/1">the port</a> <span class="x">stayed</span> shut.'
    )
    ex = run(original)
    assert ex.format == "text+html"
    assert ex.text == "Officials in Port Alder and Lind agreed on a plan,\n\nwhile the port stayed shut."
    assert ex.links == ("https://alder.example/a/1", "https://other.example/b")
    for i in verbatim_positions(ex):
        assert original[ex.offsets.to_original(i)] == ex.text[i]


def test_relative_links_resolve_against_the_document_url() -> None:
    ex = run('Ministers met at <a href="/news/talks">the talks</a> today in the capital.',
             url="https://alder.example/world/story")
    assert ex.links == ("https://alder.example/news/talks",)


def test_entities_are_decoded_and_point_at_the_entity() -> None:
    original = "The mayor&rsquo;s office said &#8220;soon&#8221; &amp; nothing more, said R&amp;D chief Lind."
    ex = run(original)
    assert ex.format == "text"
    assert ex.text == "The mayor’s office said “soon” & nothing more, said R&D chief Lind."
    i = ex.text.index("’")
    assert original.startswith("&rsquo;", ex.offsets.to_original(i))
    i = ex.text.index("“")
    assert original.startswith("&#8220;", ex.offsets.to_original(i))
    for i in verbatim_positions(ex):
        if ex.text[i] != original[ex.offsets.to_original(i)]:
            assert original[ex.offsets.to_original(i)] == "&"


def test_angle_brackets_that_are_not_tags_stay() -> None:
    ex = run("The vote passed 5 < 7 and <Alder> was named, a <3 note.")
    assert ex.text == "The vote passed 5 < 7 and <Alder> was named, a <3 note."
    assert ex.format == "text"


def test_script_content_is_dropped() -> None:
    ex = run("Council met today.<script>var x = 1;</script> It agreed the budget for the harbour.")
    assert "var x" not in ex.text
    assert ex.text == "Council met today. It agreed the budget for the harbour."


def test_one_long_paragraph_has_no_title() -> None:
    ex = run("Dock workers in Port Alder walked out on Monday, unions said, and talks are set for Friday.")
    assert ex.title is None


def test_title_is_first_heading_and_standfirst_stays() -> None:
    body = ["Unions say more ports will join this week", "Workers walked out on Monday."]
    ex = run("\n\n".join(["Dock strike spreads", *body]))
    assert ex.title == "Dock strike spreads"
    assert ex.text.split("\n\n") == body


def test_sentence_is_not_a_title_but_title_case_headline_is() -> None:
    ex = run("Workers walked out on Monday.\n\nThey want more pay.")
    assert ex.title is None
    ex = run("Dock Workers Walk Out Over Pay.\n\nThey want more pay, unions said.")
    assert ex.title == "Dock Workers Walk Out Over Pay."
    assert ex.text == "They want more pay, unions said."


def test_outlet_is_the_site_most_links_point_to() -> None:
    original = (
        'See <a href="https://www.alder-news.example/a">one</a>, '
        '<a href="https://alder-news.example/b">two</a> '
        'and <a href="https://elsewhere.example/c">three</a> for more on the harbour.'
    )
    assert run(original).outlet == "alder-news.example"
    assert run('Only <a href="https://elsewhere.example/c">one link</a> here in this text.').outlet is None
