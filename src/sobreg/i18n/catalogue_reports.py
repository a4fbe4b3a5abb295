"""Catalogue part: the annual report, the status dashboard and output files."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "report.title": ("Årlig uppföljning {year}", "Annual follow-up {year}"),
    "report.subtitle": (
        "Internetbaserade stöd- och behandlingsprogram i 1177 Stöd och behandling, Västra Götalandsregionen. Underlag från registret, {date}.",
        "Internet-based support and treatment programs in 1177 Stöd och behandling, Västra Götalandsregionen. From the registry, {date}.",
    ),
    "report.key_figures": ("Nyckeltal", "Key figures"),
    "report.key_figures_caption": ("Nyckeltal för {year}", "Key figures for {year}"),
    "report.measure": ("Mått", "Measure"),
    "report.count": ("Antal", "Count"),
    "report.key.programs_produced": (
        "Producerade program (publicerade under året)",
        "Programs produced (published in the year)",
    ),
    "report.key.programs_produced_by_kind.stod": (
        "– varav stödprogram",
        "– of which support programs",
    ),
    "report.key.programs_produced_by_kind.behandling": (
        "– varav behandlingsprogram",
        "– of which treatment programs",
    ),
    "report.key.nominations_received": ("Inkomna nomineringar", "Nominations received"),
    "report.key.nominations_decided.build": (
        "Beslut: ta fram nytt program",
        "Decisions: build a new program",
    ),
    "report.key.nominations_decided.purchase": (
        "Beslut: köpa in befintligt program",
        "Decisions: purchase an existing program",
    ),
    "report.key.nominations_decided.reject": ("Beslut: avslag", "Decisions: rejected"),
    "report.key.programs_deactivated": ("Avpublicerade program", "Programs deactivated"),
    "report.key.active_programs": (
        "Aktiva program vid årets slut",
        "Active programs at the year's end",
    ),
    "report.key.inventory_overdue": (
        "Nomineringar över målet för inventering (30 dagar)",
        "Nominations over the inventory target (30 days)",
    ),
    "report.produced": ("Producerade program", "Programs produced"),
    "report.published": ("Publicerat", "Published"),
    "report.none": ("Inga under året.", "None in the year."),
    "report.chart_per_year": ("Producerade program per år", "Programs produced per year"),
    "report.chart_per_year_desc": (
        "Stapeldiagram: antal program publicerade varje år under registrets historik.",
        "Bar chart: the number of programs published each year over the registry's history.",
    ),
    "report.decided": ("Nomineringar efter utfall", "Nominations by outcome"),
    "report.outcome": ("Utfall", "Outcome"),
    "report.date": ("Datum", "Date"),
    "report.days": ("Dagar", "Days"),
    "report.decision_days": (
        "Tid från nominering till beslut ({count} beslut): median {median} dagar, längst {longest} dagar.",
        "Time from nomination to decision ({count} decisions): median {median} days, longest {longest} days.",
    ),
    "report.overdue": (
        "Nomineringar som var mer än 30 dagar i inventering (steg b)",
        "Nominations more than 30 days in inventory (step b)",
    ),
    "report.deactivated": ("Avpublicerade program", "Programs deactivated"),
    "report.reason": ("Skäl", "Reason"),
    "report.replaced_by": ("Ersatt av", "Replaced by"),
    "report.active": (
        "Aktiva program vid utgången av {year} ({count})",
        "Active programs at the end of {year} ({count})",
    ),
    "report.reviews_due": ("Program som ska granskas om", "Programs due for review"),
    "report.next_review": ("Nästa granskning", "Next review"),
    "report.by_step": ("Ärenden per steg i dag", "Items per step today"),
    "report.chart_by_step": ("Pågående ärenden per steg", "Items in progress per step"),
    "report.chart_by_step_desc": (
        "Stapeldiagram: öppna nomineringar och program under produktion eller aktiva, per steg a–k.",
        "Bar chart: open nominations and programs in production or active, per step a–k.",
    ),
    "report.footer": (
        "Antalen räknas från datumen i registrets filer (inte från commit-tider), enligt sobregs kommandokontrakt.",
        "Counts are taken from the dates in the registry's files (not commit times), as sobreg's command contract defines them.",
    ),
    "report.written": ("Rapporten skrevs till {path}.", "The report was written to {path}."),
    "report.format": (
        "Okänt format '{format}'; välj ett av {formats}.",
        "Unknown format '{format}'; choose one of {formats}.",
    ),
    "outcome.build": ("ta fram nytt program", "build a new program"),
    "outcome.purchase": ("köpa in befintligt program", "purchase an existing program"),
    "outcome.reject": ("avslag", "rejected"),
    "reason.need_changed": ("ändrat behov", "need changed"),
    "reason.evidence_changed": ("ändrat evidensläge", "evidence changed"),
    "reason.replaced": ("ersatt av annat program", "replaced by another program"),
    "reason.other": ("annat skäl", "other reason"),
    # status
    "dash.by_step": ("Pågående ärenden per steg", "Items in progress per step"),
    "dash.days_in_step": ("Dagar i steget", "Days in the step"),
    "dash.open": ("Öppna nomineringar ({count})", "Open nominations ({count})"),
    "dash.overdue": (
        "Försenade inventeringar (över målet i steg b): {count}",
        "Overdue inventories (over the target at step b): {count}",
    ),
    "dash.reviews_due": (
        "Program som ska granskas om: {count}",
        "Programs due for review: {count}",
    ),
    "dash.never_assessed": ("aldrig värderat", "never assessed"),
    # output files
    "opt.output": (
        "Skriv till FIL i stället för standard ut.",
        "Write to FILE instead of standard output.",
    ),
    "opt.year": ("Året som rapporten gäller.", "The year the report covers."),
    "output.is_dir": ("{path} är en katalog; ange en fil.", "{path} is a folder; give a file."),
    "output.no_folder": (
        "Katalogen för {path} finns inte.",
        "The folder of {path} does not exist.",
    ),
    "output.forbidden": (
        "{path} ligger i eller omfattar {folder}; rapporter och kataloger skrivs utanför registret och .git.",
        "{path} is in or contains {folder}; reports and catalogues are written outside the registry and .git.",
    ),
    "output.failed": ("Kunde inte skriva {path}: {detail}", "Could not write {path}: {detail}"),
}
