"""Catalogue part: national assessments, statements, `due` and the published catalogue."""

from __future__ import annotations

from sobreg.i18n.catalogue_help import _help

MESSAGES: dict[str, tuple[str, str]] = {
    # assess
    "assess.invalid": (
        "{path} är ingen giltig värdering enligt metoden; inget har skrivits:",
        "{path} is not a valid assessment by the method; nothing was written:",
    ),
    "assess.not_on_scale": (
        "'{value}' finns inte på skalan ({allowed})",
        "'{value}' is not on the scale ({allowed})",
    ),
    "assess.method_version": ("metodens version är {version}", "the method's version is {version}"),
    "assess.template": (
        "okänd mall; metodens mallar: {allowed}",
        "unknown template; the method's templates: {allowed}",
    ),
    "assess.template_kind": (
        "mallen gäller inte program av typen {kind}",
        "the template does not apply to programs of kind {kind}",
    ),
    "assess.score_missing": (
        "bedömning saknas för {criterion} ({name})",
        "no score for {criterion} ({name})",
    ),
    "assess.score_unknown": (
        "{criterion} är inget kriterium i mallen",
        "{criterion} is not a criterion of the template",
    ),
    "assess.part_missing": (
        "delen {part} ({name}) saknas eller saknar datum",
        "the part {part} ({name}) is missing or has no date",
    ),
    "assess.part_unknown": ("{part} är ingen del av metoden", "{part} is not a part of the method"),
    "assess.too_few": (
        "metoden kräver minst {required} olika bedömare; {count} angivna",
        "the method requires at least {required} different assessors; {count} given",
    ),
    "assess.in_project_group": (
        "{name} är med i programmets projektgrupp och är inte oberoende",
        "{name} is in the program's project group and not independent",
    ),
    "assess.is_content_reviewer": (
        "{name} granskade programmets innehåll och är inte oberoende",
        "{name} reviewed the program's content and is not independent",
    ),
    "assess.computed": (
        "räknas ut av sobreg enligt metodens regel för omgranskning; ta bort fältet",
        "computed by sobreg from the method's re-review rule; remove the field",
    ),
    "assess.no_method": (
        "Registret saknar evaluation.yaml (den nationella värderingsmetoden).",
        "The registry has no evaluation.yaml (the national evaluation method).",
    ),
    "assess.not_program": (
        "{id} är inget program; värderingar görs av program.",
        "{id} is not a program; assessments are of programs.",
    ),
    "assess.done": (
        "Värdering registrerad för {id} (commit {commit}). Nästa granskning: {next}.",
        "Assessment recorded for {id} (commit {commit}). Next review: {next}.",
    ),
    "commit.assess": (
        "{id}: nationell värdering {date} ({recommendation})",
        "{id}: national assessment {date} ({recommendation})",
    ),
    # due
    "due.none": (
        "Inga program behöver granskas {date}.",
        "No program is due for review on {date}.",
    ),
    "due.title": (
        "Program att granska {date} ({count})",
        "Programs due for review on {date} ({count})",
    ),
    "due.reason": ("Skäl", "Reason"),
    "due.reason.never_assessed": ("aldrig värderat", "never assessed"),
    "due.reason.interval": ("tid för omgranskning", "time for re-review"),
    "due.reason.new_version": ("betydande ny version", "significant new version"),
    "date.invalid": (
        "'{value}' är inget datum (ÅÅÅÅ-MM-DD).",
        "'{value}' is not a date (YYYY-MM-DD).",
    ),
    # statements
    "statement.title": ("Utlåtande: {name}", "Statement: {name}"),
    "statement.facts": ("Om programmet", "About the program"),
    "statement.inactive": ("Avpublicerat {date}.", "Deactivated {date}."),
    "statement.replaced_by": ("Ersatt av", "Replaced by"),
    "statement.origin": ("Ursprung", "Origin"),
    "statement.languages": ("Språk", "Languages"),
    "statement.version": ("Senaste betydande version", "Latest significant version"),
    "statement.heading": ("Nationell värdering {date}", "National assessment {date}"),
    "statement.evidence_grade": ("Samlad evidensgrad", "Overall evidence grade"),
    "statement.recommendation": ("Rekommendation", "Recommendation"),
    "statement.assessed": ("Senast värderat", "Last assessed"),
    "statement.method": ("Metod", "Method"),
    "statement.method_version": ("version {version}", "version {version}"),
    "statement.version_assessed": ("Värderad version", "Version assessed"),
    "statement.text": ("Utlåtande", "Statement"),
    "statement.criteria": ("Bedömning per kriterium", "Assessment per criterion"),
    "statement.criterion": ("Kriterium", "Criterion"),
    "statement.score": ("Bedömning", "Score"),
    "statement.note": ("Kommentar", "Note"),
    "statement.parts": ("Värderingens delar", "Parts of the evaluation"),
    "statement.assessors": ("Bedömare (roll)", "Assessors (role)"),
    "statement.assessor": ("bedömare", "assessor"),
    "statement.re_review": (
        "Programmet granskas om efter {months} månader, eller tidigare vid:",
        "The program is reviewed again after {months} months, or earlier on:",
    ),
    "statement.none_heading": ("Nationell värdering", "National assessment"),
    "statement.not_assessed": (
        "Programmet har inte värderats nationellt ännu.",
        "The program has not been assessed nationally yet.",
    ),
    "statement.none": (
        "{id} har ingen värdering att visa som utlåtande.",
        "{id} has no assessment to show as a statement.",
    ),
    "statement.format": (
        "Okänt format '{format}'; välj md eller html.",
        "Unknown format '{format}'; choose md or html.",
    ),
    "origin.nomination": ("nominering i VGR", "nomination in VGR"),
    "origin.purchase": ("inköp av befintligt program", "purchase of an existing program"),
    "origin.national_inventory": ("nationella inventeringen", "national inventory"),
    "origin.None": ("–", "–"),
    # publish
    "catalogue.title": (
        "Katalog över internetbaserade stöd- och behandlingsprogram",
        "Catalogue of internet-based support and treatment programs",
    ),
    "catalogue.index": ("Alla program", "All programs"),
    "catalogue.intro": (
        "Program i 1177 Stöd och behandling med den nationella kompetensgruppens senaste värdering, när de senast värderades och när de granskas nästa gång.",
        "Programs in 1177 Stöd och behandling with the national competence group's latest assessment, when they were last assessed and when they are reviewed next.",
    ),
    "catalogue.skip": ("Hoppa till innehållet", "Skip to the content"),
    "catalogue.nav": ("Navigering", "Navigation"),
    "catalogue.footer": (
        "Publicerad {date} från registret med sobreg.",
        "Published {date} from the registry with sobreg.",
    ),
    "catalogue.filter": ("Filtrera program", "Filter programs"),
    "catalogue.search": ("Sök på namn", "Search by name"),
    "catalogue.all": ("Alla", "All"),
    "catalogue.count": (
        "Visar {shown} av {total} program.",
        "Showing {shown} of {total} programs.",
    ),
    "catalogue.caption": (
        "Program, värdering och nästa granskning",
        "Programs, assessment and next review",
    ),
    "catalogue.last_assessed": ("Senast värderat", "Last assessed"),
    "catalogue.back": ("Tillbaka till alla program", "Back to all programs"),
    "catalogue.redacted": ("[kontaktuppgift borttagen]", "[contact details removed]"),
    "publish.done": (
        "Katalogen med {count} program skrevs till {path}.",
        "The catalogue of {count} programs was written to {path}.",
    ),
    "publish.not_empty": (
        "{path} finns och är inte en tidigare publicerad katalog; välj en ny eller tom katalog.",
        "{path} exists and is not a catalogue published before; choose a new or empty folder.",
    ),
    "publish.bad_id": (
        "Programmet '{id}' har ett ogiltigt id; kör 'sobreg validate'.",
        "The program '{id}' has an invalid id; run 'sobreg validate'.",
    ),
    "output.is_dir_expected": ("{path} är ingen katalog.", "{path} is not a folder."),
    # help
    "help.assess": _help(
        "Registrera en nationell värdering av ett program enligt metoden i evaluation.yaml: datum, bedömare (minst metodens antal, oberoende av projektgrupp och innehållsgranskare), bedömning per kriterium, evidensgrad, rekommendation och utlåtande. Nästa granskning räknas ut. Gör en commit.",
        "Record a national assessment of a program by the method in evaluation.yaml: date, assessors (at least the method's number, independent of the project group and content reviewer), a score per criterion, evidence grade, recommendation and statement. The next review is computed. Commits.",
        "sobreg assess somnhjalpen --from-file vardering.yaml --json",
    ),
    "help.due": _help(
        "Aktiva program som ska granskas om senast DATUM (standard i dag): nästa granskning har infallit, en betydande ny version finns, eller programmet har aldrig värderats.",
        "Active programs due for review on DATE (default today): their next review has come, a significant new version exists, or they were never assessed.",
        "sobreg due --on 2027-01-01 --json",
    ),
    "help.publish": _help(
        "Skriv en statisk HTML-katalog över programmen med senaste utlåtande, datum för senaste värdering och nästa granskning, filtrering utan server och en sida per program. Inga e-postadresser eller telefonnummer.",
        "Write a static HTML catalogue of the programs with their latest statement, date last assessed and next review, filtering without a server and a page per program. No e-mail addresses or phone numbers.",
        "sobreg publish --out public",
    ),
    "opt.assessment_file": ("Värderingen som YAML eller JSON.", "The assessment as YAML or JSON."),
    "opt.on": (
        "Datum att räkna från (ÅÅÅÅ-MM-DD), standard i dag.",
        "The date to count from (YYYY-MM-DD), default today.",
    ),
    "opt.publish_out": (
        "Katalogen att skriva webbplatsen till.",
        "The folder to write the site to.",
    ),
    "opt.statement": (
        "Visa senaste värderingen som utlåtande.",
        "Show the latest assessment as a statement.",
    ),
    "opt.statement_format": (
        "Utlåtandets format: md eller html.",
        "The statement's format: md or html.",
    ),
}
