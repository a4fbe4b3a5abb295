"""validation: every problem of a file or the registry with its position (check), the items'
summaries and search records built from the same scan (summaries), the history rules over git
commits (history), reporters and the exported JSON Schemas.
May import engine, audit, store, i18n, models.
"""
