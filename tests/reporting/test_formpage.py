"""The nomination form `nominera.html` in a real browser: made from the models and process.yaml,
in agreement with `validate` on generated inputs, usable by keyboard alone, in English on a
switch, and without a single network request."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ADMIN, active_program, add_nomination, cli

from sobreg.engine.form import HAS_SOB_CONTACT, QUESTIONS, applying, fields_of
from sobreg.reporting.formpage import WHITE_SPACE
from sobreg.store import yamlio

TRIM = re.compile(f"^[{WHITE_SPACE}]+|[{WHITE_SPACE}]+$")
INT = re.compile(r"[+-]?[0-9]+")


@pytest.fixture
def site(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOBREG_TODAY", "2026-06-01")
    monkeypatch.setenv("SOBREG_ACTOR", ADMIN)
    active_program(repo, name="Sömnhjälpen")
    active_program(repo, "angest-hos-unga", name="Ångest hos unga")
    add_nomination(repo, "N-2026-001", title="Stöd vid oro för tonåringar")
    out = tmp_path / "site"
    assert cli("publish", "--out", str(out)).code == 0
    return out


def _open(browser: Any, site: Path) -> None:
    browser.get((site / "nominera.html").as_uri())
    browser.find_element("id", "nomination-form")


def _kinds(site: Path) -> dict[str, str]:
    text = (site / "nominera.html").read_text(encoding="utf-8")
    block = text.split('<script type="application/json" id="form-data">', 1)[1]
    data = json.loads(block.split("</script>", 1)[0])
    return {q["path"]: q["kind"] for q in data["questions"]}


# --- made from the models, and nothing else --------------------------------------------------


def test_every_question_is_a_control_named_by_its_path(site: Path, browser: Any) -> None:
    _open(browser, site)
    names = browser.execute_script(
        "return Array.from(new Set(Array.from(document.querySelectorAll("
        "'#nomination-form [name]')).map(function (e) { return e.name; })));"
    )
    assert names == [q.path for q in QUESTIONS]
    files = sorted(p.name for p in site.iterdir() if p.name.startswith("nominera"))
    assert files == ["nominera.css", "nominera.html", "nominera.js"]
    script = (site / "nominera.js").read_text(encoding="utf-8")
    # Nothing the Content-Security-Policy would refuse, nor markup made from strings.
    assert not re.search(r"(?<![\w.])eval\(|new Function\(|innerHTML|setTimeout\(['\"]", script)
    page = (site / "nominera.html").read_text(encoding="utf-8")
    assert "<style" not in page and 'style="' not in page and "<script>" not in page


def test_a_region_that_changes_step_a_changes_the_form(site: Path, repo: Path) -> None:
    process = repo / "registry" / "process.yaml"
    text = process.read_text(encoding="utf-8")
    assert "      - usage\n" in text
    process.write_text(text.replace("      - usage\n", "", 1), encoding="utf-8")
    out = repo.parent / "site-2"
    assert cli("publish", "--out", str(out)).code == 0
    before = (site / "nominera.html").read_text(encoding="utf-8")
    after = (out / "nominera.html").read_text(encoding="utf-8")
    usage = re.compile(r'<div class="question" id="q-usage".*?</div>', re.S)
    shown_before, shown_after = usage.search(before), usage.search(after)
    assert shown_before is not None and shown_after is not None
    assert "(valfritt)" not in shown_before.group(0)
    assert "(valfritt)" in shown_after.group(0)


# --- the form and `validate` agree -----------------------------------------------------------

_RUN = """
var inputs = arguments[0], form = document.getElementById('nomination-form'), out = [];
inputs.forEach(function (input) {
  form.reset();
  var changed = [];
  Object.keys(input).forEach(function (name) {
    var els = form.querySelectorAll('[name="' + name + '"]'), value = input[name];
    if (els[0].type !== 'radio') { els[0].value = value; return; }
    var hit = Array.prototype.filter.call(els, function (e) { return e.value === value; })[0];
    if (!hit) {  // a value the page does not offer: a tampered or outdated page
      hit = els[0]; changed.push([hit, hit.value]); hit.value = value;
    }
    hit.checked = true;
  });
  form.dispatchEvent(new Event('change'));
  document.getElementById('submit').click();
  var named = function (sel) {
    return Array.from(new Set(Array.prototype.map.call(form.querySelectorAll(sel),
      function (e) { return e.name; })));
  };
  out.push({
    errors: Array.prototype.map.call(document.querySelectorAll('#error-summary a'),
      function (a) { return a.getAttribute('data-path'); }),
    invalid: named('[aria-invalid="true"]'),
    warnings: Array.prototype.filter.call(form.querySelectorAll('.warning-message'),
      function (e) { return !e.hidden; }).map(function (e) {
        return e.closest('.question').getAttribute('data-path'); }),
    summary_shown: !document.getElementById('error-summary').hidden,
    yaml: document.getElementById('nomination-yaml').textContent
  });
  changed.forEach(function (c) { c[0].value = c[1]; });
});
return out;
"""

_TEXTS = {
    "title": ["Internetbaserad KBT vid sömnbesvär", "Stöd vid oro", "x" * 500, "x" * 501,
              "Titel\x01med styrtecken", "Titel\x85", "\u00a0Titel med mellanslag\u2003",
              "   ", "Rad ett\nrad två", "Tab\tok", "DEL\x7f", "emoji 😀" * 60, "😀" * 501],
    "short": ["Anna Berg", "Psykiatri Nordost", "x" * 500, "x" * 501, "Namn\x0b", "  ", "Å Ö"],
    "email": ["anna.berg@vgregion.se", "a+b@x.io", "anna", "anna@", "a b@c.se", "a@b",
              "<a@b.se>", "a@b.se\x85", "a@b.se\ufeff", "x@" + "y" * 250 + ".se", "  a@b.se  ",
              "a\x01@b.se", "a@b.c.d"],
    "int": ["250000", "250 000 kr", "+5", "007", "-1", "0", "1000000000000", "1000000000001",
            "abc", "12,5", "1e3", "12.0", "1_000", "0x10", "99999999999999999999", "kr", " 12 "],
    "textarea": ["Unga vuxna väntar länge.", "Rad\nrad", "z" * 20000, "z" * 20001, "\x02",
                 " ", "Tecken\u2028radbrytning"],
}  # fmt: skip


def _valid(rng: random.Random) -> dict[str, str]:
    request = rng.choice(["new", "purchase"])
    children = rng.choice(["true", "false"])
    role = rng.choice(["employee", "contracted_provider", "research_group", "council", ""])
    contact = rng.choice(["true", "false"])
    found = {
        "title": rng.choice(_TEXTS["title"][:3]), "kind": rng.choice(["stod", "behandling"]),
        "request": request, "nominator.name": "Anna Berg",
        "nominator.email": "anna.berg@vgregion.se", "nominator.unit": "Psykiatri Nordost",
        "nominator.role": role, "need": "Lång väntan.", "target_group.description": "Unga vuxna",
        "target_group.children": children, "usage": "Första insats.",
        HAS_SOB_CONTACT: contact, "costs.other_sek": "40000",
    }  # fmt: skip
    if request == "purchase":
        found["existing_program.name"] = "Sömnprogrammet"
        found["existing_program.supplier"] = rng.choice(["", "Leverantören AB"])
    else:
        found["costs.development_sek"] = "250000"
    if children == "true":
        found["target_group.child_safety_considered"] = rng.choice(["true", "false"])
    if role in ("employee", "contracted_provider", ""):
        found["anchoring.head_of_unit"] = "true"
    if contact == "true":
        found["anchoring.sob_contact.name"] = "Sara Lund"
        found["anchoring.sob_contact.email"] = "sara.lund@vgregion.se"
    return found


def _mutate(rng: random.Random, found: dict[str, str], kinds: dict[str, str]) -> None:
    path = rng.choice([q.path for q in QUESTIONS if q.path != HAS_SOB_CONTACT])
    kind = kinds[path]
    what = rng.random()
    if what < 0.25:
        found[path] = ""  # left unanswered
    elif kind in ("choice", "bool"):
        found[path] = rng.choice(["bogus", "ja", "", "true", "false", "new", "purchase",
                                  "employee", "stod"])  # fmt: skip
    elif kind == "email":
        found[path] = rng.choice(_TEXTS["email"])
    elif kind == "int":
        found[path] = rng.choice(_TEXTS["int"])
    elif kind == "textarea":
        found[path] = rng.choice(_TEXTS["textarea"])
    elif path == "title":
        found[path] = rng.choice(_TEXTS["title"])
    else:
        found[path] = rng.choice(_TEXTS["short"])


def _generated(kinds: dict[str, str], count: int) -> list[dict[str, str]]:
    rng = random.Random(35)
    inputs = []
    for number in range(count):
        found = _valid(rng)
        for _ in range(0 if number % 5 == 0 else rng.randint(1, 3)):
            _mutate(rng, found, kinds)
        inputs.append(found)
    return inputs


def _as_file(input: dict[str, str], kinds: dict[str, str]) -> dict[str, Any]:
    """What the person typed, as a form file: text trimmed, numbers as numbers where they are
    whole numbers, yes/no as booleans; answers to questions not asked left out. The verdict is
    `validate`'s alone."""
    answers: dict[str, Any] = {}
    for path, raw in input.items():
        kind = kinds[path]
        text = TRIM.sub("", raw) if kind not in ("choice", "bool") else raw
        if text == "":
            continue
        if kind == "int":
            digits = TRIM.sub("", text.replace(" ", "").replace("\u00a0", "").removesuffix("kr"))
            answers[path] = int(digits) if INT.fullmatch(digits) else text
        elif kind == "bool":
            answers[path] = {"true": True, "false": False}.get(text, text)
        else:
            answers[path] = text
    return fields_of(applying(answers))


