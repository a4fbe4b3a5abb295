"""The catalogue as open data, beside its pages (`publish`): `catalogue.json` and
`catalogue.csv` (one row per program: what was assessed, when, the version assessed, the
evidence grade, the recommendation, the next review, the units using it) and `dcat.jsonld`, a
DCAT-AP-SE description of the dataset that a national data portal harvests (publisher, licence,
distributions, modified date). Each program's own record is `programs/ID.json`, linked from its
page. Everything here comes from the index's rows, redacted as the pages are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from sobreg.i18n import local

# The columns of catalogue.json and catalogue.csv, in order (docs/cli.md).
COLUMNS = (
    "id",
    "name",
    "kind",
    "status",
    "last_assessed",
    "next_review",
    "evidence_grade",
    "recommendation",
    "version_assessed",
    "units",
    "page",
)
# Open data of a Swedish public body: no rights reserved (CC0), as the national data portal
# recommends for registers like this one.
LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/"
_EU = "http://publications.europa.eu/resource/authority"
_MEDIA = "https://www.iana.org/assignments/media-types"


def record(row: dict[str, Any]) -> dict[str, Any]:
    """One program's open-data record, from its index row's fields (`catalogue._row`)."""
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "status": row["status"],
        "last_assessed": _day(row["assessed"]),
        "next_review": _day(row["next_review"]),
        "evidence_grade": row["evidence_grade_value"],
        "recommendation": row["recommendation_value"],
        "version_assessed": row["version_assessed"],
        "units": list(row["units"]),
        "page": f"programs/{row['id']}.html",
    }


def texts(row: dict[str, Any]) -> tuple[str, str]:
    """A row's record as its JSON file holds it and as its line of catalogue.csv: made once,
    when the row is, and kept with it (reporting/indexrows)."""
    found = record(row)
    return as_json(found), as_csv([found]).split("\r\n", 1)[1]


def joined_json(records: list[str]) -> str:
    """catalogue.json from the records' JSON texts, as `as_json` of the list would write it."""
    indented = ["  " + text.rstrip("\n").replace("\n", "\n  ") for text in records]
    return "[\n" + ",\n".join(indented) + "\n]\n" if records else "[]\n"


def joined_csv(lines: list[str]) -> str:
    """catalogue.csv from the records' CSV lines."""
    return "\r\n".join([",".join(COLUMNS), *[line.rstrip("\r\n") for line in lines]]) + "\r\n"


def _day(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def as_json(records: list[dict[str, Any]] | dict[str, Any]) -> str:
    """The records (or one program's record) as the JSON file holds them."""
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def as_csv(records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(COLUMNS)
    for found in records:
        writer.writerow(["; ".join(found[c]) if c == "units" else found[c] for c in COLUMNS])
    return out.getvalue()


def _text(value: dict[str, str] | str) -> list[dict[str, str]]:
    if isinstance(value, str):
        return [{"@language": "sv", "@value": value}]
    return [{"@language": lang, "@value": text} for lang, text in value.items() if text]


def dcat(publisher: Any, texts: dict[str, Any], generated: dt.date) -> str:
    """`dcat.jsonld`: the catalogue, its one dataset and the dataset's two distributions, as
    DCAT-AP-SE describes them (the mandatory properties of each class, and the recommended
    contact point, licence and theme). `texts`: titles and descriptions in sv and en."""
    modified = {"@type": "xsd:date", "@value": generated.isoformat()}
    agent: dict[str, Any] = {"@id": "#publisher", "@type": "foaf:Agent"}
    contact: dict[str, Any] = {"@id": "#contact", "@type": "vcard:Organization"}
    if publisher is not None:
        agent["foaf:name"] = _text(publisher.name.model_dump())
        unit = publisher.unit or publisher.name
        contact["vcard:fn"] = local(unit.model_dump(), "sv")
        if publisher.email:
            contact["vcard:hasEmail"] = {"@id": f"mailto:{publisher.email}"}
            agent["foaf:mbox"] = {"@id": f"mailto:{publisher.email}"}
        if publisher.url:
            agent["foaf:homepage"] = {"@id": publisher.url}
    distributions = [
        _distribution("#json", "catalogue.json", "JSON", f"{_MEDIA}/application/json", texts),
        _distribution("#csv", "catalogue.csv", "CSV", f"{_MEDIA}/text/csv", texts),
    ]
    graph: list[dict[str, Any]] = [
        {
            "@id": "#catalog",
            "@type": "dcat:Catalog",
            "dct:title": _text(texts["catalog_title"]),
            "dct:description": _text(texts["catalog_description"]),
            "dct:publisher": {"@id": "#publisher"},
            "dct:license": {"@id": LICENCE},
            "dct:language": {"@id": f"{_EU}/language/SWE"},
            "dct:modified": modified,
            "foaf:homepage": {"@id": "index.html"},
            "dcat:dataset": {"@id": "#dataset"},
        },
        agent,
        contact,
        {
            "@id": "#dataset",
            "@type": "dcat:Dataset",
            "dct:title": _text(texts["dataset_title"]),
            "dct:description": _text(texts["dataset_description"]),
            "dct:publisher": {"@id": "#publisher"},
            "dcat:contactPoint": {"@id": "#contact"},
            "dct:modified": modified,
            "dcat:theme": {"@id": f"{_EU}/data-theme/HEAL"},
            "dcat:keyword": [{"@language": "sv", "@value": k} for k in texts["keywords"]["sv"]],
            "dcat:landingPage": {"@id": "index.html"},
            "dct:accessRights": {"@id": f"{_EU}/access-right/PUBLIC"},
            "dcat:distribution": [{"@id": d["@id"]} for d in distributions],
        },
        *distributions,
    ]
    document = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            # Where the catalogue is on the web, when the registry says: its links absolute.
            **(
                {"@base": publisher.catalogue.rstrip("/") + "/"}
                if publisher is not None and getattr(publisher, "catalogue", None)
                else {}
            ),
        },
        "@graph": graph,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _distribution(
    identifier: str, file: str, kind: str, media: str, texts: dict[str, Any]
) -> dict[str, Any]:
    return {
        "@id": identifier,
        "@type": "dcat:Distribution",
        "dct:title": _text({k: f"{v} ({kind})" for k, v in texts["dataset_title"].items()}),
        "dcat:accessURL": {"@id": file},
        "dcat:downloadURL": {"@id": file},
        "dct:format": {"@id": f"{_EU}/file-type/{kind}"},
        "dcat:mediaType": {"@id": media},
        "dct:license": {"@id": LICENCE},
    }
