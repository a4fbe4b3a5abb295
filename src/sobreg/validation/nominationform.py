"""A filled-in nomination form (the file `nominate --from-file` takes, the published form gives):
judged by the nomination model, and for the answers the person nominating gives at step a.

`nominate --from-file` refuses what the model refuses; `validate FILE` on such a file also names
the answers still missing, as the interactive and the published form do before they give a file.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from sobreg.engine.form import unanswered_in_file
from sobreg.engine.titles import title
from sobreg.errors import Issue
from sobreg.models import Nomination, ProcessDefinition
from sobreg.models.nomination import FORM_FIELDS
from sobreg.store import yamlio
from sobreg.validation.modelissues import pydantic_issues

# What a form's answers become in the file: `missing` is an error, `blocks` a warning (the
# nomination is taken, and stays at a until the answer changes).
MISSING = "form.file_missing"
BLOCKS = "form.file_blocks"


def is_form_file(data: Any) -> bool:
    """A mapping of the form's fields only: no id, no step, nothing sobreg records later."""
    return isinstance(data, dict) and all(key in FORM_FIELDS for key in data)


def model_issues(
    process: ProcessDefinition, fields: dict[str, Any], source: str, text: str | None,
    doc: Any = None,
) -> list[Issue]:  # fmt: skip
    """What the nomination model refuses in the form's `fields`, each placed in `source`."""
    rules = process.rules("nomination")
    try:
        Nomination.model_validate(
            {
                **fields,
                "id": "N-2000-001",
                "created": "2000-01-01",
                "step": rules.first_step,
                "status": rules.initial_status,
                "history": [{"at": "2000-01-01", "action": "nominate", "actor": "x@example.org"}],
            }
        )
    except ValidationError as exc:
        found = pydantic_issues(source, text, exc, doc, Nomination)
        return sorted(found, key=lambda i: (i.line, i.col, i.field))
    return []


def form_issues(
    process: ProcessDefinition, data: dict[str, Any], shown: str, text: str | None,
    doc: Any = None,
) -> list[Issue]:  # fmt: skip
    """The form file's problems: the model's, then each answer step a still needs (at the
    nearest key the file has)."""
    found = model_issues(process, data, shown, text, doc)
    named = {issue.field for issue in found}
    if doc is None and text is not None:
        try:
            doc = yamlio.load_roundtrip(text, shown)
        except yamlio.YamlProblem:
            doc = None
    for path, what in unanswered_in_file(process, data):
        if path in named:  # the model said it already (a nominator without a name)
            continue
        line, col = yamlio.position(doc, path.split(".")) if doc is not None else (1, 1)
        key = MISSING if what == "missing" else BLOCKS
        found.append(Issue(shown, line, col, path, key, {"title": title("nomination", path)}))
    return found
