"""Bulk maps of plain line/point files: one compact data layer drawn on a canvas.

The page carries the features' coordinates once (see :func:`routes.load.linefile.encode_lines`) and the styling and tooltip
columns as JSON; ``static/bulk.js`` draws them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from routes.model.hiddentext import visible
from routes.model.palette import CATEGORY_COLOURS, OTHER_COLOUR
from routes.render.assets import font_css, leaflet_css, leaflet_js, static_text
from routes.render.map import ONLINE_TILES, script_json

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from routes.load.linefile import LineFile

SEQUENTIAL = ("#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154")  # viridis, light to dark
WIDTH_CLASSES = (1.0, 1.8, 2.8, 4.0, 5.5)
DEFAULT_COLOUR, DEFAULT_WIDTH = CATEGORY_COLOURS[1], 1.6
MAX_TOOLTIP_CHARS = 200


def _text(value) -> str:
    import pandas

    if (
        value is None
        or (isinstance(value, float) and math.isnan(value))
        or (not isinstance(value, str) and pandas.isna(value))
    ):
        return ""
    text = visible(str(value))
    return text if len(text) <= MAX_TOOLTIP_CHARS else text[: MAX_TOOLTIP_CHARS - 1] + "…"


def _texts(series: pandas.Series) -> list[str]:
    """A column as display strings: missing values empty, long ones cut (vectorised)."""
    texts = series.astype(object).where(series.notna(), "").astype(str).map(visible)
    long = texts.str.len() > MAX_TOOLTIP_CHARS
    if long.any():
        texts[long] = texts[long].str.slice(0, MAX_TOOLTIP_CHARS - 1) + "…"
    return texts.tolist()


def colour_scheme(series: pandas.Series | None) -> dict:
    """Per-feature colour index, the palette and the legend entries ``[index, label]``."""
    import numpy
    import pandas

    if series is None:
        return {"index": [0] * 0, "palette": [DEFAULT_COLOUR], "legend": [], "constant": True}
    numeric = pandas.api.types.is_numeric_dtype(series) and not pandas.api.types.is_bool_dtype(series)
    if numeric and series.nunique(dropna=True) > len(CATEGORY_COLOURS):
        values = series.astype(float).to_numpy()
        finite = values[numpy.isfinite(values)]
        edges = (
            numpy.unique(numpy.quantile(finite, numpy.linspace(0, 1, len(SEQUENTIAL) + 1))) if len(finite) else [0, 1]
        )
        bins = numpy.clip(numpy.searchsorted(edges, values, side="right") - 1, 0, len(edges) - 2)
        binned = numpy.where(numpy.isfinite(values), bins, len(edges) - 1).astype(int)
        palette = list(SEQUENTIAL[: len(edges) - 1]) + [OTHER_COLOUR]
        legend = [[i, f"{series.name}: {edges[i]:,.4g} – {edges[i + 1]:,.4g}"] for i in range(len(edges) - 1)]
        if (~numpy.isfinite(values)).any():
            legend.append([len(edges) - 1, f"{series.name}: no value"])
        return {"index": binned.tolist(), "palette": palette, "legend": legend}
    labels = series.map(_text)
    counts = labels.value_counts(sort=False)
    order = sorted(counts.index, key=lambda v: (-counts[v], v))
    shown = (
        order[: len(CATEGORY_COLOURS)] if len(order) <= len(CATEGORY_COLOURS) else order[: len(CATEGORY_COLOURS) - 1]
    )
    lookup = {value: i for i, value in enumerate(shown)}
    other = len(shown)
    index = [lookup.get(v, other) for v in labels]
    palette = list(CATEGORY_COLOURS[: len(shown)]) + [OTHER_COLOUR]
    legend = [[i, f"{v or '(empty)'} ({counts[v]:,})"] for i, v in enumerate(shown)]
    if len(order) > len(shown):
        legend.append([other, f"{len(order) - len(shown):,} other values"])
    return {"index": index, "palette": palette, "legend": legend}


def width_scheme(series: pandas.Series | None) -> dict:
    """Per-feature width class and the legend sentence (5 quantile classes of a number column)."""
    import numpy

    if series is None:
        return {"classes": [DEFAULT_WIDTH], "index": None, "legend": None}
    values = series.astype(float).to_numpy()
    finite = values[numpy.isfinite(values)]
    edges = (
        numpy.unique(numpy.quantile(finite, numpy.linspace(0, 1, len(WIDTH_CLASSES) + 1))) if len(finite) else [0, 1]
    )
    bins = numpy.clip(numpy.searchsorted(edges, values, side="right") - 1, 0, max(0, len(edges) - 2))
    index = numpy.where(numpy.isfinite(values), bins, 0).astype(int)
    classes = list(WIDTH_CLASSES[: max(1, len(edges) - 1)])
    legend = (
        f"Line width: {series.name}, {len(classes)} classes from {edges[0]:,.4g} to {edges[-1]:,.4g} "
        "(quantiles; wider is more)"
    )
    return {"classes": classes, "index": index.tolist(), "legend": legend}


def time_scheme(series: pandas.Series, file: str) -> dict:
    """Per-feature position on the time control (-1: no date, always shown) and the labels."""
    import pandas

    from routes.errors import Problems

    parsed = pandas.to_datetime(series, errors="coerce", utc=True, format="ISO8601")
    bad = series.notna() & parsed.isna()
    if bad.any():
        problems = Problems(file)
        first = series[bad].iloc[0]
        problems.add(
            f"feature {int(bad.to_numpy().argmax())}",  # the first bad one, by position from 0
            str(series.name),
            f"{_text(first)!r} is not an ISO 8601 date or time ({int(bad.sum()):,} such values)",
            "write dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS",
        )
        problems.raise_if_any()
    days = parsed.dt.strftime("%Y-%m-%d")
    labels = sorted(d for d in days.dropna().unique())
    position = {d: i for i, d in enumerate(labels)}
    index = [position[d] if isinstance(d, str) else -1 for d in days]
    return {"column": str(series.name), "labels": labels, "index": index}


def bulk_payload(
    linefile: LineFile,
    *,
    colour_by: str | None = None,
    width_by: str | None = None,
    tooltip: tuple[str, ...] = (),
    time: str | None = None,
    title: str | None = None,
) -> dict:
    """The page's data document for a plain file (see :mod:`routes.load.linefile` for the geometry)."""
    from routes.load.linefile import encode_lines

    frame = linefile.frame
    count = len(frame)
    colour = colour_scheme(frame[colour_by] if colour_by else None)
    if colour.pop("constant", False):
        colour["index"] = [0] * count
    width = width_scheme(frame[width_by] if width_by else None)
    if width["index"] is None:
        width["index"] = [0] * count
    summary = f"{count:,} features from {linefile.file}"
    if linefile.skipped_empty:
        summary += f" ({linefile.skipped_empty:,} without geometry left out)"
    return {
        "title": title or linefile.file,
        "summary": summary,
        "geometry": encode_lines(frame),
        "colour": colour,
        "width": width,
        "tooltip": {"columns": list(tooltip), "values": [_texts(frame[c]) for c in tooltip]},
        "time": time_scheme(frame[time], linefile.file) if time else None,
    }


