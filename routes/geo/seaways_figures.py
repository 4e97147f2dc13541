"""The world lanes' land figures, shipped or measured (part of :mod:`routes.geo.seaways`).

How much land each MARNET lane crosses, and the canal of :data:`CANAL_AREAS` that holds that
land, depend only on data routes ships or depends on: searoute's ``marnet_searoute.geojson``
and routes' 1:50m and 1:10m land (``data/naturalearth/``). Measuring all 15,933 lanes took
about 70 % of loading the network, so ``scripts/build_lane_land.py`` measures them once and
writes :data:`LANE_LAND_FILE`: the lanes that cross land, with the SHA-256 of each source.
Loading reads that file when every source is the one it was made from, and measures afresh
otherwise (another searoute release, or the land redrawn), so a figure is never stale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from routes.geo.geodesy import LonLat
from routes.geo.landcheck import segment_stretches, total_km

#: Canals MARNET does not name, by the box (west, south, east, north) that holds them and
#: the land at their ends: a lane whose land lies all inside is an inland waterway, and is
#: named as a passage. The Corinth Canal: 6.4 km, 37°56′N 22°59′E (Wikipedia, "Corinth Canal").
CANAL_AREAS = {"corinth": (22.90, 37.88, 23.08, 38.00)}
#: The shipped figures, under the bundled data folder.
LANE_LAND_FILE = ("world-sea", "lane-land.json")
#: The land layers the figures are measured on (:mod:`routes.geo.landcheck`).
LAND_LAYERS = ("land-50m", "land-10m-east-asia")
FORMAT_VERSION = 1

Figures = tuple[list[float], list[str | None]]


def marnet_bytes() -> bytes:
    """searoute's MARNET lanes file, as shipped in its wheel."""
    import importlib.resources

    return (importlib.resources.files("searoute.data") / "marnet_searoute.geojson").read_bytes()


def source_digests(marnet: bytes) -> dict[str, str]:
    """SHA-256 of everything the figures depend on: the lanes, the land, the canal boxes."""
    from routes.load.bundled import bundled_path

    digests = {"marnet_searoute.geojson": hashlib.sha256(marnet).hexdigest()}
    for layer in LAND_LAYERS:
        path = bundled_path("naturalearth", f"{layer}.geojson")
        digests[f"naturalearth/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    digests["CANAL_AREAS"] = hashlib.sha256(json.dumps(CANAL_AREAS, sort_keys=True).encode()).hexdigest()
    return digests


def lane_land(starts: Sequence[LonLat], ends: Sequence[LonLat]) -> Figures:
    """Land km on each lane ``starts[i] -> ends[i]``, and the canal of :data:`CANAL_AREAS`
    that holds all of it (or None): measured."""
    land, canal = [], []
    for stretches in segment_stretches(starts, ends):
        land.append(total_km(stretches))
        canal.append(
            next(
                (
                    name
                    for name, (west, south, east, north) in CANAL_AREAS.items()
                    if stretches and all(west <= s.lon <= east and south <= s.lat <= north for s in stretches)
                ),
                None,
            )
        )
    return land, canal


def lane_figures(marnet: bytes, starts: Sequence[LonLat], ends: Sequence[LonLat]) -> Figures:
    """:func:`lane_land` of the lanes, from the shipped file when it was made from these
    sources (a lane it does not list crosses no land), else measured."""
    shipped = _shipped(source_digests(marnet))
    if shipped is None:
        return lane_land(starts, ends)
    land: list[float] = []
    canal: list[str | None] = []
    for a, b in zip(starts, ends):
        found = shipped.get((a, b)) or shipped.get((b, a))
        land.append(found[0] if found else 0)
        canal.append(found[1] if found else None)
    return land, canal


def figures_document(marnet: bytes, starts: Sequence[LonLat], ends: Sequence[LonLat]) -> dict:
    """The content of :data:`LANE_LAND_FILE` for these lanes, measured (for the build script)."""
    land, canal = lane_land(starts, ends)
    lanes = sorted(
        [a[0], a[1], b[0], b[1], km, name] for a, b, km, name in zip(starts, ends, land, canal) if km > 0 or name
    )
    return {
        "format_version": FORMAT_VERSION,
        "made_by": "python scripts/build_lane_land.py",
        "what": "land km each MARNET lane crosses (routes.geo.landcheck) and the canal holding it; lanes not listed cross none",
        "columns": ["lon_a", "lat_a", "lon_b", "lat_b", "land_km", "canal"],
        "sources": source_digests(marnet),
        "lanes": lanes,
    }


def _shipped(digests: dict[str, str]) -> dict[tuple[LonLat, LonLat], tuple[float, str | None]] | None:
    """The shipped figures by lane ends, or None if the file is missing or made from other sources."""
    from routes.load.bundled import bundled_path

    try:
        document = json.loads(bundled_path(*LANE_LAND_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if document.get("format_version") != FORMAT_VERSION or document.get("sources") != digests:
        return None
    return {((x1, y1), (x2, y2)): (km, name) for x1, y1, x2, y2, km, name in document["lanes"]}
