"""Writing the built graph as a network file (TOML, :mod:`routes.load.networks`)."""

from __future__ import annotations

import json
import re

from routes.geo.netimport.options import DECIMALS, ImportOptions
from routes.geo.netimport.topology import _Graph


def _toml_text(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL is escaped too)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _comment(text: str) -> str:
    """One line of a TOML comment: TOML allows no control character in one but the tab."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


def _number(value: float) -> str:
    text = f"{value:.{DECIMALS}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def network_text(graph: _Graph, lines: list, options: ImportOptions, header: list[str]) -> str:
    """The network file (TOML) of a graph whose edges' coordinates are ``lines``."""
    source = _toml_text(options.source)
    out = [f"# {_comment(line)}" for line in header]
    description = (
        f"Imported with 'routes network import': line ends within {options.snap_m:g} m "
        f"(WGS84 geodesic) joined into junctions; shape points simplified to stay within "
        f"{options.simplify_m:g} m of the source's lines."
    )
    out += [
        "format_version = 1",
        f'mode = "{options.mode.value}"',
        f"source = {source}",
        f"licence = {_toml_text(options.licence)}",
        f"description = {_toml_text(description)}",
        "",
    ]
    used = sorted({e[i] for e in graph.edges for i in (0, 1)})
    node_places = {i for e in graph.edges if e[3] is None for i in (e[0],)}
    out.append("junctions = [")
    for j in used:
        if j in node_places:
            continue
        lon, lat = graph.lonlat[j]
        out.append(
            f'  {{ id = "{graph.place_ids[j]}", name = {_toml_text(graph.place_names[j])}, '
            f"lon = {_number(lon)}, lat = {_number(lat)}, source = {source} }},"
        )
    out.append("]")
    for number, (edge, line) in enumerate(zip(graph.edges, lines), 1):
        start, end, _, feature, name = edge
        out += [
            "",
            "[[segments]]",
            f'id = "{options.prefix}-s{number}"',
            f'from = "{graph.place_ids[start]}"',
            f'to = "{graph.place_ids[end]}"',
        ]
        if feature is None:
            out += [
                'geometry_confidence = "low"',
                f"note = {_toml_text(f'joins the node to the nearest point of the line (within {options.attach_km:g} km; assumed)')}",
                "points = []",
            ]
            continue
        out.append('geometry_confidence = "medium"')
        out.append(f"note = {_toml_text(f'feature {feature}' + (f' ({name})' if name else ''))}")
        point_name = _toml_text(name or "shape point")
        interior = line[1:-1]
        if not len(interior):
            out.append("points = []")
            continue
        out.append("points = [")
        out += [
            f"  {{ name = {point_name}, lon = {_number(lon)}, lat = {_number(lat)}, source = {source} }},"
            for lon, lat in interior
        ]
        out.append("]")
    return "\n".join(out) + "\n"
