"""Plain line and point files (GeoJSON, GeoPackage, anything pyogrio reads), for bulk maps.

:func:`load_linefile` reads a file, reprojects it to WGS84, keeps its lines and points and
checks the columns a map asks for (colour, width, tooltip, time), reporting every problem at
once. :func:`encode_lines` turns the geometry into the compact form the page decodes:
coordinates quantised to 1e-5 degree (about 1 m), delta-encoded, zigzag- and varint-encoded
(LEB128: most steps take two bytes) and base64-encoded, one data layer for all features.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from routes.errors import Problems
from routes.load.files import MAX_INPUT_BYTES, display_name
from routes.load.reads import note_read
from routes.model.encoding import varint_text

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

#: Largest plain file routes reads, in bytes (bulk files are bigger than scenarios).
MAX_LINEFILE_BYTES = 20 * MAX_INPUT_BYTES
QUANTUM = 1e-5
LINE_TYPES = {"LineString", "MultiLineString"}
POINT_TYPES = {"Point", "MultiPoint"}


@dataclass(frozen=True)
class LineFile:
    """A loaded plain file: its features (EPSG:4326) and the file's name."""

    frame: geopandas.GeoDataFrame
    file: str
    skipped_empty: int


#: GDAL refuses a single GeoJSON object over OGR_GEOJSON_MAX_OBJ_SIZE megabytes (a line of
#: about a million vertices by default). routes reads one as large as the whole file may be
#: (:data:`MAX_LINEFILE_BYTES`), the cap that a user is told about.
GEOJSON_MAX_OBJ_MB = str(MAX_LINEFILE_BYTES // (1024 * 1024))


#: What reading a file GDAL cannot make sense of raises: pyogrio's DataSourceError and DataLayerError
#: (and their kin) are RuntimeErrors; a missing or unreadable file is an OSError, bad text a ValueError.
READ_ERRORS = (RuntimeError, OSError, ValueError)


def read_vector_file(path: Path, layer: str | None = None) -> geopandas.GeoDataFrame:
    """Read (one layer of) a file with pyogrio, letting a single GeoJSON feature be as large
    as a file may be; raises one of :data:`READ_ERRORS` for a file GDAL cannot read."""
    import geopandas
    import pyogrio

    previous = pyogrio.get_gdal_config_option("OGR_GEOJSON_MAX_OBJ_SIZE")
    pyogrio.set_gdal_config_options({"OGR_GEOJSON_MAX_OBJ_SIZE": GEOJSON_MAX_OBJ_MB})
    try:
        return geopandas.read_file(path, engine="pyogrio", layer=layer)
    finally:
        pyogrio.set_gdal_config_options({"OGR_GEOJSON_MAX_OBJ_SIZE": previous})


def check_line_file(path: Path, problems: Problems, too_big: str) -> None:
    """Add the problems of a line file found before it is opened: missing, or over
    :data:`MAX_LINEFILE_BYTES` (``too_big`` is the fix the message suggests). The file is
    noted as read (:func:`routes.load.reads.note_read`)."""
    note_read(path)
    for sidecar in (".dbf", ".shx", ".prj", ".cpg") if path.suffix.lower() == ".shp" else ():
        note_read(path.with_suffix(sidecar))  # GDAL reads a shapefile's other files too
    if not path.exists():
        problems.add("", "", "file not found", "check the path")
    elif path.is_file() and path.stat().st_size > MAX_LINEFILE_BYTES:
        size = path.stat().st_size
        problems.add("", "", f"file is {size:,} bytes, over the limit of {MAX_LINEFILE_BYTES:,} bytes", too_big)


def load_linefile(path: str | Path, *, columns: tuple[str, ...] = ()) -> LineFile:
    """Read a line/point file, reprojected to WGS84, checking it and the ``columns`` asked for.

    Raises
    ------
    routes.ValidationError
        One line per problem: unreadable file, no CRS where coordinates are not degrees,
        geometry types other than lines and points, coordinates out of range, unknown columns.
    """
    import numpy
    import shapely

    path = Path(path)
    file = display_name(path)
    problems = Problems(file)
    check_line_file(
        path,
        problems,
        "split the file, or convert it to GeoPackage (ogr2ogr out.gpkg in.geojson) and simplify long "
        "lines (ogr2ogr -simplify 0.0001)",
    )
    problems.raise_if_any()
    try:
        frame = read_vector_file(path)
    except READ_ERRORS as exc:
        problems.add(
            "",
            "",
            f"cannot be read as a vector file ({type(exc).__name__}: {str(exc)[:200]})",
            "give a GeoJSON, GeoPackage or another file GDAL reads",
        )
        problems.raise_if_any()
    if frame.crs is None:
        west, south, east, north = frame.total_bounds if len(frame) else (0, 0, 0, 0)
        if not (-180 <= west and east <= 180 and -90 <= south and north <= 90):
            problems.add(
                "",
                "crs",
                "the file has no coordinate reference system and its coordinates are not degrees",
                "give the file a CRS (e.g. ogr2ogr -a_srs EPSG:xxxx) or reproject it to WGS84",
            )
            problems.raise_if_any()
        frame = frame.set_crs("EPSG:4326")
    elif not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    empty = frame.geometry.isna() | frame.geometry.is_empty
    skipped = int(empty.sum())
    frame = frame[~empty].reset_index(drop=True)
    if not len(frame):
        problems.add("", "", "no feature with a geometry", "give a file with lines or points")
    kinds = set(frame.geom_type)
    if kinds - LINE_TYPES - POINT_TYPES:
        bad = sorted(kinds - LINE_TYPES - POINT_TYPES)
        first = int(numpy.flatnonzero(frame.geom_type.isin(bad))[0])
        problems.add(
            f"feature {first}",
            "geometry",
            f"type {bad[0]!r} is not a line or a point ({len(bad)} such types)",
            "keep LineString, MultiLineString, Point and MultiPoint features",
        )
    coords = shapely.get_coordinates(frame.geometry.values)
    if len(coords):
        finite = numpy.isfinite(coords).all(axis=1)
        in_range = finite & (numpy.abs(coords[:, 0]) <= 180) & (numpy.abs(coords[:, 1]) <= 90)
        if not in_range.all():
            count = int((~in_range).sum())
            sample = coords[~in_range][0].tolist()
            problems.add(
                "",
                "geometry",
                f"{count:,} coordinates are not finite or out of range (first: {sample})",
                "fix or drop those features; coordinates are [lon, lat] in degrees",
            )
    for column in columns:
        if column not in frame.columns:
            from routes.model.fields import suggest

            available = ", ".join(c for c in frame.columns if c != "geometry")
            problems.add("", column, "no such column", suggest(column, frame.columns, f"columns: {available}"))
    problems.raise_if_any()
    return LineFile(frame, file, skipped)


def encode_lines(frame: geopandas.GeoDataFrame) -> dict:
    """The features' coordinates in the page's compact form.

    Returns ``{"coords": the pairs' deltas in :mod:`routes.model.encoding` (lon, lat pairs), "starts": vertex index where
    each part starts, "feature": feature index of each part, "points": 1 for point parts}``;
    deltas restart at each part.
    """
    import numpy
    import shapely

    parts = shapely.get_parts(frame.geometry.values, return_index=True)
    geometries, owner = parts
    counts = shapely.get_num_coordinates(geometries)
    coords = shapely.get_coordinates(geometries)
    quantised = numpy.rint(coords / QUANTUM).astype(numpy.int64)
    deltas = numpy.diff(quantised, axis=0, prepend=numpy.zeros((1, 2), dtype=numpy.int64))
    starts = numpy.concatenate([[0], numpy.cumsum(counts)[:-1]]).astype(numpy.int64)
    if len(starts):
        deltas[starts] = quantised[starts]  # each part starts from absolute values
    is_point = numpy.isin(shapely.get_type_id(geometries), [0]).astype(numpy.int8)
    return {
        "coords": varint_text(deltas.ravel()),
        "starts": starts.tolist(),
        "feature": owner.astype(numpy.int64).tolist(),
        "points": is_point.tolist(),
        "quantum": QUANTUM,
        "vertices": len(coords),
    }
