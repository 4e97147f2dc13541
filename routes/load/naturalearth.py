"""Natural Earth land and country polygons shipped with routes (public domain).

Processed once by ``scripts/build_naturalearth.py`` from Natural Earth 4.1.0 (via the npm
package world-atlas 2.0.2): polygons repaired with ``make_valid``, split at the antimeridian,
rounded to 5 decimals. Used to check that sea legs stay at sea and rail legs on land and in
the right countries, and as the offline basemap.

=============================  =======================================================
``land-10m-east-asia``         1:10m land, lon 120–150, lat 30–55 (the seas legs cross)
``land-50m``, ``land-110m``    land, whole world
``countries-50m``              admin-0 countries, whole world (``name``, ``iso_n3``)
``countries-10m-corridor``     1:10m China, Kazakhstan, Mongolia, North Korea, Russia,
                               Ukraine, clipped to lon 30–146, lat 38–62
``borders-50m``                land borders between countries (lines), whole world
``borders-10m-corridor``       1:10m land borders, clipped to lon 30–146, lat 38–62
``rivers-10m-corridor``        1:10m rivers and lake centrelines (lines), same box
``lakes-10m-corridor``         1:10m lakes and reservoirs, same box (both built by
                               ``scripts/build_rivers.py``, for zoomed views)
=============================  =======================================================
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from routes.load.bundled import bundled_path

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

POLYGON_LAYERS = (
    "land-10m-east-asia",
    "land-50m",
    "land-110m",
    "countries-50m",
    "countries-10m-corridor",
    "lakes-10m-corridor",
)
LINE_LAYERS = ("borders-50m", "borders-10m-corridor", "rivers-10m-corridor")
LAYERS = POLYGON_LAYERS + LINE_LAYERS
ATTRIBUTION = "Made with Natural Earth (public domain)"


@functools.cache
def load_geometry(name: str):
    """One Natural Earth layer merged into a single shapely geometry (cached).

    Faster than :func:`load_layer` for drawing: GEOS reads the GeoJSON directly.
    """
    import shapely

    if name not in LAYERS:
        raise ValueError(f"{name!r} is not one of {', '.join(LAYERS)}")
    collection = shapely.from_geojson(bundled_path("naturalearth", f"{name}.geojson").read_text(encoding="utf-8"))
    parts = list(getattr(collection, "geoms", [collection]))
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


@functools.cache
def load_layer(name: str) -> geopandas.GeoDataFrame:
    """One Natural Earth layer as a GeoDataFrame in EPSG:4326 (cached; do not modify it)."""
    import geopandas

    if name not in LAYERS:
        raise ValueError(f"{name!r} is not one of {', '.join(LAYERS)}")
    return geopandas.read_file(bundled_path("naturalearth", f"{name}.geojson"))


@functools.cache
def _features_by_name(name: str) -> dict[str, dict]:
    import json

    if name not in LAYERS:
        raise ValueError(f"{name!r} is not one of {', '.join(LAYERS)}")
    collection = json.loads(bundled_path("naturalearth", f"{name}.geojson").read_text(encoding="utf-8"))
    return {str(feature["properties"]["name"]): feature for feature in collection["features"]}


def feature_names(name: str) -> list[str]:
    """The ``name`` of every feature of a Natural Earth layer, in the file's order."""
    return list(_features_by_name(name))


@functools.cache
def feature_geometry(name: str, feature: str):
    """The shapely geometry of one feature of a layer, by its ``name`` (cached).

    Builds only the geometry asked for: a map that needs three countries' polygons does not
    pay for the other 238 (the same coordinates :func:`load_layer` reads, without GDAL).
    """
    from shapely.geometry import shape

    return shape(_features_by_name(name)[feature]["geometry"])
