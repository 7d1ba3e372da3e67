"""analyze: one article → its analysis record. Pure: knows nothing of other articles."""

from storyline.analyze.record import article_record

__all__ = ["article_record"]
