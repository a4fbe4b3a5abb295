"""Every user-facing message, Swedish first, English second. Keys are grouped by area."""

from __future__ import annotations

from sobreg.i18n.catalogue_evaluation import MESSAGES as _EVALUATION
from sobreg.i18n.catalogue_forms import MESSAGES as _FORMS
from sobreg.i18n.catalogue_help import MESSAGES as _HELP
from sobreg.i18n.catalogue_process import MESSAGES as _PROCESS
from sobreg.i18n.catalogue_reports import MESSAGES as _REPORTS

MESSAGES: dict[str, tuple[str, str]] = {
    # General
    "error.prefix": ("fel", "error"),
    "error.unexpected": (
        "Oväntat fel ({kind}). Detaljer har skrivits till {log}.",
        "Unexpected error ({kind}). Details were written to {log}.",
    ),
    "error.interrupted": ("Avbrutet. Inget har ändrats.", "Interrupted. Nothing was changed."),
    "id.invalid": (
        "'{id}' är inget giltigt id (nominering N-ÅÅÅÅ-NNN eller program med små bokstäver, siffror och bindestreck).",
        "'{id}' is not a valid id (nomination N-YYYY-NNN, or a program of lower-case letters, digits and dashes).",
    ),
    "item.unknown": ("Det finns inget objekt med id {id}.", "There is no item with id {id}."),
    "registry.not_found": (
        "Hittar inget register (registry/process.yaml) i {start} eller ovanför. Ange --registry KATALOG, sätt SOBREG_REGISTRY eller kör 'sobreg init'.",
        "No registry (registry/process.yaml) found in {start} or above. Give --registry DIR, set SOBREG_REGISTRY or run 'sobreg init'.",
    ),
    "registry.not_found_at": (
        "{path} är inget register: process.yaml saknas där.",
        "{path} is not a registry: it holds no process.yaml.",
    ),
    "registry.definition_invalid": (
        "{path} är ogiltig; kör 'sobreg validate {path}' för detaljer.",
        "{path} is invalid; run 'sobreg validate {path}' for details.",
    ),
    "actor.missing": (
        "Vem utför detta? Ange --as E-POST, sätt SOBREG_ACTOR eller git config user.email.",
        "Who is doing this? Give --as EMAIL, set SOBREG_ACTOR or git config user.email.",
    ),
    "actor.invalid": ("'{actor}' är ingen e-postadress.", "'{actor}' is not an e-mail address."),
    "today.invalid": (
        "SOBREG_TODAY='{value}' är inget datum (ÅÅÅÅ-MM-DD).",
        "SOBREG_TODAY='{value}' is not a date (YYYY-MM-DD).",
    ),
    "option.kv_invalid": (
        "'{value}' ska skrivas NYCKEL=VÄRDE.",
        "'{value}' must be written KEY=VALUE.",
    ),
    # YAML reading
    "yaml.too_large": (
        "filen är {size} byte; gränsen är {limit} byte",
        "the file is {size} bytes; the limit is {limit} bytes",
    ),
    "yaml.bom": (
        "filen börjar med ett byte order mark (BOM); spara som UTF-8 utan BOM",
        "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM",
    ),
    "yaml.bad_utf8": (
        "ogiltig UTF-8",
        "invalid UTF-8",
    ),
    "yaml.nul": ("filen innehåller en NUL-byte", "the file contains a NUL byte"),
    "yaml.unreadable": ("kan inte läsas: {reason}", "cannot be read: {reason}"),
    "yaml.alias": (
        "ankare och alias (&, *) är inte tillåtna i registret",
        "anchors and aliases (&, *) are not allowed in the registry",
    ),
    "yaml.bad_value": (
        "ogiltigt värde '{value}' ({reason})",
        "invalid value '{value}' ({reason})",
    ),
    "yaml.duplicate_key": (
        "nyckeln förekommer två gånger",
        "duplicate key",
    ),
    "yaml.tag": (
        "YAML-taggar är inte tillåtna ({detail})",
        "YAML tags are not allowed ({detail})",
    ),
    "yaml.many_documents": (
        "filen får bara innehålla ett YAML-dokument",
        "the file may hold only one YAML document",
    ),
    "yaml.syntax": ("YAML-fel: {detail}", "YAML error: {detail}"),
    "yaml.too_deep": ("värdena är för djupt nästlade", "values are nested too deeply"),
    # Validation
    "validate.not_mapping": (
        "filen ska vara en mappning (nyckel: värde) på översta nivån",
        "the file must be a mapping (key: value) at the top level",
    ),
    "validate.outside": (
        "filen hör inte till registret {root} (nominations/, programs/, process.yaml, evaluation.yaml, roles.yaml)",
        "the file is not part of the registry {root} (nominations/, programs/, process.yaml, evaluation.yaml, roles.yaml)",
    ),
    "validate.id_mismatch": (
        "id '{id}' stämmer inte med filnamnet '{stem}'",
        "id '{id}' does not match the file name '{stem}'",
    ),
    "validate.suffix": ("filen ska sluta på .yaml", "the file name must end in .yaml"),
    "validate.step_unknown": (
        "steget '{step}' finns inte för denna typ (tillåtna: {allowed})",
        "step '{step}' does not exist for this kind of item (allowed: {allowed})",
    ),
    "validate.duplicate_id": (
        "id '{id}' finns redan i {other}",
        "id '{id}' is already used by {other}",
    ),
    "validate.link_missing": (
        "'{target}' finns inte i registret",
        "'{target}' does not exist in the registry",
    ),
    "validate.link_one_way": (
        "'{target}' länkar inte tillbaka hit",
        "'{target}' does not link back here",
    ),
    "validate.summary_ok": ("{count} filer giltiga.", "{count} files valid."),
    "validate.summary_bad": (
        "{errors} fel i {files} filer ({valid} giltiga).",
        "{errors} errors in {files} files ({valid} valid).",
    ),
    # Pydantic error types
    "pyd.missing": ("fältet saknas", "field required"),
    "pyd.extra_forbidden": ("okänt fält", "unknown field"),
    "pyd.enum": ("måste vara ett av: {expected}", "must be one of: {expected}"),
    "pyd.literal_error": ("måste vara ett av: {expected}", "must be one of: {expected}"),
    "pyd.string_type": ("ska vara text", "must be text"),
    "pyd.string_too_short": ("får inte vara tom", "must not be empty"),
    "pyd.string_too_long": (
        "är för lång (högst {max_length} tecken)",
        "is too long (at most {max_length} characters)",
    ),
    "pyd.string_pattern_mismatch": (
        "har fel format (mönster {pattern})",
        "has the wrong format (pattern {pattern})",
    ),
    "pyd.int_type": ("ska vara ett heltal", "must be a whole number"),
    "pyd.int_parsing": ("ska vara ett heltal", "must be a whole number"),
    "pyd.bool_type": ("ska vara true eller false", "must be true or false"),
    "pyd.bool_parsing": ("ska vara true eller false", "must be true or false"),
    "pyd.dict_type": ("ska vara en mappning (nyckel: värde)", "must be a mapping (key: value)"),
    "pyd.model_type": ("ska vara en mappning (nyckel: värde)", "must be a mapping (key: value)"),
    "pyd.model_attributes_type": (
        "ska vara en mappning (nyckel: värde)",
        "must be a mapping (key: value)",
    ),
    "pyd.list_type": ("ska vara en lista", "must be a list"),
    "pyd.too_short": ("ska ha minst {min_length} element", "must have at least {min_length} items"),
    "pyd.too_long": ("får ha högst {max_length} element", "may have at most {max_length} items"),
    "pyd.greater_than_equal": ("ska vara minst {ge}", "must be at least {ge}"),
    "pyd.less_than_equal": ("får vara högst {le}", "must be at most {le}"),
    "pyd.date_type": ("ska vara ett datum (ÅÅÅÅ-MM-DD)", "must be a date (YYYY-MM-DD)"),
    "pyd.value_error": ("ogiltigt värde: {error}", "invalid value: {error}"),
    "pyd.sobreg_date": (
        "ska vara ett datum skrivet ÅÅÅÅ-MM-DD",
        "must be a date written YYYY-MM-DD",
    ),
    "validate.progress": ("Läser registret", "Reading the registry"),
    "pyd.sobreg_control": (
        "otillåtet styrtecken U+{code} vid tecken {at}",
        "control character U+{code} not allowed, at character {at}",
    ),
    "pyd.sobreg_datetime": (
        "ska vara ett datum utan klockslag",
        "must be a date without a time of day",
    ),
    # Program model rules
    "pyd.rule_inventoried_step": (
        "ett inventerat program har step: null",
        "an inventoried program has step: null",
    ),
    "pyd.rule_needs_step": (
        "ett program i processen behöver ett steg",
        "a program in the process needs a step",
    ),
    "pyd.rule_replaced_by_self": (
        "ett program kan inte ersättas av sig självt",
        "a program cannot be replaced by itself",
    ),
    "pyd.rule_reviewer_in_group": (
        "en oberoende granskare får inte vara med i projektgruppen",
        "an independent reviewer must not be a member of the project group",
    ),
}

MESSAGES |= _PROCESS | _HELP | _FORMS | _REPORTS | _EVALUATION
