"""`publish`: the static HTML catalogue of programs and their latest statements.

Every string from the registry is redacted of e-mail addresses and phone numbers before it
reaches a template (a statement or note may quote one), and escaped by the template. The site is
built in a new folder beside the target and moved into place, so a failed build leaves the
previous catalogue as it was; pages whose inputs did not change are carried over from the previous
catalogue instead of rendered again (`republish`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sobreg.engine.process import recommended_parts
from sobreg.errors import RefusedError, UsageError
from sobreg.i18n import both, t
from sobreg.models.ids import is_program_id
from sobreg.reporting import opendata, republish
from sobreg.reporting.indexrows import index_rows
from sobreg.reporting.national import Statements
from sobreg.reporting.pages import ALSO, write_pages
from sobreg.reporting.search import fold
from sobreg.reporting.statements import statement
from sobreg.reporting.templates import environment, publisher_of
from sobreg.store.files import Build, carry
from sobreg.store.registry import Registry
from sobreg.validation.summaries import keyed_search_records, keyed_summaries

MARKER = ".sobreg-catalogue"
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[A-Za-z]{2,}")
# Swedish and international phone numbers: +46 70 123 45 67, 031-123 45 67, 0701234567.
_PHONE = re.compile(r"(?<![\w-])(?:\+\d{1,3}[\s-]?\(?0?\)?|0)\d{1,3}(?:[\s-]?\d){5,9}(?![\w-])")
# What either needs at least: an @, or six digits (a phone number's shortest form, spaces aside).
_CONTACT = re.compile(r"@|\d(?:[\s-]?\d){5}")


def redact(value: Any, mark: str | None = None) -> Any:
    """Every string in `value` without e-mail addresses and phone numbers."""
    mark = mark if mark is not None else t("catalogue.redacted")
    if isinstance(value, str):
        return _PHONE.sub(mark, _EMAIL.sub(mark, value)) if _CONTACT.search(value) else value
    if isinstance(value, dict):
        return {k: redact(v, mark) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v, mark) for v in value]
    return value


def target_folder(out: Path, registry: Registry) -> Path:
    """The catalogue's folder: outside the registry, empty or a catalogue sobreg wrote."""
    resolved = registry.outside(out)
    if resolved.exists() and not resolved.is_dir():
        raise UsageError("output.is_dir_expected", path=str(out))
    if resolved.is_dir() and any(resolved.iterdir()) and not (resolved / MARKER).exists():
        raise UsageError("publish.not_empty", path=str(out))
    if not resolved.parent.is_dir():
        raise UsageError("output.no_folder", path=str(out))
    return resolved


def _row(view: dict[str, Any], today: dt.date) -> dict[str, Any]:
    p, a = view["program"], view["assessment"]
    review = a["next_review"] if a else None
    return {
        **p,
        "evidence_grade": a["evidence_grade"] if a else None,
        "recommendation": a["recommendation"] if a else None,
        # The open data's values (opendata.record): the method's codes, not their labels.
        "evidence_grade_value": a["evidence_grade_value"] if a else None,
        "recommendation_value": a["recommendation_value"] if a else None,
        "version_assessed": a["program_version"] if a else None,
        "units": p["units_in_use"],
        "assessed": a["date"] if a else None,
        "next_review": a["next_review"] if a else None,
        # An active program whose next review has passed is marked in the index.
        "review_passed": bool(review and review < today and p["status"] == "active"),
        "search": fold(" ".join(str(x) for x in (p["name"], p["id"], p["kind_label"]))),
    }


# What a page takes from elsewhere when it takes nothing: most programs.
_NOTHING_ELSEWHERE = json.dumps([None, None])


@dataclass(slots=True)
class _Program:
    """One program of the catalogue: its summary and its view's key; the view itself is read or
    made only when the program's page or index row must be rendered (`_Views.view`)."""

    data: dict[str, Any]
    key: str
    relied: Any  # the national statement its page shows, redacted


