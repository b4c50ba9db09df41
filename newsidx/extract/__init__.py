"""Extraction: raw page text in, an :class:`Article` out. Pure functions, no I/O."""

from newsidx.extract.article import Article
from newsidx.extract.pipeline import extract, extract_bytes

__all__ = ["Article", "extract", "extract_bytes"]
