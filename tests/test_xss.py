"""Hostile text (tests/data/hostile-strings.txt, plus ../shared/corpora/xss-payloads.txt when
present) in every text field, in a real browser."""

import json
import tomllib

import pytest

import routes
from routes.outputs.export import write_html
from tests.conftest import PageProbe

SCENARIO_TEXT = {
    "": ("title", "summary", "credit"),
    "routes": ("name", "note"),
    "routes.legs": ("note",),
    "vessels": ("name", "flag", "type", "operator", "sanctions", "note"),
    "claims": ("claimant", "period_text", "quantity_text", "evidence", "quote", "summary", "note"),
    "events": ("title", "description"),
    "sources": ("publisher", "title", "note"),
}
NODE_TEXT = ("name", "coord_source", "note")


def toml_value(value):
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def dump_toml(data):
    """A small TOML writer for scenario files: top-level keys, then arrays of tables."""
    lines = [
        f"{k} = {toml_value(v)}" for k, v in data.items() if not (isinstance(v, list) and v and isinstance(v[0], dict))
    ]
    for key, tables in data.items():
        if isinstance(tables, list) and tables and isinstance(tables[0], dict):
            for table in tables:
                lines.append(f"[[{key}]]")
                nested = {k: v for k, v in table.items() if k == "legs"}
                lines += [f"{k} = {toml_value(v)}" for k, v in table.items() if k != "legs"]
                for leg in nested.get("legs", []):
                    lines.append(f"[[{key}.legs]]")
                    lines += [f"{k} = {toml_value(v)}" for k, v in leg.items()]
    return "\n".join(lines) + "\n"


class Hostile:
    """Hands out corpus strings, made unique so that node names stay distinct.

    With ``whole``, every string handed out is the whole corpus, one payload a line.
    """

    def __init__(self, corpus, offset, whole=False):
        self.corpus, self.index, self.whole = corpus, offset, whole

    def __call__(self):
        text = "\n".join(self.corpus) if self.whole else self.corpus[self.index % len(self.corpus)]
        self.index += 1
        return f"{text} #{self.index}"


def poison(case_dir, corpus, offset, whole=False, scenario="dprk-russia-2023"):
    take = Hostile(corpus, offset, whole)
    path = case_dir / "scenarios" / f"{scenario}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for field in SCENARIO_TEXT[""]:
        data[field] = take()
    for route in data["routes"]:
        for field in SCENARIO_TEXT["routes"]:
            route[field] = take()
        for leg in route["legs"]:
            leg["note"] = take()
    for kind in ("vessels", "claims", "events"):
        for record in data[kind]:
            for field in SCENARIO_TEXT[kind]:
                record[field] = take()
            for source in record.get("sources", []):
                for field in SCENARIO_TEXT["sources"]:
                    source[field] = take()
    path.write_text(dump_toml(data), encoding="utf-8")
    nodes_path = case_dir / "ports.geojson"
    nodes = json.loads(nodes_path.read_text(encoding="utf-8"))
    for feature in nodes["features"]:
        props = feature["properties"]
        for field in NODE_TEXT:
            props[field] = take()
        props["aliases"] = [take(), take()]
        props["local_names"] = {"ru": take(), "ko": take()}
    nodes_path.write_text(json.dumps(nodes, ensure_ascii=False), encoding="utf-8")
    return path


OPEN_EVERYTHING = """async () => {
    const rm = window.routesMap;
    const layers = [];
    rm.map.eachLayer(l => { if (l.getPopup && l.getPopup()) layers.push(l); });
    for (const l of layers) {
        if (l.getLatLng) { rm.map.setView(l.getLatLng(), 6, {animate: false}); }
        l.openPopup(); await new Promise(r => setTimeout(r, 5)); l.closePopup();
        if (l.getTooltip && l.getTooltip()) { l.openTooltip(); l.closeTooltip(); }
    }
    document.querySelectorAll("details").forEach(d => d.open = true);
    return layers.length;
}"""


@pytest.mark.browser
@pytest.mark.parametrize(
    "offset, offline, whole",
    [(0, False, False), (17, True, False), (31, True, False), (0, False, True), (0, True, True)],
    ids=[
        "one-each-online",
        "one-each-offline",
        "one-each-offline-shifted",
        "whole-corpus-everywhere-online",
        "whole-corpus-everywhere-offline",
    ],
)
def test_corpus_executes_nowhere(browser, case_dir, tmp_path, xss_payloads, offset, offline, whole):
    scenario = poison(case_dir, xss_payloads, offset, whole)
    case = routes.load_scenario(scenario)  # the hostile text is valid text: it must load
    banner = xss_payloads[offset % len(xss_payloads)]
    out = write_html(routes.render_map(case, tiles=None, offline=offline, banner=banner), tmp_path / "hostile.html")
    html = out.read_text(encoding="utf-8")
    # In the file the hostile text exists only inside the JSON document, with every < escaped.
    lowered = html.lower()
    assert "<img src=x" not in lowered and "<svg onload" not in lowered and "<script>window" not in lowered

    probe = PageProbe(browser, out)
    page = probe.page
    try:
        opened = page.evaluate(OPEN_EVERYTHING)
        assert opened >= 10
        # Click every control and every link: summaries, layer toggles, source links.
        for summary in page.locator("summary").all():
            summary.click()  # closes the panels opened above ...
            summary.click()  # ... and opens them again by a real click
        page.locator(".leaflet-control-layers").hover()
        for box in page.locator(".leaflet-control-layers-selector").all():
            box.click()
            box.click()
        hrefs = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
        for link in page.locator(".routes-sources a").all():
            link.click(modifiers=["Control"])
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None
        assert probe.dialogs == []
        assert page.locator("path.routes-leg").count() == len(case.legs_specs)
        assert [e for e in probe.errors if "pageerror" in e] == []
    finally:
        probe.close()


@pytest.mark.browser
def test_corpus_in_the_2023_2025_case(browser, case_dir, tmp_path, xss_payloads):
    scenario = poison(case_dir, xss_payloads, 5, scenario="dprk-russia-2023-2025")
    case = routes.load_scenario(scenario)
    out = write_html(routes.render_map(case, offline=True), tmp_path / "hostile.html")
    probe = PageProbe(browser, out)
    page = probe.page
    try:
        assert page.evaluate(OPEN_EVERYTHING) >= 30
        page.locator(".routes-ledger summary").click()
        page.evaluate("() => window.routesMap.time.setDate('2024-01-15')")
        for link in page.locator(".routes-sources a").all():
            link.click(modifiers=["Control"])
        assert page.evaluate("window.__pwned") is None
        assert probe.dialogs == []
        assert [e for e in probe.errors if "pageerror" in e] == []
    finally:
        probe.close()


def test_every_corpus_line_is_used(xss_payloads):
    assert len(xss_payloads) >= 40
    assert any("\t" in line for line in xss_payloads)


def test_the_projects_own_corpus_needs_nothing_beside_the_checkout(monkeypatch):
    """A fresh clone without ../shared/ still runs every security test on its own corpus."""
    from tests import conftest

    monkeypatch.setattr(conftest, "SHARED", conftest.TEST_DATA / "no-such-folder")
    own = conftest.xss_payloads.__wrapped__()
    assert len(own) >= 40 and any("\t" in line for line in own)
    assert any("{{" in line for line in own) and any("javascript:" in line for line in own)
