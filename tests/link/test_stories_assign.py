"""Online story assignment on hand-made fictional articles: joins, new stories, time and entities."""

from __future__ import annotations

from datetime import date

from storyline.link import StoryClusterer, StoryDoc, StorySettings, cluster

FLOOD_1 = StoryDoc(
    "flood-1",
    "The river Quell burst its banks in Marrowdale on Monday, flooding hundreds of homes. "
    "Mayor Ottilie Brandvik ordered the evacuation of the lower town as the water kept rising. "
    "Rescue boats carried families from flooded streets to the Marrowdale school gym.",
    title="Quell floods Marrowdale, hundreds of homes evacuated",
    published=date(2031, 3, 3),
    entities=("Marrowdale", "Ottilie Brandvik", "Quell"),
)
FLOOD_2 = StoryDoc(
    "flood-2",
    "Flood water from the Quell reached the Marrowdale market square overnight. "
    "Brandvik said the evacuation of the lower town would last until the river falls. "
    "Volunteers filled sandbags as rescue boats searched flooded homes for stranded families.",
    title="Marrowdale evacuation to last as Quell keeps rising",
    published=date(2031, 3, 4),
    entities=("Marrowdale", "Ottilie Brandvik", "Quell"),
)
PHONE_1 = StoryDoc(
    "phone-1",
    "Zentrix unveiled its Lumo 9 phone in Vell City on Tuesday, with a folding screen "
    "and a week-long battery. "
    "Chief executive Arno Kessling said the handset will ship in April at a lower price than rivals. "
    "Analysts said the launch puts pressure on competing phone makers.",
    title="Zentrix launches folding Lumo 9 phone",
    published=date(2031, 3, 4),
    entities=("Zentrix", "Arno Kessling", "Vell City"),
)
PHONE_2 = StoryDoc(
    "phone-2",
    "Pre-orders for the Zentrix Lumo 9 opened today, a day after Kessling showed the folding phone. "
    "The handset's battery and screen drew praise from reviewers; it ships in April. "
    "Rival phone makers declined to comment on the Zentrix launch.",
    title="Zentrix opens Lumo 9 pre-orders",
    published=date(2031, 3, 5),
    entities=("Zentrix", "Arno Kessling"),
)
# Shares the flood vocabulary, but another river, town and mayor, and half a year later.
FLOOD_ELSEWHERE = StoryDoc(
    "flood-elsewhere",
    "The river Tarn burst its banks in Holloway Ferry, flooding homes in the lower town. "
    "Mayor Pim Oduya ordered an evacuation as the water kept rising; rescue boats carried families "
    "from flooded streets.",
    title="Tarn floods Holloway Ferry, evacuation ordered",
    published=date(2031, 9, 20),
    entities=("Holloway Ferry", "Pim Oduya", "Tarn"),
)


def _by_id(assignments):
    return {a.doc_id: a for a in assignments}


def test_two_clear_stories_give_two_clusters():
    got = _by_id(cluster([FLOOD_1, PHONE_1, FLOOD_2, PHONE_2]))
    assert got["flood-1"].story_id == got["flood-2"].story_id
    assert got["phone-1"].story_id == got["phone-2"].story_id
    assert got["flood-1"].story_id != got["phone-1"].story_id
    assert sum(a.new for a in got.values()) == 2


def test_new_article_about_a_story_joins_it():
    c = StoryClusterer()
    first = c.assign(FLOOD_1)
    c.assign(PHONE_1)
    joined = c.assign(FLOOD_2)
    assert first.new and not joined.new
    assert joined.story_id == first.story_id
    assert joined.similarity >= c.settings.threshold


def test_far_in_time_with_other_entities_starts_a_new_story():
    c = StoryClusterer()
    flood = c.assign(FLOOD_1)
    c.assign(FLOOD_2)
    later = c.assign(FLOOD_ELSEWHERE)
    assert later.new and later.story_id != flood.story_id


def test_time_and_entities_are_what_keep_the_similar_flood_apart():
    # The same text, dated the next day and naming the first flood's entities, joins it.
    c = StoryClusterer()
    flood = c.assign(FLOOD_1)
    c.assign(FLOOD_2)
    close = StoryDoc(FLOOD_ELSEWHERE.id, FLOOD_ELSEWHERE.text, FLOOD_ELSEWHERE.title,
                     date(2031, 3, 5), FLOOD_1.entities)
    assert c.assign(close).story_id == flood.story_id


def test_story_has_central_title_and_time_span():
    c = StoryClusterer()
    for doc in (FLOOD_1, PHONE_1, FLOOD_2):
        c.assign(doc)
    flood = next(s for s in c.stories() if "flood-1" in s.members)
    assert flood.members == ("flood-1", "flood-2")
    assert flood.title in (FLOOD_1.title, FLOOD_2.title)
    assert (flood.start, flood.end) == (date(2031, 3, 3), date(2031, 3, 4))


def test_story_without_titles_is_named_by_its_salient_terms():
    c = StoryClusterer()
    for doc in (FLOOD_1, PHONE_1, PHONE_2):
        a = c.assign(StoryDoc(doc.id, doc.text, published=doc.published))
    words = c.story(a.story_id).title.split(", ")
    assert len(words) == 5 and "zentrix" in words
    assert not {"river", "flooding", "marrowdale"} & set(words)


def test_same_article_twice_keeps_its_story():
    c = StoryClusterer()
    first = c.assign(FLOOD_1)
    again = c.assign(FLOOD_1)
    assert again.story_id == first.story_id and not again.new
    assert c.story(first.story_id).members == ("flood-1",)
    assert c.frequencies.documents == 1


def test_undated_articles_cluster_on_text():
    docs = [StoryDoc(d.id, d.text, d.title) for d in (FLOOD_1, PHONE_1, FLOOD_2, PHONE_2)]
    got = _by_id(cluster(docs))
    assert got["flood-1"].story_id == got["flood-2"].story_id != got["phone-1"].story_id


def test_an_unreachable_threshold_gives_one_story_per_article():
    got = cluster([FLOOD_1, FLOOD_2, PHONE_1, PHONE_2], StorySettings(threshold=10.0))
    assert all(a.new for a in got)


def test_the_decay_alone_splits_a_weak_match():
    # Text-only (no entities): the next day the Tarn flood joins on words; half a year later it does not.
    def assign_at(day):
        c = StoryClusterer()
        first = c.assign(StoryDoc(FLOOD_1.id, FLOOD_1.text, FLOOD_1.title, FLOOD_1.published))
        c.assign(StoryDoc(FLOOD_2.id, FLOOD_2.text, FLOOD_2.title, FLOOD_2.published))
        doc = StoryDoc(FLOOD_ELSEWHERE.id, FLOOD_ELSEWHERE.text, FLOOD_ELSEWHERE.title, day)
        return first.story_id, c.assign(doc)

    story, near = assign_at(date(2031, 3, 5))
    _, far = assign_at(date(2031, 9, 20))
    assert near.story_id == story and far.new
    assert far.similarity < near.similarity
