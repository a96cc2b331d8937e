"""Keeps the site search index in step with published pages (implemented by the search app)."""

from collections.abc import Iterable


def index_pages(page_ids: Iterable[int]) -> None:
    """Add or refresh the given pages in the search index (bulk; called by the news importer)."""
    return None
