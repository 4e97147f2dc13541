"""Scale benchmark: routes render against GeoDataFrame.explore() and hand-written folium.

For each synthetic route set (1,000, 10,000 and 50,000 legs of 50 vertices; 1,000 legs of
1,000 vertices) it measures, in the same run and on the same machine, for each tool: build-
and-save time of a whole process, its peak memory, the HTML size, the time until every line
is drawn in headless Chromium (Debian's chromium via playwright) and the time of one zoom
step. It prints a Markdown table and writes it to docs/benchmarks.md with --write.

    pip install mapclassify   # explore() needs it
    python benchmarks/scale.py [--sets 1000x50,10000x50,50000x50,1000x1000] [--cache cold|warm] [--write]

routes keeps the offline basemap's levels for a map's extent in its user cache; ``--cache cold``
(the default) times a first render with an empty cache, ``--cache warm`` a render after one
untimed render of the same file.

Nothing here runs in the test suite; tests/test_bulk.py renders 10,000 lines in CI.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOC = HERE.parent / "docs" / "benchmarks.md"

EXPLORE = """import sys, geopandas
geopandas.read_file(sys.argv[1]).explore().save(sys.argv[2])"""
FOLIUM = """import sys, folium, geopandas
frame = geopandas.read_file(sys.argv[1])
m = folium.Map(location=[50, 80], zoom_start=3)
for geom, name in zip(frame.geometry, frame["name"]):
    folium.PolyLine([(y, x) for x, y in geom.coords], weight=2, tooltip=name).add_to(m)