class _Views:
    """Every program's view key and, on request, its redacted statement view: a program whose
    file and inputs are unchanged since the last publish is not read again."""

    def __init__(self, registry: Registry, method: Any) -> None:
        # The content keys come with the summaries: a file is hashed once, when it changed.
        keys, programs = keyed_summaries(registry, "program")
        for _, data in programs:
            if not is_program_id(str(data.get("id"))):  # ids become file names below
                raise RefusedError("publish.bad_id", id=str(data.get("id"))[:80])
        self.names = {str(d.get("id")): str(d.get("name") or d.get("id")) for _, d in programs}
        self.registry, self.method = registry, method
        self.store = republish.Views(registry)
        national = Statements(registry) if any(d.get("national") for _, d in programs) else None
        self.programs = []
        for index, (_, data) in enumerate(programs):
            replaced_by = (data.get("deactivation") or {}).get("replaced_by")
            # What the page takes from elsewhere: a replacement's name, the national statement.
            relied = redact(national.of(data)) if national is not None else None
            elsewhere = (
                json.dumps([self.names.get(str(replaced_by)) if replaced_by else None, relied],
                           sort_keys=True)
                if replaced_by or relied is not None
                else _NOTHING_ELSEWHERE
            )  # fmt: skip
            content = (
                keys[index]
                if keys is not None
                else self.store.content_key(str(registry.item_path(str(data["id"]))))
            )
            self.programs.append(_Program(data, self.store.key(content, elsewhere), relied))

    def view(self, program: _Program) -> dict[str, Any]:
        found: dict[str, Any] | None = self.store.get(program.key)
        if found is None:
            data = self.registry.load_data(str(program.data["id"]))
            parts = recommended_parts(self.registry.process, "program")
            found = redact(statement(self.method, data, self.names, parts))
            found["national"] = program.relied
            self.store.put(program.key, found)
        return found


def _open_data(registry: Registry, rows: list[Any], build: Build, generated: dt.date) -> None:
    """catalogue.json, catalogue.csv and dcat.jsonld (`opendata`), from the rows' kept records;
    each program's own record is written with its page."""
    build.write("catalogue.json", opendata.joined_json([r.json for r in rows]))
    build.write("catalogue.csv", opendata.joined_csv([r.csv for r in rows]))
    texts: dict[str, Any] = {key: both(f"opendata.{key}") for key in _DCAT_TEXTS}
    texts["keywords"] = {lang: text.split(", ") for lang, text in both("opendata.keywords").items()}
    publisher = getattr(registry.process, "publisher", None)
    build.write("dcat.jsonld", opendata.dcat(publisher, texts, generated))


FORM_FILES = ("nominera.html", "nominera.js", "nominera.css")


def _nomination_form(
    registry: Registry, env: Any, build: Build, common: dict[str, Any],
    programs: list[dict[str, Any]], pages: set[str], carried: _Carried,
) -> str:  # fmt: skip
    """nominera.html with its script and stylesheet beside it (`formpage`): files of their own,
    as the page's Content-Security-Policy allows nothing inline. Carried over from the previous
    catalogue when its key is unchanged (`carried(key)`: whether the old files were put in
    place); returns the key."""
    mark = t("catalogue.redacted")
    records = []
    # The programs as the catalogue read them; the nominations' search records (their own
    # files' stamps only), the open ones.
    nominations = keyed_search_records(registry, "nomination")[1]
    for kind, data in [*(("program", p) for p in programs), *nominations]:
        if kind == "nomination" and data.get("status") != "open":
            continue
        # Only what the pages show anyway: the id and the name, redacted.
        name = redact(str(data.get("name") or data.get("title") or ""), mark)
        records.append((kind, {"id": data.get("id"), "status": data.get("status"), "name": name}))
    key = carried.key(json.dumps(records, ensure_ascii=False, sort_keys=True))
    if carried(key):
        return key
    # Lazy: the form is made from the models (pydantic), which a republish that carries the
    # previous form over never loads.
    from sobreg.reporting import formpage

    publisher = common.get("publisher")
    email = publisher.get("email") if publisher else None
    generated = common["generated"].isoformat()
    data = formpage.page(registry.process, records, pages, email, generated)
    html = env.get_template("catalogue/nominate.html.j2").render(
        root="", questions=data["questions"], ui=data["ui"], email=email,
        shown=formpage.asked_at_first(), data=formpage.as_json(data), **common,
    )  # fmt: skip
    build.write("nominera.html", html)
    style = env.get_template("statement/style.css.j2").render()
    style += env.loader.get_source(env, "catalogue/nominera.css")[0]
    build.write("nominera.css", style)
    script = env.loader.get_source(env, "catalogue/nominera.js")[0]
    build.write("nominera.js", script)
    return key


