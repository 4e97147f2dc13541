"""Run routes on bad and hostile inputs and write the table in docs/bad-inputs.md.

Each case writes a small scenario or node file into a temporary folder, runs
``routes validate`` (or ``routes render``) on it in this Python, and records what the user
sees on stderr and the exit status. ``tests/test_bad_inputs.py`` checks the document is in
step with what routes prints.

    python scripts/bad_inputs.py            # rewrite docs/bad-inputs.md
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

DOC = Path(__file__).resolve().parent.parent / "docs" / "bad-inputs.md"

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.conftest import MINIMAL_NODES, MINIMAL_SCENARIO

NODE, NODE_B = json.loads(MINIMAL_NODES)["features"]
NODE["properties"].pop("aliases")
SCENARIO = MINIMAL_SCENARIO.lstrip().replace('nodes = "nodes.geojson"\nnetworks = []\n', 'nodes = "nodes.geojson"\n')


def nodes(*features, **extra) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features), **extra}, ensure_ascii=False)


def point(coords, **props):
    feature = json.loads(json.dumps(NODE))
    feature["geometry"]["coordinates"] = coords
    feature["properties"].update(props)
    return feature


def edit(old: str, new: str) -> str:
    assert old in SCENARIO, old
    return SCENARIO.replace(old, new, 1)


# (what the input is, file to check, {file: text or bytes}); files not given get the good ones.
CASES = [
    ("missing file", "case.toml", {"case.toml": None}),
    ("empty file", "case.toml", {"case.toml": "\n"}),
    ("a directory", "folder", {"folder/": None}),
    ("binary garbage", "case.toml", {"case.toml": bytes(range(256))}),
    ("not UTF-8", "case.toml", {"case.toml": "title = 'Дунай'".encode("koi8-r")}),
    ("invalid TOML", "case.toml", {"case.toml": "id = 'a\n"}),
    (
        "duplicate TOML key",
        "case.toml",
        {"case.toml": edit('title = "Minimal case"', 'title = "Minimal case"\ntitle = "Again"')},
    ),
    ("invalid JSON", "nodes.geojson", {"nodes.geojson": '{"type": "FeatureCollection", "features": [}'}),
    (
        "duplicate JSON key",
        "nodes.geojson",
        {"nodes.geojson": '{"type": "FeatureCollection", "type": "x", "features": []}'},
    ),
    (
        "NaN coordinate",
        "nodes.geojson",
        {"nodes.geojson": nodes(point([130.3, 42.25]), point([1, 2], id="b")).replace("[1, 2]", "[NaN, 2]")},
    ),
    (
        "wrong geometry type",
        "nodes.geojson",
        {"nodes.geojson": nodes({**NODE, "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}})},
    ),
    (
        "empty geometry",
        "nodes.geojson",
        {"nodes.geojson": nodes({**NODE, "geometry": {"type": "Point", "coordinates": []}})},
    ),
    ("latitude 95", "nodes.geojson", {"nodes.geojson": nodes(point([130.3, 95]))}),
    ("lat/lon swapped", "nodes.geojson", {"nodes.geojson": nodes(point([42.25, 130.3]))}),
    (
        "non-WGS84 crs member",
        "nodes.geojson",
        {"nodes.geojson": nodes(NODE, crs={"type": "name", "properties": {"name": "EPSG:3857"}})},
    ),
    ("duplicate node id", "nodes.geojson", {"nodes.geojson": nodes(NODE, point([1, 2], name="Other"))}),
    (
        "duplicate alias",
        "nodes.geojson",
        {
            "nodes.geojson": nodes(
                point([130.3, 42.25], aliases=["Rajin"]), point([1, 2], id="b", name="B", aliases=["rajin"])
            )
        },
    ),
    ("id that is not a slug", "nodes.geojson", {"nodes.geojson": nodes(point([130.3, 42.25], id="Najin Port"))}),
    ("unknown node reference", "case.toml", {"case.toml": edit('to = "b-port"', 'to = "b-prot"')}),
    (
        "period ends before it starts",
        "case.toml",
        {"case.toml": edit('period_end = "2023-10-01"', 'period_end = "2023-09-01"')},
    ),
    ("date not ISO 8601", "case.toml", {"case.toml": edit('published = "2023-10-13"', 'published = "07/09/2023"')}),
    ("quantity '1.000'", "case.toml", {"case.toml": edit("quantity = 1000", 'quantity = "1.000"')}),
    ("quantity 'over 1,000'", "case.toml", {"case.toml": edit("quantity = 1000", 'quantity = "over 1,000"')}),
    ("negative quantity", "case.toml", {"case.toml": edit("quantity = 1000", "quantity = -5")}),
    ("unknown unit", "case.toml", {"case.toml": edit('unit = "containers"', 'unit = "boxes"')}),
    (
        "120 percent",
        "case.toml",
        {"case.toml": edit('unit = "containers"', 'unit = "percent"').replace("quantity = 1000", "quantity = 120")},
    ),
    (
        "bad unit declarations",
        "case.toml",
        {
            "case.toml": SCENARIO
            + '\n[units.barrels]\nkind = "volume"\n\n[units.sorties]\nkind = "counted"\nlabel = 3\n'
        },
    ),
    ("unknown mode", "case.toml", {"case.toml": edit('mode = "air"', 'mode = "train"')}),
    (
        "javascript: URL",
        "case.toml",
        {"case.toml": edit('url = "https://example.org/a"', 'url = "javascript:alert(1)"')},
    ),
    ("data: URL", "case.toml", {"case.toml": edit('url = "https://example.org/a"', 'url = "data:text/html,x"')}),
    ("terminal escape in text", "case.toml", {"case.toml": edit('claimant = "Someone"', 'claimant = "x\\u001b[2J"')}),
    (
        "unknown field",
        "case.toml",
        {"case.toml": edit('title = "Minimal case"', 'title = "Minimal case"\ntitel = "x"')},
    ),
    (
        "several problems at once",
        "case.toml",
        {
            "case.toml": edit('unit = "containers"', 'unit = "boxes"')
            .replace('status = "claimed"', 'status = "rumoured"')
            .replace('published = "2023-10-13"', 'published = "13/10/2023"')
        },
    ),
    (
        "rail line across open water",
        "case.toml",
        {
            "case.toml": edit('nodes = "nodes.geojson"', 'nodes = "nodes.geojson"\nnetworks = ["rail.toml"]').replace(
                'mode = "air"', 'mode = "rail"'
            ),
            "rail.toml": 'format_version = 1\nmode = "rail"\n[[segments]]\nid = "a-b"\nfrom = "a-port"\nto = "b-port"\n'
            'geometry_confidence = "low"\npoints = []\n',
        },
    ),
    (
        "bundled networks without the bundled nodes",
        "case.toml",
        {"case.toml": edit('nodes = "nodes.geojson"', 'nodes = "nodes.geojson"\nnetworks = ["bundled"]')},
    ),
    (
        "unknown bundled network",
        "case.toml",
        {"case.toml": edit('nodes = "nodes.geojson"', 'nodes = "nodes.geojson"\nnetworks = ["bundled:ferry"]')},
    ),
    (
        "TOML key of 50,000 dotted parts (100 kB)",
        "case.toml",
        {"case.toml": SCENARIO + "a" + ".a" * 50_000 + " = 1\n"},
    ),
    ("title of 5 MB", "case.toml", {"case.toml": edit('title = "Minimal case"', 'title = "' + "x" * 5_000_000 + '"')}),
    ("TOML arrays nested 40 deep", "case.toml", {"case.toml": SCENARIO + "a = " + "[" * 40 + "]" * 40 + "\n"}),
    (
        "hostile text (valid)",
        "case.toml",
        {"case.toml": edit('claimant = "Someone"', 'claimant = "<img src=x onerror=alert(1)>`${x}`"')},
    ),
    (
        "hostile text: template syntax (valid)",
        "case.toml",
        {"case.toml": edit('claimant = "Someone"', 'claimant = "{{ 7*7 }} {% raw %}"')},
    ),
    (
        "hostile text: a bidi control (valid, warned; outputs show <U+202E>)",
        "case.toml",
        {"case.toml": edit('claimant = "Someone"', 'claimant = "Social-media post \u202e(not verified)"')},
    ),
    (
        "invisible character in an id",
        "case.toml",
        {"case.toml": edit('id = "c-1"', 'id = "c\u200b-1"')},
    ),
]
LARGE = ("file over the size limit", "case.toml")


def run_case(folder: Path, files: dict, target: str) -> tuple[int, list[str]]:
    """Write the good files with ``files`` over them, then validate ``target``."""
    good = {"case.toml": SCENARIO, "nodes.geojson": nodes(NODE, NODE_B)}
    good.update(files)
    for name, content in good.items():
        path = folder / name
        if content is None:
            if name.endswith("/"):
                path.mkdir()
            continue
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return validate(folder, target)


def validate(folder: Path, target: str) -> tuple[int, list[str]]:
    """Run ``routes validate`` on a file of ``folder``; paths shown relative to it."""
    from routes.cli import cli

    result = CliRunner().invoke(cli, ["validate", str(folder / target)])
    return result.exit_code, (result.stderr or result.stdout).replace(str(folder) + os.sep, "").splitlines()


def run_large(folder: Path) -> tuple[int, list[str]]:
    from routes.load.prescan import MAX_TOML_BYTES

    with (folder / "case.toml").open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(MAX_TOML_BYTES + 1)
    return validate(folder, "case.toml")


def table() -> str:
    rows = []
    for label, target, files in CASES:
        with tempfile.TemporaryDirectory() as folder:
            code, lines = run_case(Path(folder), files, target)
        rows.append((label, code, lines))
    with tempfile.TemporaryDirectory() as folder:
        code, lines = run_large(Path(folder))
    rows.append((LARGE[0], code, lines))
    out = [
        "# Bad and hostile inputs, and what you see",
        "",
        "Generated by `python scripts/bad_inputs.py` (and checked by `tests/test_bad_inputs.py`): each row",
        "is a small file run through `routes validate`. Every problem is one line naming the file, the",
        "record, the field and the fix; all problems of a file come at once; the exit status is 1; no",
        "traceback (`routes --debug` shows one); and `routes render` writes nothing for such a file.",
        "Hostile text that is valid text loads, and is shown on the map as text, never run (see",
        "`tests/test_xss.py`, which puts the whole shared corpus into every text field, and",
        "`tests/test_render.py`, which checks template syntax such as `{{ 7*7 }}` stays text).",
        "",
        "| input | exit | what you see |",
        "|---|---|---|",
    ]
    for label, code, lines in rows:
        shown = "<br>".join(line.replace("|", "\\|").replace("`", "'") for line in lines) or "(nothing)"
        out.append(f"| {label} | {code} | `{shown}` |" if "<br>" not in shown else f"| {label} | {code} | {shown} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    DOC.write_text(table(), encoding="utf-8")
    print(f"wrote {DOC}", file=sys.stderr)