m.save(sys.argv[2])"""
PEAK = """import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"""


def run(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one process."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK, *command], check=True, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, int(out.stdout.strip()) / 1024


def _serve_cdn(route):
    """There is no network here: answer folium's CDN requests from local copies (Leaflet from
    XStatic-Leaflet; jQuery, Bootstrap and the icon fonts, which drawing lines does not need,
    as empty files), as a warm browser cache would; refuse everything else (tiles)."""
    from routes.render.assets import leaflet_css, leaflet_js

    url = route.request.url
    if url.startswith(("file:", "data:")):
        route.continue_()
    elif url.endswith("leaflet.js"):
        route.fulfill(status=200, content_type="application/javascript", body=leaflet_js())
    elif url.endswith("leaflet.css"):
        route.fulfill(status=200, content_type="text/css", body=leaflet_css())
    elif url.endswith((".js", ".css")):
        route.fulfill(status=200, content_type="text/plain", body="")
    else:
        route.abort()


def browser_times(browser, html: Path, legs: int, bulk: bool) -> tuple[float, float, float]:
    """Milliseconds from navigation to every line drawn, for one zoom step and for one pan."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.route("**/*", _serve_cdn)
    try:
        page.goto(html.as_uri(), timeout=300_000)
        if bulk:
            page.wait_for_function("window.routesBulk && window.routesBulk.firstDrawnMs !== undefined", timeout=300_000)
            drawn = page.evaluate("window.routesBulk.firstDrawnMs")
            mapvar = "window.routesBulk.layer._map"
        else:
            page.wait_for_function(
                f"document.querySelectorAll('path.leaflet-interactive').length >= {legs}", timeout=300_000, polling=100
            )
            drawn = page.evaluate("performance.now()")
            mapvar = "Object.values(window).find(v => v && v._container && v.setZoom)"
        page.wait_for_timeout(300)
        zoom = page.evaluate(f"""() => new Promise(done => {{ const map = {mapvar}; const t = performance.now();
            map.setZoom(map.getZoom() + 1, {{animate: false}});
            requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t))); }})""")
        page.wait_for_timeout(300)
        pan = page.evaluate(f"""() => new Promise(done => {{ const map = {mapvar}; const t = performance.now();
            map.panBy([300, 200], {{animate: false}});
            requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t))); }})""")
        return drawn, zoom, pan
    finally:
        page.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="1000x50,10000x50,50000x50,1000x1000")
    parser.add_argument("--write", action="store_true", help=f"write the table to {DOC.relative_to(HERE.parent)}")
    parser.add_argument(
        "--baselines-up-to", type=int, default=50_000, help="skip explore() and folium above this many legs"
    )
    parser.add_argument(
        "--cache",
        choices=("cold", "warm"),
        default="cold",
        help="routes' user cache (basemap levels, place labels): cold = empty, as on a first render; "
        "warm = filled by one untimed render of the same file first",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from playwright.sync_api import sync_playwright
    from synthetic import write_lines

    chromium = os.environ.get("ROUTES_CHROMIUM", "/usr/bin/chromium")
    rows = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for spec in args.sets.split(","):
            legs, vertices = (int(v) for v in spec.split("x"))
            data = write_lines(Path(folder) / f"{spec}.geojson", legs, vertices)
            tools = [
                (
                    "routes render --offline",
                    [
                        sys.executable,
                        "-m",
                        "routes",
                        "render",
                        str(data),
                        "--offline",
                        "-q",
                        "--color-by",
                        "kind",
                        "--tooltip",
                        "name,kind",
                        "-o",
                    ],
                    True,
                )
            ]
            if legs <= args.baselines_up_to:
                tools += [
                    ("GeoDataFrame.explore().save()", [sys.executable, "-c", EXPLORE, str(data)], False),
                    ("hand-written folium", [sys.executable, "-c", FOLIUM, str(data)], False),
                ]
            for name, command, bulk in tools:
                out = Path(folder) / f"{spec}-{len(rows)}.html"
                env = None
                if bulk:  # routes: its user cache in a folder of this run's, empty or warmed
                    env = {**os.environ, "ROUTES_CACHE_DIR": tempfile.mkdtemp(dir=folder)}
                    if args.cache == "warm":
                        subprocess.run([*command, str(out)], check=True, env=env, stdout=subprocess.DEVNULL)
                    name = f"{name} ({args.cache} cache)"
                seconds, peak = run([*command, str(out)], env)
                drawn, zoom, pan = browser_times(browser, out, legs, bulk)
                rows.append((spec, name, seconds, peak, out.stat().st_size, drawn, zoom, pan))
                print(
                    f"{spec:>10} {name:<30} {seconds:6.1f} s {peak:7.0f} MB {out.stat().st_size / 1e6:7.1f} MB "
                    f"drawn {drawn / 1000:6.2f} s zoom {zoom / 1000:5.2f} s pan {pan / 1000:5.2f} s",
                    flush=True,
                )
        browser.close()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    lines = [
        "# Scale benchmark",
        "",
        (
            f"Machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.machine()}, Python "
            f"{platform.python_version()}, headless Debian Chromium. Made by `python benchmarks/scale.py --write`; "
            f"every number is from the same run; routes' user cache (basemap levels) was {args.cache}. "
            "Routes set: random-walk lines over Eurasia with 4 attribute columns "
            "(`benchmarks/synthetic.py`). *Build* is a whole process (start, read the file, write the HTML); "
            "*drawn* is from navigation until every line is on screen; *zoom* is one zoom-in step and *pan* one pan "
            "of 300 × 200 px, each until two frames later. explore() and folium pages load Leaflet from a CDN: with no network here, the benchmark "
            "answers those requests from local copies, as a warm cache would."
        ),
        "",
        "| legs × vertices | tool | build | peak memory | HTML | drawn | zoom step | pan step |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for spec, name, seconds, peak, size, drawn, zoom, pan in rows:
        lines.append(
            f"| {spec.replace('x', ' × ')} | {name} | {seconds:.1f} s | {peak:,.0f} MB | {size / 1e6:.1f} MB | "
            f"{drawn / 1000:.2f} s | {zoom / 1000:.2f} s | {pan / 1000:.2f} s |"
        )
    lines += [
        "",
        "## Against the targets (issue 7)",
        "",
        (
            "At 10,000 legs `routes render` must be at least 3x faster than `explore().save()`, its HTML at most a "
            "third of the bytes and its time to drawn at most half; at 50,000 legs it must be drawn in under 5 s, "
            "a zoom or pan step must take under 0.5 s and peak memory must stay under 1 GB. Compare the rows "
            "above. Dense views are rasterised by the page itself (aliased lines, one pass) because Chromium "
            "rasterising millions of vector segments made each zoom step take seconds."
        ),
    ]
    table = "\n".join(lines) + "\n"
    print(table)
    if args.write:
        DOC.write_text(
            replace_section(DOC.read_text(encoding="utf-8") if DOC.exists() else "", table), encoding="utf-8"
        )
    return 0


def replace_section(document: str, section: str) -> str:
    r"""``document`` with its first top-level section (``# Scale benchmark`` up to the next
    ``# `` heading) replaced by ``section``; the other benchmarks' sections are kept.

    >>> replace_section("# Scale benchmark\nold\n\n# World sea routes\nkept\n", "# Scale benchmark\nnew\n")
    '# Scale benchmark\nnew\n\n# World sea routes\nkept\n'
    >>> replace_section("# Gazetteer\nkept\n", "# Scale benchmark\nnew\n")
    '# Scale benchmark\nnew\n\n# Gazetteer\nkept\n'
    """
    if not document.startswith("# Scale benchmark"):  # none yet: put it first, keep the rest
        return section + ("\n" + document if document else "")
    rest = document.split("\n# ", 1)[1] if "\n# " in document else ""
    return section + ("\n# " + rest if rest else "")


if __name__ == "__main__":
    sys.exit(main())