@dataclass(frozen=True)
class _Carried:
    """Whether the previous catalogue's form files can be carried over for a key."""

    before: dict[str, str]  # the previous catalogue's keys, by file
    old_root: str
    new_root: str
    base: str  # the definitions, sobreg's code, the language (a view's base)
    generated: str
    templates: str

    def key(self, records: str) -> str:
        return republish.form_key(self.base, records, self.generated, self.templates)

    def __call__(self, key: str) -> bool:
        if self.before.get(FORM_FILES[0]) != key:
            return False
        return all(carry(self.old_root + n, self.new_root + n) for n in FORM_FILES)


_DCAT_TEXTS = ("catalog_title", "catalog_description", "dataset_title", "dataset_description")


def publish(registry: Registry, out: Path, generated: dt.date) -> int:
    """Write the catalogue to `out`; returns the number of programs in it. Pages whose inputs
    are unchanged since the last publish to `out` are carried over (see `republish`), and index rows
    rendered before are kept (see `indexrows`)."""
    method = registry.evaluation
    if method is None:
        raise UsageError("assess.no_method")
    target = target_folder(out, registry)
    views = _Views(registry, method)
    programs = views.programs
    env = environment(registry.root)
    common = {"generated": generated, "publisher": publisher_of(registry.process)}
    templates = republish.templates_key(registry.root)
    keys = [republish.page_key(p.key, generated.isoformat(), templates) for p in programs]
    row_macro = env.get_template("catalogue/row.html.j2").module.row
    rows = index_rows(registry, row_macro, keys,
                      lambda index: _row(views.view(programs[index]), generated),
                      opendata.texts)  # fmt: skip
    kinds = sorted({(r.kind, r.kind_label) for r in rows if r.kind})
    statuses = sorted({(r.status, r.status_label) for r in rows})
    before = republish.old_pages(target, MARKER) if target.is_dir() else {}
    pages: dict[str, str] = {}
    build = Build(target)
    try:
        build.folder("programs")
        index = env.get_template("catalogue/index.html.j2").render(
            rows=rows, kinds=kinds, statuses=statuses, root="",
            count_template=t("catalogue.count", shown="{shown}", total="{total}"), **common,
        )  # fmt: skip
        build.write("index.html", index)
        todo = []
        old_root, new_root = str(target) + os.sep, str(build.root) + os.sep
        jsons = {row.page: row.json for row in rows}  # each program's record, by its page key
        for program, key in zip(programs, keys, strict=True):
            program_id = str(program.data["id"])
            record = f"programs/{program_id}.json"
            pages[record] = key  # made from the same row, on the same day: the page's key
            kept = before.get(record) == key and carry(old_root + record, new_root + record)
            also = None if kept else (build.root / record, jsons[key])
            name = f"programs/{program_id}.html"
            pages[name] = key
            if before.get(name) == key and carry(old_root + name, new_root + name):
                if also is not None:
                    build.write(record, also[1])
                continue
            # The record is written with its page, by the process that renders it.
            todo.append((build.root / name, {"s": views.view(program), ALSO: also}))
        views.store.save()
        write_pages(env.get_template("catalogue/program.html.j2"), todo,
                    {"root": "../", **common})  # fmt: skip
        _open_data(registry, rows, build, generated)
        statement_page = env.get_template("catalogue/accessibility.html.j2")
        build.write("tillganglighet.html", statement_page.render(root="", **common))
        carried = _Carried(before, old_root, new_root, views.store.base, generated.isoformat(),
                         templates)  # fmt: skip
        pages[FORM_FILES[0]] = _nomination_form(
            registry, env, build, common, [p.data for p in programs], set(pages), carried
        )
        build.write(MARKER, republish.marker_text(pages))
        build.swap_in(generated.isoformat())
    except BaseException:
        build.abandon()
        raise
    return len(programs)
