"""Reading a line file's lines in WGS84 and their names, with one problem line per fault."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from routes.errors import Problems
from routes.load.files import display_name
from routes.load.linefile import READ_ERRORS, check_line_file, read_vector_file
from routes.model.fields import bad_character, normalise_text, suggest

if TYPE_CHECKING:  # pragma: no cover
    import geopandas


LINE_TYPES = ("LineString", "MultiLineString")


NAME_FIELDS = ("name", "Name", "NAME")


def slugify(text: str) -> str:
    """A slug made of ``text`` (``"Rail lines 2024"`` -> ``"rail-lines-2024"``), or ``"net"``."""
    slug = re.sub(r"[^a-z0-9]+", "-", normalise_text(text).lower()).strip("-")
    return slug or "net"


def read_lines(path: str | Path, *, layer: str | None = None, name_field: str | None = None):
    """Read a line file's lines in EPSG:4326 and their names.

    Returns ``(frame, names, skipped, assumed)``: the features with a geometry, a list of clean
    names (or None) per feature, the number of features without geometry, and whether the file
    had no CRS and was read as longitude/latitude.

    Raises
    ------
    routes.ValidationError
        One line per problem: unreadable file, several layers, no CRS, not lines, bad coordinates.
    """
    import numpy
    import pyogrio
    import shapely

    path = Path(path)
    problems = Problems(display_name(path))
    check_line_file(
        path, problems, "clip it to the region you need (osmium extract, ogr2ogr -spat) or convert it to GeoPackage"
    )
    problems.raise_if_any()
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    except READ_ERRORS as exc:
        problems.add(
            "",
            "",
            f"cannot be read as a vector file ({type(exc).__name__}: {str(exc)[:200]})",
            "give a GeoJSON, GeoPackage, Shapefile, FlatGeobuf or another file GDAL reads",
        )
        problems.raise_if_any()
    if layer is None and len(layers) > 1:
        problems.add(
            "",
            "layer",
            f"the file has {len(layers)} layers ({', '.join(layers[:8])})",
            "choose the one with the lines with --layer NAME",
        )
    elif layer is not None and layer not in layers:
        problems.add(
            f"layer '{layer}'", "layer", "no such layer", suggest(layer, layers, f"layers: {', '.join(layers)}")
        )
    problems.raise_if_any()
    frame = _read_layer(path, layer, problems)
    assumed = False
    if frame.crs is None:
        west, south, east, north = (
            frame.total_bounds if len(frame) and not frame.geometry.is_empty.all() else (0, 0, 0, 0)
        )
        if not (-180 <= west and east <= 180 and -90 <= south and north <= 90):
            problems.add(
                "",
                "crs",
                "the file has no coordinate reference system and its coordinates are not degrees "
                f"(bounds {west:.0f}, {south:.0f}, {east:.0f}, {north:.0f})",
                "give the file its CRS (ogr2ogr -a_srs EPSG:xxxx out.gpkg in.shp) or reproject it to WGS84",
            )
            problems.raise_if_any()
        frame = frame.set_crs("EPSG:4326")
        assumed = True
    elif not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    empty = frame.geometry.isna() | frame.geometry.is_empty
    skipped = int(empty.sum())
    frame = frame[~empty.to_numpy()]
    if not len(frame):
        problems.add("", "geometry", "no feature with a line", "give a file (or --layer) with LineString features")
        problems.raise_if_any()
    types = frame.geom_type.to_numpy()
    bad = ~numpy.isin(types, LINE_TYPES)
    if bad.any():
        first = int(numpy.flatnonzero(bad)[0])
        problems.add(
            f"feature {frame.index[first]}",
            "geometry",
            f"is a {types[first]}, not a line ({int(bad.sum()):,} such features)",
            "keep only LineString and MultiLineString features (ogr2ogr -nlt MULTILINESTRING -where ...) "
            "or choose the line layer with --layer",
        )
    coords = shapely.get_coordinates(frame.geometry.to_numpy())
    ok = numpy.isfinite(coords).all(axis=1) & (numpy.abs(coords[:, 0]) <= 180) & (numpy.abs(coords[:, 1]) <= 90)
    if not ok.all():
        counts = shapely.get_num_coordinates(frame.geometry.to_numpy())
        owner = numpy.repeat(numpy.arange(len(frame)), counts)
        first = int(owner[numpy.flatnonzero(~ok)[0]])
        problems.add(
            f"feature {frame.index[first]}",
            "geometry",
            f"{int((~ok).sum()):,} coordinates are not finite or out of range after reprojection to WGS84",
            "fix or drop those features, or give the file its right CRS",
        )
    names: list[str | None] = [None] * len(frame)
    column = name_field or next((c for c in NAME_FIELDS if c in frame.columns), None)
    if column is not None and column not in frame.columns:
        others = [c for c in frame.columns if c != "geometry"]
        problems.add("", column, "no such field", suggest(column, others, f"fields: {', '.join(others) or 'none'}"))
    elif column is not None:
        names = [clean_name(v) for v in frame[column].tolist()]
    problems.raise_if_any()
    return frame, names, skipped, assumed


def _read_layer(path: Path, layer: str | None, problems: Problems) -> geopandas.GeoDataFrame:
    try:
        return read_vector_file(path, layer).reset_index(drop=True)
    except READ_ERRORS as exc:
        problems.add(
            "",
            "",
            f"cannot be read as a vector file ({type(exc).__name__}: {str(exc)[:200]})",
            "give a GeoJSON, GeoPackage, Shapefile, FlatGeobuf or another file GDAL reads",
        )
        problems.raise_all()


def clean_name(value: object) -> str | None:
    """A line's name as network files take it: NFC text without control characters, or None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = " ".join(normalise_text(str(value)).split())
    text = "".join(c for c in text if not bad_character(c))[:200]
    return text or None


def _count_parts(frame) -> int:
    import shapely

    return int(shapely.get_num_geometries(frame.geometry.to_numpy()).sum())
