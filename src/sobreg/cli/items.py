"""`sobreg list` and `sobreg show`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from sobreg.cli.common import (
    JsonOpt,
    LangOpt,
    RegistryOpt,
    SkipOpt,
    apply,
    command_help,
    current_registry,
    echo,
    echo_json,
    open_item,
    table,
)
from sobreg.errors import EXIT_OK, UsageError
from sobreg.i18n import local, nearest, t


def _step_label(reg: Any, step: str | None) -> str:
    if not step:
        return "–"
    try:
        return f"{step} {local(reg.process.step(step).name.model_dump())}"
    except KeyError:
        return step


def _render_value(
    value: Any, indent: int, item_type: str, path: str, lines: list[str], roles: dict[str, Any]
) -> None:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.engine.titles import title

    pad = "  " * indent
    if isinstance(value, dict):
        for key, sub in value.items():
            if sub is None:
                continue
            dotted = f"{path}.{key}" if path else str(key)
            label = title(item_type, dotted).split(" › ")[-1]
            if isinstance(sub, dict | list) and sub:
                lines.append(f"{pad}{label}:")
                _render_value(sub, indent + 1, item_type, dotted, lines, roles)
            elif str(key).endswith("_sek") and isinstance(sub, int) and not isinstance(sub, bool):
                lines.append(f"{pad}{label}: {amount(sub)}")
            else:
                lines.append(f"{pad}{label}: {labelled(item_type, dotted, sub, roles)}")
    elif isinstance(value, list):
        for element in value:
            if isinstance(element, dict):
                lines.append(f"{pad}-")
                _render_value(element, indent + 1, item_type, path, lines, roles)
            else:
                lines.append(f"{pad}- {scalar(element)}")


def labelled(item_type: str, dotted: str, value: Any, roles: dict[str, Any]) -> str:
    """A value as a reader says it: a closed set's label (`purchase` → "inköp av befintligt
    program"), a status's, a role's name from process.yaml; anything else as it is."""
    # Lazy: the models' closed sets, which `sobreg --help` must not load.
    from sobreg.engine.answers import choices
    from sobreg.i18n import catalogue_has

    if isinstance(value, str):
        name = dotted.rsplit(".", 1)[-1]
        if name == "status" and catalogue_has(f"status.{value}"):
            return t(f"status.{value}")
        if name == "role" and dotted != "nominator.role":
            found = roles.get(value)
            return local(found.model_dump()) if found is not None else value
        try:
            closed = choices(item_type, dotted)
        except KeyError:
            closed = None
        if closed:
            return dict(closed).get(value, value)
    return scalar(value)


def amount(value: int) -> str:
    """An amount in kronor as people write it: 400 000 kr (a no-break space between groups)."""
    return t("word.amount_sek", amount=f"{value:,}".replace(",", "\u00a0"))


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return t("word.yes") if value else t("word.no")
    if isinstance(value, list) and not value:
        return "–"
    return str(value.isoformat() if hasattr(value, "isoformat") else value)


def _statement(reg: Any, item_type: str, data: dict[str, Any], fmt: str) -> str:
    """The latest assessment of a program as a statement document (md or html)."""
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.engine.process import recommended_parts
    from sobreg.errors import RefusedError
    from sobreg.reporting.catalogue import redact
    from sobreg.reporting.statements import statement
    from sobreg.reporting.templates import environment

    if fmt not in ("md", "html"):
        raise UsageError("statement.format", format=fmt)
    if item_type != "program":
        raise UsageError("assess.not_program", id=str(data.get("id")))
    method = reg.evaluation
    if method is None:
        raise RefusedError("assess.no_method")
    # The statement is a document to pass on, as the published page is: no contact details.
    view = redact(statement(method, data, {}, recommended_parts(reg.process, "program")))
    if view["assessment"] is None:
        raise RefusedError("statement.none", id=str(data.get("id")))
    template = environment(reg.root).get_template(f"statement/statement.{fmt}.j2")
    return str(template.render(s=view))


