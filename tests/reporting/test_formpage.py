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
from conftest import ADMIN, REPO_ROOT, active_program, add_nomination, cli, sobreg

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


# --- by keyboard alone -----------------------------------------------------------------------

_FOCUSED = """
var e = document.activeElement;
return {id: e.id, name: e.name || null, tag: e.tagName,
        in_similar: !!e.closest('#similar'), value: e.value || null};
"""

# The answers, in the form's order, as keys pressed: text typed, or a radio group's choice by
# SPACE (the first) and arrow keys (the ones after it; from "Inget svar", the first is one down).
_BY_KEYBOARD: list[tuple[str, list[str] | str | None]] = [
    ("title", "Internetbaserad KBT vid sömnbesvär för unga"),
    ("kind", ["space", "down"]),  # behandling
    ("request", ["space"]),  # nytt program
    ("nominator.name", "Anna Berg"),
    ("nominator.email", "anna.berg@vgregion.se"),
    ("nominator.unit", "Psykiatri Nordost"),
    ("nominator.role", ["down"]),  # from "Inget svar" to medarbetare
    ("need", "Unga vuxna väntar länge på behandling."),
    ("target_group.description", "Unga vuxna 18–25 år"),
    ("target_group.children", ["space", "down"]),  # nej
    ("usage", "Som första insats."),
    ("anchoring.head_of_unit", ["space"]),  # ja
    (HAS_SOB_CONTACT, ["space", "down"]),  # nej
    ("costs.development_sek", "250 000"),
    ("costs.other_sek", "40000 kr"),
    ("costs.financing", None),  # optional, left empty
    ("patient_involvement", None),
    ("evaluation_plan", None),
]


