"""`sobreg assess`, `sobreg due` and `sobreg publish`: the national evaluation of programs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from sobreg.cli.common import (
    ActorOpt,
    JsonOpt,
    LangOpt,
    RegistryOpt,
    SkipOpt,
    apply,
    command_help,
    current_registry,
    date_option,
    echo,
    echo_json,
    open_item,
    table,
)
from sobreg.cli.workflow import read_mapping
from sobreg.errors import EXIT_OK, UsageError
from sobreg.i18n import t
from sobreg.store.files import read_text


def _national_cell(found: dict[str, Any] | None) -> str:
    """A due row's national statement in one cell: grade, recommendation, date, newer or not."""
    if found is None:
        return "–"
    if not found["found"] or found["date"] is None:
        return t("national.cell_missing", source=found["source"], id=found["id"])
    text = t("national.cell", grade=found["evidence_grade"],
             recommendation=found["recommendation"], date=found["date"])  # fmt: skip
    return f"{text} {t('national.cell_newer')}" if found["newer"] else text


def assess(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    from_file: Annotated[
        Path, typer.Option("--from-file", metavar=t("metavar.f"), help=t("opt.assessment_file"))
    ],
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.operations.assess import assess as record

    reg, item, who = open_item(item_id, lang, registry, actor, writes=True)
    if item.type != "program":
        raise UsageError("assess.not_program", id=item_id)
    data = read_mapping(from_file)
    text = read_text(from_file)
    done = record(reg, item, data, who, str(from_file), text)
    if as_json:
        echo_json({"id": done.id, "commit": done.commit, "next_review": done.next_review})
    else:
        echo(t("assess.done", id=done.id, commit=done.commit[:10], next=done.next_review))
    return EXIT_OK


def due(
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help=t("opt.on"))] = None,
    as_json: JsonOpt = False,
    skip_invalid: SkipOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.audit.actor import today
    from sobreg.engine.reviews import due as due_on
    from sobreg.reporting.answers import cached_answer

    apply(lang, registry)
    day = date_option(on) or today()
    reg, _ = current_registry(skip_invalid=skip_invalid)
    method = reg.evaluation
    new_version = method.re_review.on_new_version if method else True
    rows, linked = cached_answer(
        reg,
        "due",
        (day.isoformat(), new_version),
        lambda programs: (
            due_on(programs, day, new_version=new_version, inventoried=True),
            {str(d.get("id")): d for _, d in programs if d.get("national")},
        ),
        "program",
    )
    if linked:
        # Lazy: only a registry whose programs name a national assessment reads the sources.
        from sobreg.reporting.national import Statements

        statements = Statements(reg)
        for row in rows:
            if str(row["id"]) in linked:
                row["national"] = statements.of(linked[str(row["id"])])
    if as_json:
        echo_json(rows)
        return EXIT_OK
    if not rows:
        echo(t("due.none", date=day.isoformat()))
        return EXIT_OK
    table(
        [t("col.id"), t("col.title"), t("report.next_review"), t("due.reason")]
        + ([t("col.national")] if linked else []),
        [
            [
                str(r["id"]),
                str(r["name"]),
                r["next_review"].isoformat() if r["next_review"] else "–",
                t(f"due.reason.{r['reason']}"),
            ]
            + ([_national_cell(r.get("national"))] if linked else [])
            for r in rows
        ],
        t("due.title", date=day.isoformat(), count=len(rows)),
    )
    return EXIT_OK


def publish(
    out: Annotated[
        Path, typer.Option("--out", metavar=t("metavar.dir"), help=t("opt.publish_out"))
    ],
    sources: Annotated[
        str | None, typer.Option("--sources", metavar="all", help=t("opt.sources"))
    ] = None,
    skip_invalid: SkipOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.audit.actor import today
    from sobreg.reporting.catalogue import publish as build

    apply(lang, registry)
    if sources is not None and sources != "all":
        raise UsageError("publish.sources_value", value=sources[:40])
    reg, _ = current_registry(skip_invalid=skip_invalid)
    if sources == "all":
        # Lazy: only the national catalogue reads the sources.
        from sobreg.reporting.overview import publish_all

        count, origins = publish_all(reg, out, today())
        echo(t("national.published", count=count, path=str(out), sources=origins))
        return EXIT_OK
    count = build(reg, out, today())
    echo(t("publish.done", count=count, path=str(out)))
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command("assess", help=command_help("assess"))(assess)
    app.command("due", help=command_help("due"))(due)
    app.command("publish", help=command_help("publish"))(publish)
