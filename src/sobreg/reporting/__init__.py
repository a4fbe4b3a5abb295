"""reporting: report data as plain dicts, the read commands' kept answers, rendering to
text/md/html/csv/json, charts, statements, the published catalogue and what a republish carries
over, search and listings. May import validation, engine, audit, store, i18n, models.
"""
