"""The worst input of each kind against routes' caps (issue 24 item 3): time and peak memory.

Each case writes one hostile file into a temporary folder and runs ``routes validate`` on it
(``routes render`` for a line file) in a fresh process of this Python, and records the wall
time, the peak resident memory of that process (``/usr/bin/time``'s ``%M``), the exit status
and the first line it printed. Process start and imports are included (``baseline``: a small
valid scenario). Target: every refusal in under 2 s and 300 MB.

    python benchmarks/input_caps.py [--write] [--only WORD]

With --write the section between the ``input-caps`` markers of docs/benchmarks.md is replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
sys.path.insert(0, str(ROOT))

from tests.conftest import MINIMAL_NODES, MINIMAL_SCENARIO

MB = 1024 * 1024


def sparse(path: Path, size: int) -> None:
    """A file of ``size`` bytes that takes no disk space (its size is refused before reading)."""
    with path.open("wb") as handle:
        handle.truncate(size)


def scenario_with(extra: str = "", title: str = "Minimal case") -> str:
    return MINIMAL_SCENARIO.lstrip().replace('title = "Minimal case"', f'title = "{title}"') + extra


def node_feature(name: str) -> dict:
    feature = json.loads(MINIMAL_NODES)["features"][0]
    feature["properties"]["name"] = name
    return feature


def write_cases(folder: Path) -> list[tuple[str, list[str]]]:
    """Write every case's files; return (label, routes arguments) pairs."""
    (folder / "nodes.geojson").write_text(MINIMAL_NODES, encoding="utf-8")
    cases = []

    def toml(name: str, text: str | None = None, size: int | None = None) -> str:
        path = folder / name
        if size is not None:
            sparse(path, size)
        else:
            path.write_text(text or "", encoding="utf-8")
        return str(path)

    cases.append(("baseline: a small valid scenario", ["validate", toml("ok.toml", scenario_with())]))
    deep = "a" + ".a" * 50_000 + " = 1\n"
    cases.append(
        ("TOML key of 50,000 dotted parts, 100 kB (issue 24)", ["validate", toml("deep.toml", scenario_with(deep))])
    )
    with (folder / "title49.toml").open("w", encoding="utf-8") as out:
        out.write(scenario_with(title="x" * 49_000_000))
    cases.append(("TOML title of 49 MB (issue 24)", ["validate", str(folder / "title49.toml")]))
    cases.append(
        (
            "TOML title of 15 MB (under the file cap)",
            ["validate", toml("title15.toml", scenario_with(title="x" * 15_000_000))],
        )
    )
    multi = 'summary = """\n' + ("y" * 99 + "\n") * 150_000 + '"""\n'
    cases.append(
        ("TOML multi-line string of 15 MB, 150,000 lines", ["validate", toml("multi.toml", scenario_with(multi))])
    )
    nested = "a = " + "[" * 1_000_000 + "]" * 1_000_000 + "\n"
    cases.append(("TOML arrays nested 1,000,000 deep, 2 MB", ["validate", toml("nested.toml", scenario_with(nested))]))
    entries = "a = [" + "1," * 7_000_000 + "]\n"
    cases.append(("TOML array of 7,000,000 items, 14 MB", ["validate", toml("entries.toml", scenario_with(entries))]))
    lines = ("# " + "c" * 5_000_000 + "\n") * 3
    cases.append(("TOML comment lines of 5 MB, 15 MB", ["validate", toml("long-lines.toml", scenario_with(lines))]))
    cases.append(("TOML file of 17 MB (size only)", ["validate", toml("big.toml", size=17 * MB)]))
    keys = "".join(f"k{i} = 1\n" for i in range(1_200_000))
    cases.append(("TOML table of 1,200,000 keys, 14 MB", ["validate", toml("keys.toml", scenario_with(keys))]))
    table = "[[claims]]\n" + "".join(f"k{i} = 1\n" for i in range(999))
    cases.append(
        (
            "TOML within every cap: 1,400 tables of 999 unknown keys, 16 MB (parsed, then refused)",
            ["validate", toml("tables.toml", scenario_with(table * 1_400))],
        )
    )

    def geojson(name: str, data: str) -> str:
        (folder / name).write_text(data, encoding="utf-8")
        return str(folder / name)

    name49 = json.dumps({"type": "FeatureCollection", "features": [node_feature("n" * 49_000_000)]})
    cases.append(("node GeoJSON with a 49 MB name", ["validate", geojson("name49.geojson", name49)]))
    empty = '{"type": "FeatureCollection", "features": [' + ",".join(["{}"] * 12_000_000) + "]}"
    cases.append(("node GeoJSON of 12,000,000 empty features, 36 MB", ["validate", geojson("empty.geojson", empty)]))
    cases.append(
        ("node GeoJSON nested 1,000,000 deep", ["validate", geojson("deep.geojson", "[" * 1_000_000 + "]" * 1_000_000)])
    )
    sparse(folder / "big.geojson", 51 * MB)
    cases.append(("node GeoJSON of 51 MB (size only)", ["validate", str(folder / "big.geojson")]))
    cell = "id,lon,lat,name\na,1,2," + "x" * 49_000_000 + "\n"
    cases.append(("node CSV with a 49 MB cell", ["validate", geojson("cell.csv", cell), "--id-field", "id"]))
    rows = "id,lon,lat\n" + "a,1,2\n" * 8_000_000
    cases.append(("node CSV of 8,000,000 rows, 48 MB", ["validate", geojson("rows.csv", rows), "--id-field", "id"]))
    line = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "n" * 49_000_000},
                "geometry": {"type": "LineString", "coordinates": [[30, 50], [31, 51]]},
            }
        ],
    }
    out = str(folder / "out.html")
    cases.append(
        (
            "line GeoJSON with a 49 MB property (render)",
            ["render", geojson("line.geojson", json.dumps(line)), "-o", out, "-q"],
        )
    )
    sparse(folder / "huge.geojson", 1001 * MB)
    cases.append(("line file of 1 GB (render; size only)", ["render", str(folder / "huge.geojson"), "-o", out, "-q"]))

    from PIL import Image

    Image.new("1", (30_000, 30_000)).save(folder / "bomb.png")
    image = '\nimages = [{ file = "bomb.png", caption = "c", credit = "c", licence = "CC0-1.0" }]\n'
    bomb = scenario_with().replace('status = "claimed"', 'status = "claimed"' + image.rstrip("\n"))
    cases.append(
        (
            f"PNG of 30,000 x 30,000 px in {(folder / 'bomb.png').stat().st_size // 1024} kB (decompression bomb)",
            ["validate", toml("bomb.toml", bomb)],
        )
    )
    sparse(folder / "big.png", 41_000_000)
    big = scenario_with().replace(
        'status = "claimed"', 'status = "claimed"' + image.rstrip("\n").replace("bomb", "big")
    )
    cases.append(("image file of 41 MB (size only)", ["validate", toml("bigimage.toml", big)]))
    return cases