def _tab_to(browser: Any, name: str) -> list[dict[str, Any]]:
    """TAB until the control named `name` has focus; what focus passed on the way."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    passed: list[dict[str, Any]] = []
    for _ in range(12):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused = browser.execute_script(_FOCUSED)
        if focused["name"] == name:
            return passed
        passed.append(focused)
    raise AssertionError(f"{name} never had focus; passed {passed}")


def test_the_form_by_keyboard_alone(site: Path, browser: Any, repo: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    keys = {"space": Keys.SPACE, "down": Keys.ARROW_DOWN}
    _open(browser, site)
    # Tab order: the skip link, the site's name, the language switch, then the first question.
    passed = _tab_to(browser, "title")
    assert [p["id"] or p["tag"] for p in passed][-1] == "lang-switch"
    # Submitting the empty form: the error summary takes focus; its first link moves focus to
    # the field it names.
    browser.find_element("id", "submit").send_keys(Keys.ENTER)
    assert browser.execute_script(_FOCUSED)["id"] == "error-summary"
    ActionChains(browser).send_keys(Keys.TAB).perform()
    link = browser.execute_script("return document.activeElement.getAttribute('data-path')")
    assert link == "title"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script(_FOCUSED)["id"] == "f-title"
    order = []
    for number, (name, answer) in enumerate(_BY_KEYBOARD):
        if number:
            passed = _tab_to(browser, name)
            # Nothing but the similar programs' links between two questions.
            assert all(p["in_similar"] and p["tag"] == "A" for p in passed), (name, passed)
        order.append(name)
        if isinstance(answer, str):
            ActionChains(browser).send_keys(answer).perform()
        elif answer:
            for key in answer:
                ActionChains(browser).send_keys(keys[key]).perform()
    assert order == [q for q, _ in _BY_KEYBOARD]
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.execute_script(_FOCUSED)["id"] == "submit"
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script(_FOCUSED)["id"] == "result-title"
    assert browser.find_element("id", "error-summary").get_attribute("hidden") is not None
    text = browser.find_element("id", "nomination-yaml").get_attribute("textContent")
    # The file, run the way the SoB administration runs it.
    path = tmp_path / "nominering.yaml"
    path.write_text(text, encoding="utf-8")
    ran = sobreg("nominate", "--from-file", str(path), "--json", cwd=repo,
                 env={"SOBREG_ACTOR": ADMIN})  # fmt: skip
    assert ran.code == 0, ran.stderr
    created = yamlio.load_safe((repo / json.loads(ran.stdout)["path"]).read_text("utf-8"), "x")
    assert created["costs"] == {"development_sek": 250000, "other_sek": 40000}
    assert created["nominator"]["role"] == "employee" and created["kind"] == "behandling"
    assert created["anchoring"] == {"head_of_unit": True, "sob_contact": None}
    assert cli("check", created["id"]).code in (0, 1)


# --- English on a switch -----------------------------------------------------------------------


def test_english_on_a_switch(site: Path, browser: Any) -> None:
    _open(browser, site)
    browser.find_element("id", "lang-switch").click()
    assert browser.execute_script("return document.documentElement.lang") == "en"
    label = browser.find_element("css selector", "#q-title [data-q='title']").text
    assert label == "Program idea"
    browser.find_element("id", "submit").click()
    summary = browser.find_element("id", "error-summary").text
    assert "There is a problem" in summary and "Answer the question: Program idea" in summary
    assert browser.find_element("css selector", "#q-kind [data-choice='stod']").text == "support"
    switch = browser.find_element("id", "lang-switch")
    assert switch.text == "På svenska" and switch.get_attribute("lang") == "sv"
    switch.click()
    assert browser.execute_script("return document.documentElement.lang") == "sv"
    assert "Svara på frågan: Programidé" in browser.find_element("id", "error-summary").text


# --- similar programs, as the terminal form finds them --------------------------------------


def test_similar_programs_and_open_nominations_as_search_finds_them(
    site: Path, browser: Any, repo: Path
) -> None:
    from sobreg.reporting.search import similar
    from sobreg.store.registry import Registry
    from sobreg.validation.summaries import search_records

    registry = Registry(repo / "registry")
    # What the page holds of each item: its id and name, not a nomination's need (public page).
    entries: list[Any] = [
        (None, kind, {**data, "_words": {k: v for k, v in data["_words"].items()
                                         if k in ("id", "title")}})
        for kind, data in search_records(registry)
    ]  # fmt: skip
    _open(browser, site)
    title = browser.find_element("id", "f-title")
    met = 0
    for query in [
        "Sömnproblem",
        "Sömnproblem hos unga vuxna",
        "Ångest",
        "Ångestbesvär",
        "Oro hos tonåringar",
        "Stöd vid oro",
        "Tinnitus",
        "Sömnhjälpen för unga",
    ]:
        title.clear()
        title.send_keys(query)
        found = browser.execute_script(
            "return new Promise(function (done) { setTimeout(function () { done(Array.from("
            "document.querySelectorAll('#similar-list li')).map(function (li) {"
            " return li.getAttribute('data-id'); })); }, 400); });"
        )
        by_search = [hit.id for hit in similar(registry, {"title": query}, entries=entries)]
        assert found == by_search, query
        met += bool(found)
    assert met >= 5  # most queries meet something: the lists compared are not all empty


# --- no network, and nothing the Content-Security-Policy refused -----------------------------


def test_the_form_makes_no_network_request(site: Path, tmp_path: Path) -> None:
    from conftest import _browser

    driver: Any = _browser(performance=True)
    browser = next(driver)
    try:
        _open(browser, site)
        kinds = _kinds(site)
        seen = browser.execute_script(_RUN, [_valid(random.Random(1))])
        assert seen[0]["errors"] == [] and seen[0]["yaml"]
        browser.find_element("id", "lang-switch").click()
        browser.find_element("id", "copy").click()
        requests = []
        for entry in browser.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                requests.append(message["params"]["request"]["url"])
        console = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        driver.close()
    log = tmp_path / "requests.log"
    log.write_text("\n".join(requests) + "\n", encoding="utf-8")
    print(f"\nRequests the form made: {len(requests)} ({log})")
    base = site.as_uri()
    assert sorted(requests) == [f"{base}/nominera.{ext}" for ext in ("css", "html", "js")]
    assert console == []  # a refused script or style would be logged here
    assert set(kinds) == {q.path for q in QUESTIONS}


# --- the form's other states read at any width too ------------------------------------------


def test_the_error_summary_and_the_file_read_at_320_and_1280(site: Path, browser: Any) -> None:
    from test_reflow import _BROKEN_WORDS, _SMALLEST_TEXT, _axe_source, _width

    axe = _axe_source()
    valid = _valid(random.Random(4))
    valid["title"] = "Internetbaserad KBT vid sömnbesvär"
    for width in (320, 1280):
        for state in ("errors", "file"):
            _width(browser, site / "nominera.html", width)
            browser.execute_script(_RUN, [{} if state == "errors" else valid])
            shown = "error-summary" if state == "errors" else "result"
            assert browser.find_element("id", shown).is_displayed()
            scroll = browser.execute_script("return document.documentElement.scrollWidth")
            assert scroll <= width, (state, width)
            assert browser.execute_script(_BROKEN_WORDS) == [], (state, width)
            assert browser.execute_script(_SMALLEST_TEXT) >= 12
            browser.execute_script(axe)
            found = browser.execute_async_script(
                "var done = arguments[0]; axe.run().then(function (r) { done(r); });"
            )
            assert [v["id"] for v in found["violations"]] == [], (state, width)


def test_the_page_stems_as_search_does(site: Path, browser: Any) -> None:
    # Every word of sobreg's Swedish messages and the registry (thousands of Swedish words),
    # folded and stemmed by the page's port and by Snowball's stemmer as `search` uses it.
    from sobreg.engine.collation import words

    catalogue = REPO_ROOT / "src" / "sobreg" / "i18n" / "locale" / "sv" / "LC_MESSAGES"
    text = (catalogue / "sobreg.po").read_text("utf-8") + "".join(
        p.read_text("utf-8") for p in (REPO_ROOT / "registry").rglob("*.yaml")
    )
    vocabulary = sorted(set(re.findall(r"\w+", text.casefold())))
    assert len(vocabulary) > 1000
    _open(browser, site)
    by_page = browser.execute_script(
        "return arguments[0].map(function (w) { return window.sobregNominationForm.words(w); });",
        vocabulary,
    )
    differ = [(w, p, words(w)) for w, p in zip(vocabulary, by_page, strict=True) if p != words(w)]
    assert differ == [], differ[:20]


def test_a_valid_form_offers_its_file_to_download_and_to_send(site: Path, browser: Any) -> None:
    from urllib.parse import parse_qs, unquote, urlsplit

    _open(browser, site)
    seen = browser.execute_script(_RUN, [_valid(random.Random(2))])
    yaml_text = seen[0]["yaml"]
    download = browser.find_element("id", "download")
    assert download.get_attribute("download") == "nominering.yaml"
    href = download.get_attribute("href")
    assert href.startswith("data:application/x-yaml;charset=utf-8,")
    assert unquote(href.split(",", 1)[1]) == yaml_text
    mail = urlsplit(browser.find_element("id", "mail").get_attribute("href"))
    assert (mail.scheme, mail.path) == ("mailto", "sob-forvaltningen@vgregion.se")
    query = parse_qs(mail.query)
    assert query["body"] == [yaml_text] and query["subject"][0].startswith("Nominering: ")