def list_(
    what: Annotated[str | None, typer.Argument(metavar="[nominations|programs]")] = None,
    step: Annotated[
        str | None, typer.Option("--step", metavar=t("metavar.step"), help=t("opt.step"))
    ] = None,
    status: Annotated[str | None, typer.Option("--status", help=t("opt.status"))] = None,
    as_json: JsonOpt = False,
    skip_invalid: SkipOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.reporting.listing import rows

    apply(lang, registry)
    kinds = {"nominations": "nomination", "programs": "program", None: None}
    if what not in kinds:
        raise UsageError("list.what", what=what)
    reg, _ = current_registry(skip_invalid=skip_invalid)
    steps = [s.id for s in reg.process.steps]
    if step is not None and step not in steps:
        # A step that does not exist is a mistake, not an empty answer.
        raise UsageError("list.unknown_step", step=step, steps=steps,
                         near=nearest(step, steps, limit=1))  # fmt: skip
    found = rows(reg, kinds[what], step, status)
    if not found and status is not None:
        # Lazy: the models' statuses, only when nothing matched (a warm list loads none).
        from sobreg.models.common import NominationStatus, ProgramStatus

        statuses = sorted({str(v) for m in (NominationStatus, ProgramStatus) for v in m})
        if status not in statuses:
            raise UsageError("list.unknown_status", status=status, statuses=statuses,
                             near=nearest(status, statuses, limit=1))  # fmt: skip
    if as_json:
        echo_json(found)
        return EXIT_OK
    headers = [t("col.id"), t("col.title"), t("col.kind"), t("col.step"), t("col.status")]
    values = [
        [
            str(r["id"]),
            str(r["title"] or "–"),
            t(f"kind.{r['kind']}") if r["kind"] else "–",
            _step_label(reg, r["step"]),
            t(f"status.{r['status']}"),
        ]
        for r in found
    ]
    table(headers, values, t("list.title", count=len(found)))
    return EXIT_OK


def show(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    as_statement: Annotated[bool, typer.Option("--statement", help=t("opt.statement"))] = False,
    fmt: Annotated[
        str, typer.Option("--format", metavar="md|html", help=t("opt.statement_format"))
    ] = "md",
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.cli import otherregistries

    foreign = otherregistries.split_source(item_id)
    if foreign is not None:
        return _show_source(foreign, as_json, lang, registry, fmt if as_statement else None)
    reg, item, _ = open_item(item_id, lang, registry)
    item_type = item.type
    data = reg.load_data(item_id)
    if as_statement:
        typer.echo(_statement(reg, item_type, data, fmt), nl=False)
        return EXIT_OK
    if as_json:
        echo_json(data)
        return EXIT_OK
    lines = _item_lines(reg, item_type, item_id, data, [])
    if item_type == "program" and data.get("national"):
        # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
        from sobreg.reporting.national import Statements

        lines += ["", *otherregistries.national_lines(Statements(reg).of(data))]
    if item_type == "nomination" and otherregistries.compares_regions(reg, data):
        others = otherregistries.other_regions(reg, data)
        lines += ["", *otherregistries.other_regions_lines(others)]
    echo("\n".join(lines))
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command("list", help=command_help("list"))(list_)
    app.command("show", help=command_help("show"))(show)


def _show_source(foreign: tuple[str, str], as_json: bool, lang: str | None,
                 registry: str | None, statement: str | None = None) -> int:  # fmt: skip
    """`show SOURCE:ID`: another registry's item as last fetched, read-only; with `statement`
    (md or html), its statement through the same escaping templates as a local one."""
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.cli.sources import age
    from sobreg.models.ids import item_type_of
    from sobreg.validation.sources import item

    source, item_id = foreign
    item_type = item_type_of(item_id)
    apply(lang, registry)
    reg, _ = current_registry()
    data, view = item(reg, source, item_id)
    if statement is not None:
        typer.echo(_statement(reg, item_type, data, statement), nl=False)
        return EXIT_OK
    if as_json:
        echo_json(data)
        return EXIT_OK
    shown_from = t("sources.shown_from", label=view.label, age=age(view.fetched_at))
    echo("\n".join(_item_lines(reg, item_type, f"{source}:{item_id}", data, [shown_from])))
    return EXIT_OK


def _item_lines(
    reg: Any, item_type: str, shown_id: str, data: dict[str, Any], notes: list[str]
) -> list[str]:
    """An item as `show` prints it: its name, notes under it, step, status and every field."""
    name = data.get("title") or data.get("name") or shown_id
    lines = [
        f"{shown_id}: {name}",
        *notes,
        f"{t('col.step')}: {_step_label(reg, data.get('step'))}",
        f"{t('col.status')}: {t('status.' + str(data.get('status')))}",
        "",
    ]
    rest = {k: v for k, v in data.items() if k not in ("id", "title", "name", "step", "status")}
    _render_value(rest, 0, item_type, "", lines, reg.process.roles)
    return lines
