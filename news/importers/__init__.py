"""Imports of old articles into the news section: one reader per source format, one writer."""
