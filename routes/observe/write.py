"""The items as file bytes: GeoJSON or GeoParquet, one feature per item (docs/observations.md).

Both carry the same columns (:data:`PROPERTIES`) and the thresholds and inputs in the file's
metadata: a top-level ``routes_observe`` member in GeoJSON, a ``routes_observe`` key (JSON) in
the Parquet schema metadata beside GeoParquet's ``geo``. ``details`` is an object in GeoJSON and
JSON text in Parquet. Coordinates are rounded to 6 decimals (about 0.1 m); the same items give
the same bytes.
"""

from __future__ import annotations

import io
import json
import math

import numpy as np
import shapely

from routes.observe.combine import ORDER

PROPERTIES = (
    "feature_type",
    "kind",
    "mmsi",
    "mmsi_other",
    "imo",
    "start",
    "end",
    "node",
    "hours",
    "km",
    "speed_kn",
    "rule",
    "details",
)
FORMAT = "routes-observe/1"


def _plain(value):
    """A value JSON can hold (numpy scalars and arrays to Python, NaN to None)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else value
    return value


def _rounded(geometry):
    if geometry is None or geometry.is_empty:
        return None
    return shapely.transform(geometry, lambda xy: np.round(xy, 6))


def metadata(thresholds: dict, inputs: list[str]) -> dict:
    return {"format": FORMAT, "thresholds": thresholds, "inputs": inputs, "feature_types": list(ORDER)}


def geojson_bytes(items: list[dict], meta: dict) -> bytes:
    features = []
    for entry in items:
        geometry = _rounded(entry.get("geometry"))
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(shapely.to_geojson(geometry)) if geometry is not None else None,
                "properties": {name: _plain(entry.get(name)) for name in PROPERTIES},
            }
        )
    collection = {"type": "FeatureCollection", "routes_observe": _plain(meta), "features": features}
    return (json.dumps(collection, ensure_ascii=False, sort_keys=False, separators=(",", ":")) + "\n").encode()


def geoparquet_bytes(items: list[dict], meta: dict) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    geometries = [_rounded(entry.get("geometry")) for entry in items]
    columns = {
        "feature_type": pa.array([e["feature_type"] for e in items], pa.string()),
        "kind": pa.array([e["kind"] for e in items], pa.string()),
        "mmsi": pa.array([e["mmsi"] for e in items], pa.int64()),
        "mmsi_other": pa.array([e.get("mmsi_other") for e in items], pa.int64()),
        "imo": pa.array([e.get("imo") for e in items], pa.string()),
        "start": pa.array([e["start"] for e in items], pa.string()),
        "end": pa.array([e["end"] for e in items], pa.string()),
        "node": pa.array([e.get("node") for e in items], pa.string()),
        "hours": pa.array([e.get("hours") for e in items], pa.float64()),
        "km": pa.array([e.get("km") for e in items], pa.float64()),
        "speed_kn": pa.array([e.get("speed_kn") for e in items], pa.float64()),
        "rule": pa.array([e["rule"] for e in items], pa.string()),
        "details": pa.array([json.dumps(_plain(e.get("details") or {}), ensure_ascii=False) for e in items]),
        "geometry": pa.array([shapely.to_wkb(g) if g is not None else None for g in geometries], pa.binary()),
    }
    present = [g for g in geometries if g is not None]
    bounds = shapely.total_bounds(present).tolist() if present else []
    geo = {
        "version": "1.1.0",
        "primary_column": "geometry",
        "columns": {
            "geometry": {
                "encoding": "WKB",
                "geometry_types": sorted({g.geom_type for g in present}),
                **({"bbox": bounds} if present else {}),
            }
        },
    }
    schema_meta = {b"geo": json.dumps(geo).encode(), b"routes_observe": json.dumps(_plain(meta)).encode()}
    table = pa.table(columns).replace_schema_metadata(schema_meta)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def output_bytes(items: list[dict], meta: dict, suffix: str) -> bytes:
    """The file's bytes by its suffix: ``.parquet``/``.geoparquet`` or GeoJSON otherwise."""
    if suffix.lower() in (".parquet", ".geoparquet"):
        return geoparquet_bytes(items, meta)
    return geojson_bytes(items, meta)
