"""link: work across articles, incrementally as they arrive (stories)."""

from storyline.link.stories import (
    TOPIC_SETTINGS,
    Story,
    StoryAssignment,
    StoryClusterer,
    StoryDoc,
    StorySettings,
    cluster,
)

__all__ = [
    "TOPIC_SETTINGS",
    "Story",
    "StoryAssignment",
    "StoryClusterer",
    "StoryDoc",
    "StorySettings",
    "cluster",
]
