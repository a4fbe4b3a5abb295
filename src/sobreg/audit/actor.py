"""Who is acting and what day it is (docs/cli.md: actor, today)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from sobreg.audit.repo import git_config
from sobreg.errors import EnvironmentFailure, UsageError
from sobreg.models.patterns import EMAIL_PATTERN

_EMAIL = re.compile(EMAIL_PATTERN)


def resolve_actor(option: str | None, cwd: Path | None = None) -> str:
    """`--as`, else `SOBREG_ACTOR`, else git's `user.email`; exit 3 when none is found."""
    value = option or os.environ.get("SOBREG_ACTOR") or git_config("user.email", cwd)
    if not value:
        raise EnvironmentFailure("actor.missing")
    value = value.strip()
    if not _EMAIL.match(value):
        raise UsageError("actor.invalid", actor=value[:100])
    return value


def today() -> dt.date:
    """The system date, or `SOBREG_TODAY` for tests and for recording a past event."""
    value = os.environ.get("SOBREG_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError("today.invalid", value=value[:40]) from None


def now() -> dt.datetime:
    """This moment, in UTC, on the day `today` gives (so an age computed against `today` is
    never negative when `SOBREG_TODAY` sets the day)."""
    moment = dt.datetime.now(dt.UTC)
    if not os.environ.get("SOBREG_TODAY"):
        return moment
    day = today()
    return moment.replace(year=day.year, month=day.month, day=day.day)
