"""store: find the registry, read files (fast path and reference path), write round-trip
keeping comments and line endings, edits of documents, the content-addressed item cache and
the sharing of its work with forked children, shipped resources. May import i18n and models.
"""
