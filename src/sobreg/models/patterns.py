"""Id and value patterns, kept free of heavy imports: the fast read path needs them without
loading pydantic."""

from __future__ import annotations

NOMINATION_ID_PATTERN = r"^N-\d{4}-\d{3,}$"
PROGRAM_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PROGRAM_ID_MAX = 64
STEP_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
EMAIL_PATTERN = r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$"
SOURCE_NAME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
