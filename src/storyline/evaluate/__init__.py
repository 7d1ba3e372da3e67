"""evaluate: score storyline's stages on public datasets, side by side with baseline tools."""

from __future__ import annotations

from storyline.evaluate.extraction import ExtractionReport, evaluate_extraction

__all__ = ["ExtractionReport", "evaluate_extraction"]
