"""`nominera.html`: the nomination form for people without a terminal, written by `publish`.

Everything the page asks and checks is generated here from what `nominate` and `validate` use:
the questions, their order and conditions (`engine.form`), their titles, help lines and closed
sets (the models, in Swedish and English), what step a requires (`process.yaml`) and each
answer's limits (the JSON Schema exported from the models). The page's script
(`templates/catalogue/nominera.js`) only evaluates this data; nothing of the routine is written
twice. The similar programs it shows come from the same folded, stemmed words `search` uses.
"""

from __future__ import annotations

import json
from typing import Any

from sobreg.engine.collation import STOPWORDS
from sobreg.engine.form import HAS_SOB_CONTACT, QUESTIONS, Field, Question, asked, describe
from sobreg.i18n import LANGUAGES, speaking, t
from sobreg.models import ProcessDefinition
from sobreg.reporting.scoring import SIMILAR_CUTOFF
from sobreg.reporting.search import subjects
from sobreg.validation.schemas import nomination_form

# Unicode's White_Space, which the models' patterns mean by `\s` (pydantic's regular expressions
# are Rust's); JavaScript's `\s` differs (U+0085 out, U+FEFF in), so the page gets them listed.
WHITE_SPACE = (
    "\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
)
# The page's own words, by key; each in every language.
_UI = (
    "title", "intro", "required_note", "optional", "yes", "no", "no_answer", "submit",
    "summary_title", "done_title", "done_text", "download", "copy", "copied", "mail",
    "mail_subject", "similar_title", "similar_none", "similar_hint", "switch", "err_required",
    "err_int", "err_min", "err_max", "err_too_long", "err_control", "err_email", "err_choice",
    "blocks", "file_comment", "program", "nomination", "noscript",
)  # fmt: skip
# Words of the page's frame (header, footer), shared with the catalogue's other pages.
_FRAME = {
    "skip": "catalogue.skip", "site_title": "catalogue.title", "open_data": "catalogue.open_data",
    "dcat": "catalogue.dcat", "accessibility": "catalogue.accessibility",
    "nominate_link": "catalogue.nominate",
}  # fmt: skip


def _leaf_schema(schema: dict[str, Any], path: str) -> tuple[dict[str, Any], bool]:
    """The JSON Schema of a form field, and whether its own mapping requires it."""
    definitions = schema.get("definitions", {})
    node: dict[str, Any] = schema
    required = False
    for part in path.split("."):
        while "$ref" in node or "else" in node:
            ref = node["$ref"] if "$ref" in node else node["else"].get("$ref", "")
            node = definitions[ref.rsplit("/", 1)[-1]] if ref else node["else"]
        required = part in node.get("required", ())
        node = node.get("properties", {}).get(part, {})
    return node, required


def _limits(leaf: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key in ("maxLength", "minimum", "maximum"):
        if key in leaf:
            found[key] = leaf[key]
    if "pattern" in leaf:
        found["pattern"] = leaf["pattern"].replace("\\s", WHITE_SPACE)
    return found


def _in_every_language(question: Question, process: ProcessDefinition) -> dict[str, Field]:
    """The question as the interactive form asks it, in each language."""
    found = {}
    for lang in LANGUAGES:
        with speaking(lang):
            found[lang] = describe(process, question, {})
    return found


def questions(process: ProcessDefinition) -> list[dict[str, Any]]:
    """Every question of the form as the page's script evaluates it."""
    schema = nomination_form()
    step = process.step(process.rules("nomination").first_step)
    found = []
    for question in QUESTIONS:
        fields = _in_every_language(question, process)
        field = fields[LANGUAGES[0]]  # its kind and closed set are the same in every language
        leaf: dict[str, Any] = {}
        model_required = False
        if question.path != HAS_SOB_CONTACT:
            leaf, model_required = _leaf_schema(schema, question.path)
        kind = field.kind
        if kind == "text" and question.path.endswith(".email"):
            kind = "email"
        elif kind == "text" and leaf.get("maxLength", 0) > 500:
            kind = "textarea"
        rules = [
            {"when": req.when, "equals": req.equals}
            for req in step.requires
            if req.field == question.path
        ]
        if question.path == "title" or question.path == HAS_SOB_CONTACT:
            rules.append({"when": None, "equals": None})  # asked of everyone, always answered
        found.append({
            "path": question.path,
            "kind": kind,
            "when": {k: list(v) for k, v in (question.when or {}).items()} or None,
            "rules": rules,
            "model_required": model_required,
            "limits": _limits(leaf),
            "choices": [value for value, _ in field.choices],
            "texts": {lang: {"title": f.title, "help": f.help, "choices": dict(f.choices)}
                      for lang, f in fields.items()},
        })  # fmt: skip
    return found


def ui_texts(generated: str) -> dict[str, dict[str, str]]:
    """The page's own words in every language."""
    texts: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        with speaking(lang):
            texts[lang] = {key: t(f"webform.{key}") for key in _UI}
            texts[lang] |= {key: t(msgid) for key, msgid in _FRAME.items()}
            texts[lang]["footer"] = t("catalogue.footer", date=generated)
            texts[lang]["page_title"] = f"{t('webform.title')} – {t('catalogue.title')}"
    return texts


def similar_index(records: list[tuple[str, dict[str, Any]]], pages: set[str]) -> dict[str, Any]:
    """What the page ranks as a person types: the `records` (programs and open nominations, as
    `publish` lists them), each as [id, name, type, has a page]. The page folds and stems their
    words itself, as `search` does (its port is tested word for word), so 10,000 items cost
    their names only. Only names: a nomination's need stays out of a public page."""
    entries: list[list[Any]] = []
    for kind, data in records:
        item_id = str(data.get("id"))
        name = str(data.get("name") or data.get("title") or item_id)
        entries.append([item_id, name, kind, int(f"programs/{item_id}.html" in pages)])
    return {"entries": entries, "subjects": sorted(subjects()), "stopwords": sorted(STOPWORDS)}


def page(
    process: ProcessDefinition, records: list[tuple[str, dict[str, Any]]], pages: set[str],
    email: str | None, generated: str,
) -> dict[str, Any]:  # fmt: skip
    """What the page's script evaluates (its data block) and its template renders."""
    return {
        "questions": questions(process),
        "ui": ui_texts(generated),
        "index": similar_index(records, pages),
        "email": email,
        "generated": generated,
        "languages": list(LANGUAGES),
        "white_space": WHITE_SPACE,
        "has_sob_contact": HAS_SOB_CONTACT,
        "similar_cutoff": SIMILAR_CUTOFF,
    }


def asked_at_first() -> dict[str, bool]:
    """Which questions an empty form shows (the script shows and hides them as answers come)."""
    return {q.path: asked(q, {}) for q in QUESTIONS}


def as_json(data: dict[str, Any]) -> str:
    """The data block's text: `<` escaped so no text in it can close the block (and the block
    is never executed, so the page's Content-Security-Policy allows it)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
