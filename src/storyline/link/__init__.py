"""link: work across articles, incrementally as they arrive (stories)."""

from storyline.link.stories import Story, StoryAssignment, StoryClusterer, StoryDoc, StorySettings, cluster

__all__ = ["Story", "StoryAssignment", "StoryClusterer", "StoryDoc", "StorySettings", "cluster"]
