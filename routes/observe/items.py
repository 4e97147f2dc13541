"""One derived item: the dict every rule returns, and times as ISO 8601 UTC."""

from __future__ import annotations

import pandas as pd

from routes.observe.params import Thresholds, rule_text


def iso(seconds: float) -> str:
    """Seconds since 1970 as ISO 8601 UTC (``2023-09-12T10:00:00Z``)."""
    return pd.Timestamp(int(seconds), unit="s", tz="UTC").strftime("%Y-%m-%dT%H:%M:%SZ")


def item(feature_type: str, kind: str, mmsi: int, start: float, end: float, geometry, t: Thresholds, **extra) -> dict:
    """One derived item, with the rule that made it."""
    rule = rule_text(kind, t)
    return {
        "feature_type": feature_type,
        "kind": kind,
        "mmsi": int(mmsi),
        "start": iso(start),
        "end": iso(end),
        "rule": rule,
        "geometry": geometry,
        **extra,
    }
