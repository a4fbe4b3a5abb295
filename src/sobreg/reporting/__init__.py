"""reporting: report data as plain dicts, the report cache, rendering to text/md/html/csv/json,
charts, statements, the published catalogue, search and listings.
May import validation, engine, audit, store, i18n, models.
"""
