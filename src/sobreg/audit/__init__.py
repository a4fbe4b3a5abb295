"""audit: every git call (one runner), the write transaction (lock, commit), the actor and the
day, the item log, sync's git mechanics. May import store, i18n, models.
"""