def run(args: list[str], folder: Path) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds, peak MB, exit status and the first line of stderr of
    ``routes ARGS``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    err, usage = folder / "stderr.txt", folder / "usage.txt"
    # /usr/bin/time starts routes from its own small process: a child forked from this one
    # (which holds the cases' text) would report this one's memory as its peak.
    command = ["/usr/bin/time", "-o", str(usage), "-f", "%e %U %S %M", sys.executable, "-m", "routes", *args]
    with err.open("wb") as handle:
        code = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=handle, env=env, cwd=folder, check=False
        ).returncode
    wall, user, system, kilobytes = usage.read_text(encoding="utf-8").split()[-4:]
    seconds, cpu, peak_mb = float(wall), float(user) + float(system), int(kilobytes) / 1024
    first = err.read_text(encoding="utf-8", errors="replace").splitlines()[:1]
    shown = first[0] if first else ""
    shown = shown.replace(str(folder) + os.sep, "")
    return seconds, cpu, peak_mb, code, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write the section into {DOC.name}")
    parser.add_argument("--only", default=None, help="run only the cases whose label contains this")
    args = parser.parse_args()
    rows = []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, command in write_cases(folder):
            if args.only and args.only.lower() not in label.lower():
                continue
            seconds, cpu, peak_mb, code, line = run(command, folder)
            short = line if len(line) <= 150 else line[:147] + "..."
            rows.append((label, seconds, cpu, peak_mb, code, short))
            print(f"{label:70s} {seconds:6.2f} s {cpu:6.2f} s CPU {peak_mb:7.0f} MB  exit {code}  {short}", flush=True)
    if args.write:
        load = os.getloadavg()[0]
        intro = (
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}, "
            f"load average {load_before:.1f} at the start and {load:.1f} at the end (wall times on a busy "
            "machine are long: CPU time is the steadier figure). Made by `python benchmarks/input_caps.py "
            "--write`: each row is one fresh `python -m routes` process (start and imports included: see the "
            "baseline), its wall time, CPU time (user and system) and peak resident memory (`/usr/bin/time`). "
            "Before the caps (issue 24): the 100 kB key took 135.6 s and 9.6 GB, the 49 MB title 38.8 s."
        )
        table = [
            intro,
            "",
            "| input | wall time | CPU time | peak memory | exit | first line |",
            "|---|---|---|---|---|---|",
        ]
        for label, seconds, cpu, peak_mb, code, line in rows:
            shown = line.replace("|", "\\|").replace("`", "'")
            table.append(f"| {label} | {seconds:.2f} s | {cpu:.2f} s | {peak_mb:,.0f} MB | {code} | `{shown}` |")
        block = "<!-- input-caps -->\n" + "\n".join(table) + "\n<!-- /input-caps -->"
        text = DOC.read_text(encoding="utf-8")
        if "<!-- input-caps -->" in text:
            text = re.sub(r"<!-- input-caps -->.*?<!-- /input-caps -->", lambda _: block, text, flags=re.DOTALL)
        else:
            text = text.rstrip("\n") + "\n\n# Input caps\n\n" + block + "\n"
        DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
