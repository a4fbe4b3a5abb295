"""store: find the registry, read files (fast path and reference path), write round-trip
keeping comments and line endings, edits of documents (an item in its two forms), every file
write (atomic), the cache and its one key rule, the item cache (a package of its own) and the
sharing of its work with forked children, shipped resources. May import i18n and models.
"""
