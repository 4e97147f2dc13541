"""routes: trustworthy maps of claimed logistics flows.

Load a case, look at its legs and claims, render and export a map::

    import routes

    case = routes.load_scenario("dprk-russia-2023")     # a bundled id or a path to a .toml
    legs = routes.build_legs(case)                       # GeoDataFrame, EPSG:4326
    claims = routes.claims_frame(case)                   # DataFrame, one row per claim
    m = routes.render_map(case, legs)                    # folium.Map (displays in Jupyter)
    routes.write_html(m, "maps/dprk-russia-2023.html")
    routes.write_geojson(case, legs, "dprk-russia-2023.geojson")
    routes.write_snapshot(routes.render_map(case, offline=True), "map.png")   # needs Chromium
    plan = routes.find_route("najin", "mozdok")              # fastest route across modes
    checks = routes.check_timelines(case, legs)              # is each claimed timeline possible?
    routes.brief(case).save("deck.pptx")                     # the story as slides (or .pdf, .html)

Nothing heavy is imported until it is used.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

from routes.errors import (
    BoundsError,
    BriefError,
    BrowserMissingError,
    ChartError,
    ImageError,
    InputTypeError,
    NoRouteError,
    OutputError,
    PlaceNotFoundError,
    Problem,
    RoutesError,
    SlidesError,
    UnknownScenarioError,
    ValidationError,
)
from routes.load.bundled import bundled_path, bundled_scenarios, data_dir

try:
    __version__ = version("routes-map")
except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
    __version__ = "0+unknown"

_LAZY = {
    "load_scenario": "routes.geo.resolve",
    "read_scenario": "routes.load.scenario",
    "Scenario": "routes.load.scenario",
    "load_nodes": "routes.load.nodes",
    "load_network": "routes.load.networks",
    "build_legs": "routes.geo.legs",
    "claims_frame": "routes.analysis.claims",
    "claims_for_leg": "routes.analysis.claims",
    "render_map": "routes.render",
    "to_geojson": "routes.outputs.geojson",
    "write_html": "routes.outputs.export",
    "write_geojson": "routes.outputs.export",
    "write_snapshot": "routes.outputs.export",
    "SnapshotSession": "routes.outputs.snapshots",
    "write_embed": "routes.outputs.export",
    "write_kml": "routes.outputs.export",
    "find_route": "routes.geo.routing",
    "check_timelines": "routes.analysis.plausibility",
    "check_throughput": "routes.analysis.throughput",
    "load_linefile": "routes.load.linefile",
    "render_bulk_map": "routes.render.bulk",
    "claims_figure": "routes.outputs.chart",
    "brief": "routes.outputs.briefing",
}

__all__ = [
    "BoundsError",
    "BriefError",
    "BrowserMissingError",
    "ChartError",
    "ImageError",
    "InputTypeError",
    "NoRouteError",
    "OutputError",
    "PlaceNotFoundError",
    "Problem",
    "RoutesError",
    "SlidesError",
    "UnknownScenarioError",
    "ValidationError",
    "__version__",
    "bundled_path",
    "bundled_scenarios",
    "data_dir",
]
__all__ += list(_LAZY)  # the names imported on first use, by __getattr__ below


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'routes' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__():
    return sorted(__all__)
