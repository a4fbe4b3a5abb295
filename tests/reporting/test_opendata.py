"""Open data beside the catalogue (issue 35, point 4): catalogue.json and catalogue.csv per the
contract, each program's own JSON linked from its page, and dcat.jsonld with the mandatory
properties of DCAT-AP-SE's catalogue, dataset and distribution, in the JSON and as the triples
a JSON-LD processor reads (DCAT-AP-SE publishes no SHACL shapes to validate against)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import active_program, assessment, cli, input_file, write_inventoried

COLUMNS = ["id", "name", "kind", "status", "last_assessed", "next_review", "evidence_grade",
           "recommendation", "version_assessed", "units", "page"]  # fmt: skip


@pytest.fixture
def site(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOBREG_TODAY", "2026-06-01")
    monkeypatch.setenv("SOBREG_ACTOR", "admin@vgregion.se")
    active_program(repo)
    write_inventoried(repo, "tinnitus", "Tinnitus")
    done = cli("assess", "somnhjalpen", "--from-file",
               str(input_file(tmp_path, assessment(program_version="1.2"))))  # fmt: skip
    assert done.code == 0, done.stderr
    assert cli("adopt", "somnhjalpen", "--unit", "Vårdcentralen Lerum").code == 0
    out = tmp_path / "site"
    assert cli("publish", "--out", str(out)).code == 0
    return out


def _graph(site: Path) -> dict[str, dict[str, Any]]:
    document = json.loads((site / "dcat.jsonld").read_text(encoding="utf-8"))
    return {node["@id"]: node for node in document["@graph"]}


def test_the_catalogue_as_json_and_csv(site: Path) -> None:
    records = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == ["somnhjalpen", "tinnitus"]  # Swedish name order
    assert all(list(r) == COLUMNS for r in records)
    sleep = records[0]
    assert sleep["last_assessed"] == "2026-05-31" and sleep["next_review"] == "2029-05-31"
    assert sleep["evidence_grade"] == "moderate" and sleep["recommendation"] == "recommended"
    assert sleep["version_assessed"] == "1.2" and "Vårdcentralen Lerum" in sleep["units"]
    assert sleep["page"] == "programs/somnhjalpen.html" and (site / sleep["page"]).is_file()
    assert records[1]["last_assessed"] is None and records[1]["status"] == "inventoried"
    rows = list(csv.reader(io.StringIO((site / "catalogue.csv").read_text(encoding="utf-8"))))
    assert rows[0] == COLUMNS
    assert rows[1][COLUMNS.index("units")] == "; ".join(sleep["units"])
    assert rows[1][:4] == ["somnhjalpen", "Sömnhjälpen", "behandling", "active"]


def test_each_program_page_links_its_own_json(site: Path) -> None:
    record = json.loads((site / "programs" / "somnhjalpen.json").read_text(encoding="utf-8"))
    assert record == json.loads((site / "catalogue.json").read_text(encoding="utf-8"))[0]
    page = (site / "programs" / "somnhjalpen.html").read_text(encoding="utf-8")
    assert 'href="somnhjalpen.json"' in page


def test_dcat_names_what_dcat_ap_se_requires(site: Path) -> None:
    graph = _graph(site)
    by_type = {node["@type"]: node for node in graph.values() if "@type" in node}
    catalog, dataset = by_type["dcat:Catalog"], by_type["dcat:Dataset"]
    on_catalog = ["dct:title", "dct:description", "dct:publisher", "dct:license", "dcat:dataset"]
    on_dataset = ["dct:title", "dct:description", "dct:publisher", "dcat:contactPoint",
                  "dcat:distribution", "dct:modified"]  # fmt: skip
    for node, required in [(catalog, on_catalog), (dataset, on_dataset)]:
        assert [key for key in required if not node.get(key)] == []
    assert {t["@language"] for t in catalog["dct:title"]} == {"sv", "en"}
    assert dataset["dct:modified"] == {"@type": "xsd:date", "@value": "2026-06-01"}
    publisher = graph[catalog["dct:publisher"]["@id"]]
    assert publisher["@type"] == "foaf:Agent"
    assert {"@language": "sv", "@value": "Västra Götalandsregionen"} in publisher["foaf:name"]
    contact = graph[dataset["dcat:contactPoint"]["@id"]]
    assert contact["vcard:hasEmail"] == {"@id": "mailto:sob-forvaltningen@vgregion.se"}
    files = set()
    for link in dataset["dcat:distribution"]:
        distribution = graph[link["@id"]]
        assert distribution["@type"] == "dcat:Distribution"
        assert [k for k in ("dcat:accessURL", "dct:format", "dcat:mediaType", "dct:license")
                if not distribution.get(k)] == []  # fmt: skip
        files.add(distribution["dcat:accessURL"]["@id"])
    assert files == {"catalogue.json", "catalogue.csv"}
    assert all((site / name).is_file() for name in files)


def test_every_page_names_the_publisher_and_links_the_data_and_the_statement(site: Path) -> None:
    for page in [site / "index.html", *sorted((site / "programs").glob("*.html")),
                 site / "tillganglighet.html"]:  # fmt: skip
        html = page.read_text(encoding="utf-8")
        assert "Västra Götalandsregionen" in html, page.name
        root = "../" if page.parent.name == "programs" else ""
        for target in ("catalogue.json", "catalogue.csv", "dcat.jsonld", "tillganglighet.html"):
            assert f'href="{root}{target}"' in html, (page.name, target)
    statement = (site / "tillganglighet.html").read_text(encoding="utf-8")
    for heading in ("Hur tillgänglig är katalogen?", "Kända brister", "Rapportera brister",
                    "Tillsyn", "Hur vi testat katalogen"):  # fmt: skip
        assert heading in statement
    assert 'href="mailto:sob-forvaltningen@vgregion.se"' in statement


def test_a_republish_keeps_unchanged_records_and_renews_a_changed_one(site: Path) -> None:
    record = site / "programs" / "tinnitus.json"
    before = record.read_text(encoding="utf-8")
    assert cli("adopt", "somnhjalpen", "--unit", "Vårdcentralen Borås").code == 0
    assert cli("publish", "--out", str(site)).code == 0
    assert record.read_text(encoding="utf-8") == before
    changed = json.loads((site / "programs" / "somnhjalpen.json").read_text("utf-8"))
    assert "Vårdcentralen Borås" in changed["units"]
    listed = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    assert listed[0] == changed


def test_stand_alone_pages_link_the_catalogue_where_the_registry_says_it_is(
    site: Path, repo: Path, tmp_path: Path
) -> None:
    # Without the catalogue's address: the report says when and by whom, and where to write.
    report = cli("report", "--year", "2026", "--format", "html").stdout
    footer = report.split("<footer>", 1)[1]
    assert "Skapad 2026-06-01" in footer and "Västra Götalandsregionen" in footer
    assert 'href="mailto:sob-forvaltningen@vgregion.se"' in footer
    assert "catalogue.json" not in footer
    process = repo / "registry" / "process.yaml"
    text = process.read_text(encoding="utf-8")
    where = "  url: https://www.vgregion.se/\n"
    process.write_text(text.replace(where, where + "  catalogue: https://sob.example.se/katalog\n"),
                       encoding="utf-8")  # fmt: skip
    base = "https://sob.example.se/katalog/"
    agenda = tmp_path / "dagordning.html"
    assert cli("agenda", "--council", "Samordningsråd psykiatri", "--format", "html",
               "-o", str(agenda)).code == 0  # fmt: skip
    for html in (cli("report", "--year", "2026", "--format", "html").stdout,
                 agenda.read_text(encoding="utf-8")):  # fmt: skip
        footer = html.split("<footer>", 1)[1]
        for target in ("catalogue.json", "catalogue.csv", "dcat.jsonld", "tillganglighet.html",
                       "nominera.html"):  # fmt: skip
            assert f'href="{base}{target}"' in footer, target
    assert cli("publish", "--out", str(site)).code == 0
    dcat = json.loads((site / "dcat.jsonld").read_text(encoding="utf-8"))
    assert dcat["@context"]["@base"] == base


# rdflib's own JSON-LD parser still builds its deprecated ConjunctiveGraph inside.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_dcat_read_as_rdf_by_a_json_ld_processor(site: Path) -> None:
    # The same properties, as triples a harvester reads (rdflib's JSON-LD processor): a wrong
    # prefix or a mistyped @id would pass a check of the JSON's keys, not this one.
    import rdflib
    from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

    graph = rdflib.Graph().parse(data=(site / "dcat.jsonld").read_text("utf-8"),
                                 format="json-ld", base=site.as_uri() + "/")  # fmt: skip
    vcard = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    (dataset,) = graph.objects(catalog, DCAT.dataset)
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    for node, required in [
        (catalog, [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCTERMS.license]),
        (dataset, [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint,
                   DCAT.distribution, DCTERMS.modified, DCAT.theme]),
    ]:  # fmt: skip
        assert [p for p in required if graph.value(node, p) is None] == [], node
    titles = {getattr(t, "language", None) for t in graph.objects(catalog, DCTERMS.title)}
    assert titles == {"sv", "en"}
    publisher = graph.value(catalog, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert rdflib.Literal("Västra Götalandsregionen", lang="sv") in set(
        graph.objects(publisher, FOAF.name)
    )
    contact = graph.value(dataset, DCAT.contactPoint)
    assert graph.value(contact, vcard.hasEmail) == rdflib.URIRef(
        "mailto:sob-forvaltningen@vgregion.se"
    )
    urls = set()
    for distribution in graph.objects(dataset, DCAT.distribution):
        assert (distribution, RDF.type, DCAT.Distribution) in graph
        assert graph.value(distribution, DCTERMS.format) is not None
        assert graph.value(distribution, DCTERMS.license) is not None
        urls.add(str(graph.value(distribution, DCAT.accessURL)))
    assert urls == {(site / "catalogue.json").as_uri(), (site / "catalogue.csv").as_uri()}
    modified = graph.value(dataset, DCTERMS.modified)
    assert isinstance(modified, rdflib.Literal) and str(modified.toPython()) == "2026-06-01"
