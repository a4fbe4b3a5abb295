"""operations: the use cases a command calls (nominate, advance/set/withdraw, assess, init, sync),
each one transaction: read, decide with the engine, validate, write and commit through audit.
May import reporting, validation, engine, audit, store, i18n, models.
"""