def _json(data: dict[str, Any]) -> str:
    """JSON as YAML reads it: characters beyond U+FFFF as they are (YAML's \\u escapes are one
    UTF-16 unit each, so a pair would read as two lone surrogates), control characters escaped
    (raw, the reader refuses the file before the model sees the field), as the form writes."""
    text = json.dumps(data, ensure_ascii=False)
    return re.sub("[\x7f-\x9f\u2028\u2029\ufeff]", lambda m: f"\\u{ord(m[0]):04x}", text)


def test_the_form_and_validate_agree_on_generated_inputs(
    site: Path, browser: Any, tmp_path: Path
) -> None:
    kinds = _kinds(site)
    inputs = _generated(kinds, 600)
    _open(browser, site)
    seen = []
    for start in range(0, len(inputs), 100):
        seen += browser.execute_script(_RUN, inputs[start : start + 100])
    folder = tmp_path / "inputs"
    folder.mkdir()
    files = []
    for number, input in enumerate(inputs):
        path = folder / f"nominering-{number:03}.yaml"
        path.write_text(_json(_as_file(input, kinds)), encoding="utf-8")
        files.append(path)
    ran = cli("validate", *map(str, files), "--format", "json")
    verdict = json.loads(ran.stdout)
    errors: dict[str, set[str]] = {p.name: set() for p in files}
    warnings: dict[str, set[str]] = {p.name: set() for p in files}
    for issue in verdict["errors"]:
        errors[Path(issue["path"]).name].add(issue["field"])
    for issue in verdict["warnings"]:
        warnings[Path(issue["path"]).name].add(issue["field"])
    agreed, valid = 0, 0
    for number, (path, form) in enumerate(zip(files, seen, strict=True)):
        by_form = set(form["errors"])
        assert by_form == errors[path.name], (number, inputs[number], form, errors[path.name])
        assert set(form["invalid"]) == by_form, number
        assert set(form["warnings"]) == warnings[path.name], (number, inputs[number])
        assert form["summary_shown"] == bool(by_form)
        if not by_form:
            valid += 1
            # The file the form gives is the same nomination, and `validate` takes it.
            given = yamlio.load_safe(form["yaml"], "form")
            assert given == yamlio.load_safe(path.read_text("utf-8"), "reference"), number
        agreed += 1
    print(f"\n{len(inputs)} inputs, {agreed} agreements, {valid} valid, "
          f"{len(inputs) - valid} refused")  # fmt: skip
    assert agreed == len(inputs) >= 500
    assert 100 <= valid <= len(inputs) - 300  # both verdicts well represented


def test_the_files_the_form_gives_are_taken_by_nominate(
    site: Path, browser: Any, repo: Path, tmp_path: Path
) -> None:
    kinds = _kinds(site)
    rng = random.Random(7)
    inputs = [_valid(rng) for _ in range(12)]
    _open(browser, site)
    seen = browser.execute_script(_RUN, inputs)
    for number, form in enumerate(seen):
        assert form["errors"] == [], (number, form)
        path = tmp_path / f"form-{number}.yaml"
        path.write_text(form["yaml"], encoding="utf-8")
        ran = cli("nominate", "--from-file", str(path), "--json")
        assert ran.code == 0, ran.stderr
        created = yamlio.load_safe((repo / "registry" / json.loads(ran.stdout)["path"].split(
            "registry/", 1)[-1]).read_text("utf-8"), "x")  # fmt: skip
        assert created["title"] == TRIM.sub("", inputs[number]["title"])
    assert kinds["need"] == "textarea"
