"""Hostile text in what a case reads beside its claims (issue 24 item 6): a hand-edited
``routes observe`` file (kind, rule, node, details), STAC and KML footprints (sensor, provider,
licence, names), ``[[images_taken]]`` notes and ``[[counts]]`` (by_type keys, provider,
qualifier, note). Every corpus payload goes into each field of one case, which is loaded, exported
(GeoJSON against its schema, KML read back with ElementTree, the Markdown ledger) and opened in
Chromium with every popup, the ledger and the legend open: nothing runs, the text reads as
written. Caps and control characters are one line each, before the cost."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

import routes
from routes.analysis.case import case_model
from routes.errors import ValidationError
from routes.load.bundled import bundled_path
from routes.model.fields import bad_character, normalise_text
from routes.model.hiddentext import FSI, PDI, visible
from routes.outputs.export import write_html
from routes.outputs.geojson import to_geojson
from routes.outputs.kml import to_kml
from routes.outputs.ledger import ledger_markdown
from tests.conftest import PageProbe

REPO = Path(__file__).resolve().parents[1]
KML = "{http://www.opengis.net/kml/2.2}"
MMSI = 273000001
SQUARE = [[130.25, 42.20], [130.40, 42.20], [130.40, 42.32], [130.25, 42.32], [130.25, 42.20]]


def _texts(corpus) -> list[str]:
    """The payloads a text field holds (control characters other than tab are refused, apart)."""
    return [p for p in corpus if not bad_character(p)]


def _shown(text: str) -> str:
    """An output's text without the isolation marks and <bdi> tags outputs add around user text
    (routes.model.hiddentext): what is left is compared with the payloads as outputs show them."""
    return re.sub(r"</?bdi>", "", text).replace(FSI, "").replace(PDI, "")


def _as_shown(payloads) -> set[str]:
    """The payloads as every output shows them: read as the case reads text, hidden characters as
    visible escapes (<U+202E>), so that they cannot reorder or hide what is around them."""
    return {visible(p) for p in _read(payloads)}


def _read(payloads) -> set[str]:
    """The payloads as the case reads text: NFC, trimmed (nothing else changes)."""
    return {normalise_text(p) for p in payloads}


def _no_control(text: str) -> bool:
    return not any(ord(c) < 32 or ord(c) == 0x7F for c in text)


def _toml(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _feature(props: dict, geometry: dict | None) -> dict:
    base = {"mmsi": MMSI, "mmsi_other": None, "imo": None, "start": "2023-09-05T00:00:00Z",
            "end": "2023-09-05T06:00:00Z", "node": None, "hours": 6.0, "km": None, "speed_kn": None}  # fmt: skip
    return {"type": "Feature", "properties": {**base, **props}, "geometry": geometry}


def observe_file(path: Path, payloads: list[str]) -> Path:
    """A hand-edited routes-observe/1 file with a payload in each text of each item."""
    point = {"type": "Point", "coordinates": [130.3, 42.25]}
    features = []
    for p in payloads:
        features += [
            _feature({"feature_type": "port_call", "kind": "port_call", "node": p, "rule": p,
                      "details": {"positions": p, "arrived": p, "left": p}}, point),
            _feature({"feature_type": "anomaly", "kind": p, "rule": p, "imo": p[:40],
                      "details": {"position": p}}, point),
            _feature({"feature_type": "identity_change", "kind": "name", "rule": p,
                      "details": {"field": p, "before": p, "after": p, "records": [{"name": p}]}}, point),
        ]  # fmt: skip
    line = {"type": "MultiLineString", "coordinates": [[[130.3, 42.25], [130.4, 42.3]]]}
    features += [
        _feature({"feature_type": "track", "kind": "track", "rule": payloads[0],
                  "details": {"positions": payloads[1], "vertex_times": [[1693872000, 1693875600]]}}, line),
        _feature({"feature_type": "gap", "kind": "dark_period", "rule": payloads[2],
                  "details": {"off": [130.3, 42.25], "on": [130.4, 42.3], "reachable_area": payloads[3]}}, None),
        _feature({"feature_type": "encounter", "kind": "pair", "rule": payloads[4], "details": [payloads[4]]}, point),
    ]  # fmt: skip
    data = {"type": "FeatureCollection", "routes_observe": {"format": "routes-observe/1"}, "features": features}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def stac_item(path: Path, p: str) -> Path:
    props = {"datetime": "2023-09-07T21:14:05Z", "platform": p, "instruments": [p, p],
             "providers": [{"name": p}], "license": p, "title": p}  # fmt: skip
    item = {"type": "Feature", "stac_version": "1.0.0", "id": p, "properties": props,
            "geometry": {"type": "Polygon", "coordinates": [SQUARE]}}  # fmt: skip
    path.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    return path


def kml_placemark(path: Path, payloads: list[str]) -> Path:
    ring = " ".join(f"{x},{y},0" for x, y in SQUARE)
    text = "".join(html.escape(p) for p in payloads)
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<name>{text}</name><Placemark><name>{text}</name><description><![CDATA[{''.join(payloads)}]]>"
        f"</description><TimeStamp><when>2023-09-08</when></TimeStamp><Polygon><outerBoundaryIs><LinearRing>"
        f"<coordinates>{ring}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>",
        encoding="utf-8",
    )
    return path


def hostile_case(folder: Path, payloads: list[str]) -> Path:
    """The 2023 case with the observe file, one image a payload (from a STAC item, a typed table
    and one KML placemark) and counts holding the payloads as type keys and texts."""
    text = (bundled_path("scenarios") / "dprk-russia-2023.toml").read_text(encoding="utf-8")
    data = bundled_path("scenarios").parent
    text = text.replace('"../ports.geojson"', f'"{data / "ports.geojson"}"')
    text = text.replace('"../networks/', f'"{data / "networks"}/')
    text = text.replace("title = ", 'observations = ["observed.geojson"]\ntitle = ', 1)
    text = text.replace('id = "angara"\n', f'id = "angara"\nmmsi = "{MMSI}"\n', 1)  # linked: in the ledger
    observe_file(folder / "observed.geojson", payloads)
    tables = []
    for n, p in enumerate(payloads):
        stac_item(folder / f"stac-{n}.json", p)
        tables.append(f'[[images_taken]]\nid = "stac-{n}"\nfile = "stac-{n}.json"\nnote = {_toml(p)}\n')
        tables.append(
            f'[[images_taken]]\nid = "typed-{n}"\nfootprint = {SQUARE[:4]}\nacquired = "2023-09-07"\n'
            f"sensor = {_toml(p)}\nprovider = {_toml(p)}\nlicence = {_toml(p)}\n"
        )
    kml_placemark(folder / "placemark.kml", payloads)
    tables.append('[[images_taken]]\nid = "kml"\nfile = "placemark.kml"\nsensor = "s"\nprovider = "p"\nlicence = "l"\n')
    # One payload per type name as read (two that clean up to the same name are refused: listed twice).
    distinct = list({" ".join(normalise_text(p).split()): p for p in payloads}.values())
    for n in range(0, len(distinct), 20):
        chunk = distinct[n : n + 20]
        by_type = ", ".join(f"{_toml(p)} = {k + 1}" for k, p in enumerate(chunk))
        p = chunk[0]
        tables.append(
            f'[[counts]]\nid = "count-{n}"\nnode = "tumangang"\ndate = "2023-10-05"\nunit = "railcars"\n'
            f"by_type = {{ {by_type} }}\nprovider = {_toml(p)}\nqualifier = {_toml(p)}\nnote = {_toml(p)}\n"
            f'sources = [{{ publisher = {_toml(p)}, title = "t", date = "2023-10-06" }}]\n'
        )
    path = folder / "case.toml"
    path.write_text(text + "\n" + "\n".join(tables), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, xss_payloads):
    folder = tmp_path_factory.mktemp("hostile-case")
    payloads = _texts(xss_payloads)
    case = routes.load_scenario(hostile_case(folder, payloads))
    return case, case_model(case), payloads


def test_the_case_loads_every_payload_verbatim(hostile):
    case, model, payloads = hostile
    sensors = {i.sensor for i in case.images_taken}
    assert _read(payloads) <= sensors
    stac = [i for i in case.images_taken if i.id.startswith("stac-")]
    assert {i.provider for i in stac} == {i.licence for i in stac} == _read(payloads)
    assert {i.note for i in stac} == _read(payloads)
    keys = {kind for count in case.counts for kind, _ in count.by_type}
    assert keys == {" ".join(p.split()) for p in payloads}  # white space runs read as one space
    assert {i.rule for i in model.observations.items} >= set(payloads)


def test_geojson_export_is_valid_and_carries_the_text(hostile):
    case, model, payloads = hostile
    data = to_geojson(case, routes.build_legs(case), model)
    text = json.dumps(data, ensure_ascii=False)
    jsonschema.validate(json.loads(text), json.loads((REPO / "docs" / "export.schema.json").read_text()))
    observed = [f["properties"] for f in data["features"] if f["properties"].get("observed")]
    assert {o["sensor"] for o in observed if o["feature_type"] == "image_taken"} >= _read(payloads)
    assert {k for o in observed if o["feature_type"] == "count" for k in o["by_type"]} == {
        " ".join(p.split()) for p in payloads
    }


def test_kml_parses_and_the_text_round_trips(hostile):
    case, model, payloads = hostile
    root = ET.fromstring(to_kml(case, routes.build_legs(case), model))
    names = [_shown(m.findtext(f"{KML}name") or "") for m in root.iter(f"{KML}Placemark")]
    notes = [_shown(html.unescape(m.findtext(f"{KML}description") or "")) for m in root.iter(f"{KML}Placemark")]
    assert {f"Image taken: {p}" for p in _as_shown(payloads)} <= set(names)
    assert all(any(visible(p) in n for n in notes) for p in payloads)  # AIS rules and observation captions


def test_the_markdown_ledger_holds_no_active_html_or_link(hostile):
    case, model, payloads = hostile
    observed = ledger_markdown(case, model.observations).split("## Observed (not claims)")[1]
    assert observed.count("identity change of Angara") == len(payloads)  # the AIS rules are listed
    assert "<" not in observed and ">" not in observed.replace("&gt;", "")
    assert "](" not in observed.replace("\\]", "")
    plain = _shown(html.unescape(re.sub(r"\\(.)", r"\1", observed)))  # as a Markdown reader shows it
    assert [p for p in payloads if " ".join(visible(p).split()) not in plain] == []


def test_the_page_runs_no_payload_and_shows_each_verbatim(browser, hostile, tmp_path):
    _, model, payloads = hostile
    path = write_html(routes.render_map(model, offline=True), tmp_path / "hostile.html")
    probe = PageProbe(browser, path)
    page = probe.page
    try:
        page.locator(".routes-time-all input").check()
        for summary in page.locator(".routes-ledger summary").all():
            summary.click()
        shown = []
        count = page.evaluate("() => window.routesMap.layers.observed.getLayers().length")
        assert count > len(payloads)
        for n in range(count):
            shown.append(
                page.evaluate(
                    "(n) => { const l = window.routesMap.layers.observed.getLayers()[n];"
                    " if (!l.getPopup || !l.getPopup()) return '';"
                    " l.openPopup(); const p = document.querySelector('.leaflet-popup-content');"
                    " const t = p ? p.textContent : ''; l.closePopup(); return t; }",
                    n,
                )
            )
        text = page.evaluate("() => document.body.textContent") + "\n".join(shown)
        missing = [p for p in _as_shown(payloads) if p not in _shown(text)]
        assert missing == []
        assert probe.dialogs == [] and page.evaluate("() => window.__pwned === undefined")
        assert probe.errors == [] and probe.blocked == []
    finally:
        probe.close()


# Caps and control characters: one line each, before the cost.


def _problems(path: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        case_model(routes.load_scenario(path))
    return str(caught.value).splitlines()


def _case_with(folder: Path, tables: str, observed: list[dict] | None = None) -> Path:
    text = (bundled_path("scenarios") / "dprk-russia-2023.toml").read_text(encoding="utf-8")
    data = bundled_path("scenarios").parent
    text = text.replace('"../ports.geojson"', f'"{data / "ports.geojson"}"')
    text = text.replace('"../networks/', f'"{data / "networks"}/')
    if observed is not None:
        text = text.replace("title = ", 'observations = ["observed.geojson"]\ntitle = ', 1)
        doc = {"type": "FeatureCollection", "routes_observe": {"format": "routes-observe/1"}, "features": observed}
        (folder / "observed.geojson").write_text(json.dumps(doc), encoding="utf-8")
    path = folder / "case.toml"
    path.write_text(text + "\n" + tables, encoding="utf-8")
    return path


def test_a_49_mb_stac_sensor_is_refused_in_one_line(tmp_path):
    stac_item(tmp_path / "big.json", "S" * 49_000_000)
    lines = _problems(_case_with(tmp_path, '[[images_taken]]\nid = "big"\nfile = "big.json"\n'))
    assert len(lines) == 1 and "over the limit" in lines[0] and len(lines[0]) < 400


def test_overlong_or_control_text_in_a_stac_item_is_one_line_a_field(tmp_path):
    stac_item(tmp_path / "long.json", "S" * 200_000)
    item = json.loads((tmp_path / "long.json").read_text())
    item["properties"].update(
        {"platform": "S1\x1b[2J", "instruments": [], "license": "L" * 20_000, "providers": [{"name": "P\x00"}]}
    )
    (tmp_path / "ctl.json").write_text(json.dumps(item))
    tables = '[[images_taken]]\nid = "long"\nfile = "long.json"\n[[images_taken]]\nid = "ctl"\nfile = "ctl.json"\n'
    lines = _problems(_case_with(tmp_path, tables))
    assert len(lines) == 6 and all(len(line) < 400 and "\x1b" not in line and "\x00" not in line for line in lines)
    assert sum("over the limit" in line for line in lines) == 4 and sum("U+001B" in line for line in lines) == 1


def test_count_type_keys_are_capped_and_checked(tmp_path):
    tables = (
        '[[counts]]\nid = "c"\nnode = "tumangang"\ndate = "2023-10-05"\nunit = "railcars"\n'
        f'by_type = {{ "{"K" * 20_000}" = 1, "tank\\u001b[2J" = 2, "" = 3, " " = 4 }}\n'
        'sources = [{ publisher = "p", title = "t", date = "2023-10-06" }]\n'
    )
    lines = _problems(_case_with(tmp_path, tables))
    assert len(lines) == 4 and all(len(line) < 400 and "\x1b" not in line for line in lines), lines


def test_control_characters_in_an_observe_file_are_one_line_each(tmp_path, xss_payloads):
    point = {"type": "Point", "coordinates": [130.3, 42.25]}
    observed = [
        _feature({"feature_type": "anomaly", "kind": "jump\x1b[2J", "rule": "r", "details": {}}, point),
        _feature({"feature_type": "port_call", "kind": "port_call", "node": "n\x00", "rule": "r\x07"}, point),
    ]
    lines = _problems(_case_with(tmp_path, "", observed))
    assert len(lines) == 3 and all("\x1b" not in line and "\x00" not in line and "\x07" not in line for line in lines)


def test_details_of_the_wrong_shape_are_one_line_each(tmp_path):
    line = {"type": "MultiLineString", "coordinates": [[[130.3, 42.25], [130.4, 42.3]]]}
    point = {"type": "Point", "coordinates": [130.3, 42.25]}
    observed = [
        _feature({"feature_type": "track", "kind": "track", "rule": "r", "details": {"vertex_times": [["x"]]}}, line),
        _feature({"feature_type": "track", "kind": "track", "rule": "r", "details": {"vertex_times": [[10**30]]}}, line),
        _feature({"feature_type": "gap", "kind": "dark_period", "rule": "r", "details": {"off": "ab", "on": [1]}}, point),
        _feature({"feature_type": "gap", "kind": "dark_period", "rule": "r",
                  "details": {"off": [1, 2, 3], "on": {"lon": 1}}}, None),
    ]  # fmt: skip
    lines = _problems(_case_with(tmp_path, "", observed))
    assert len(lines) == 6 and all("details." in line for line in lines)


def test_payloads_as_supports_are_one_short_line_each(tmp_path, xss_payloads):
    ids = ", ".join(_toml(p) for p in xss_payloads)
    tables = (
        f'[[images_taken]]\nid = "i"\npoint = [130.3, 42.25]\nacquired = "2023-09-07"\nsensor = "s"\n'
        f'provider = "p"\nlicence = "l"\nsupports = [{ids}]\n'
        f'[[counts]]\nid = "c"\nnode = "tumangang"\ndate = "2023-10-05"\nunit = "railcars"\ncount = 3\n'
        f'supports = [{ids}]\nsources = [{{ publisher = "p", title = "t", date = "2023-10-06" }}]\n'
    )
    lines = _problems(_case_with(tmp_path, tables))
    assert lines and all(len(line) < 400 and _no_control(line) for line in lines)
    assert any("image taken 'i', field 'supports'" in line for line in lines)
    assert any("count 'c', field 'supports'" in line for line in lines)