class BulkPage:
    """A complete, self-contained page for a plain file; written like a folium map
    (:func:`routes.write_html`, :func:`routes.outputs.export.write_snapshot`) and shown inline in
    Jupyter. Built without folium: importing folium costs half a second, and a page with one
    canvas layer needs nothing of it but Leaflet.
    """

    def __init__(self, head: str, body: str):
        self.head, self.body = head, body

    def get_root(self) -> BulkPage:
        return self

    def render(self) -> str:
        return (
            '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8" />\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1.0" />\n'
            "<style>html, body {width: 100%; height: 100%; margin: 0; padding: 0;}"
            " #routes-bulk-map {position: absolute; inset: 0;}</style>\n"
            f"{self.head}</head>\n<body>\n{self.body}</body>\n</html>\n"
        )

    def _repr_html_(self) -> str:
        import html

        return (
            f'<iframe srcdoc="{html.escape(self.render(), quote=True)}" style="width:100%;height:600px;border:0" '
            'sandbox="allow-scripts allow-popups"></iframe>'
        )


def render_bulk_map(
    linefile: LineFile, *, offline: bool = False, tiles: str | None = ONLINE_TILES, **options
) -> BulkPage:
    """A page drawing every feature of a plain file on one canvas layer.

    ``options`` are those of :func:`bulk_payload` (``colour_by``, ``width_by``, ``tooltip``,
    ``time``, ``title``). Online pages use a light tile basemap; offline pages carry the
    Natural Earth basemap and make no request.
    """
    import json

    payload = bulk_payload(linefile, **options)
    west, south, east, north = (float(v) for v in linefile.frame.total_bounds)
    basemap = None
    if offline:
        from routes.render.basemap import basemap_levels

        basemap = basemap_levels((west, south, east, north))
    tile_js = ""
    if tiles and not offline:
        from xyzservices import providers

        provider = providers.query_name(tiles)
        tile_js = (
            f"L.tileLayer({json.dumps(provider.build_url())}, "
            f"{{attribution: {json.dumps(provider.html_attribution)}, maxZoom: {int(provider.get('max_zoom', 18))}}})"
            ".addTo(routes_bulk_map);\n"
        )
    head = (
        f"<style>{font_css()}</style>\n<style>{leaflet_css()}</style>\n<script>{leaflet_js()}</script>\n"
        f"<style>{static_text('routes.css')}</style>\n<script>{static_text('page.js')}</script>\n"
        f"<script>{static_text('type.js')}</script>\n"
        f"<script>{static_text('codec.js')}</script>\n"
        f"<script>{static_text('basemap.js')}</script>\n"
        f"<script>{static_text('bulk.js')}</script>\n"
    )
    body = (
        '<div id="routes-bulk-map"></div>\n'
        f'<script type="application/json" id="routes-bulk-data">{script_json(payload)}</script>\n'
        f'<script type="application/json" id="routes-bulk-basemap">{script_json(basemap)}</script>\n'
        "<script>\n"
        'var routes_bulk_map = L.map("routes-bulk-map", {preferCanvas: true});\n'
        "L.control.scale().addTo(routes_bulk_map);\n"
        f"{tile_js}"
        f"routes_bulk_map.fitBounds([[{south}, {west}], [{north}, {east}]], {{padding: [20, 20]}});\n"
        'var routes_bulk_basemap = JSON.parse(document.getElementById("routes-bulk-basemap").textContent);\n'
        "if (routes_bulk_basemap) { routesDrawBasemap(routes_bulk_map, routes_bulk_basemap); }\n"
        'routesBulkInit(routes_bulk_map, JSON.parse(document.getElementById("routes-bulk-data").textContent));\n'
        "</script>\n"
    )
    return BulkPage(head, body)
