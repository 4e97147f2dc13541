"""The import itself: read the lines, build the graph, attach the nodes, write the network file.

The steps are described in the package docstring (:mod:`routes.geo.netimport`)."""

from __future__ import annotations

import re
from pathlib import Path

from routes.errors import Problems
from routes.geo.geodesy import GEOD
from routes.geo.netimport.attach import attach_nodes
from routes.geo.netimport.options import DECIMALS, ImportOptions, ImportResult
from routes.geo.netimport.read import _count_parts, read_lines
from routes.geo.netimport.toml import network_text
from routes.geo.netimport.topology import build_graph, components, simplify_edges
from routes.load.files import MAX_INPUT_BYTES, display_name


def import_network(
    path: str | Path, options: ImportOptions, *, nodes=None, nodes_file: str | None = None
) -> ImportResult:
    """Build a network file from the lines of ``path`` (see the module docstring).

    Parameters
    ----------
    path
        A line file GDAL reads.
    options
        Mode, source and licence texts, tolerances, the id prefix, the layer and name field.
    nodes
        A node frame (:func:`routes.load.nodes.load_nodes`) to attach to the network, or None.
    nodes_file
        The node file's name, for the file's header.

    Raises
    ------
    routes.ValidationError
        One line per problem of the input.
    """
    import numpy

    file = display_name(Path(path))
    frame, names, skipped, assumed_crs = read_lines(path, layer=options.layer, name_field=options.name_field)
    graph, dropped = build_graph(frame, names, options.snap_m, options.prefix)
    if not graph.edges:
        problems = Problems(file)
        problems.add(
            "",
            "geometry",
            f"every line collapses to a point once ends within {options.snap_m:g} m are joined: nothing to build",
            "check that the file holds the lines, or lower --snap-m",
        )
        problems.raise_if_any()
    if nodes is not None:
        generated = re.compile(rf"{re.escape(options.prefix)}-[js][0-9]+")
        clash = sorted(n for n in nodes["id"] if generated.fullmatch(n))
        if clash:
            problems = Problems(nodes_file or "nodes")
            problems.add(
                f"node '{clash[0]}'",
                "id",
                "has the form of the ids of the imported network's junctions and segments",
                "choose another --prefix for the junction ids",
            )
            problems.raise_if_any()
        attached, unattached = attach_nodes(graph, nodes, options.attach_km, options.snap_m)
    else:
        attached, unattached = [], []
    lines = simplify_edges(graph.edges, options.simplify_m)
    if lines:
        flat = numpy.concatenate(lines)
        steps = GEOD.line_lengths(flat[:, 0], flat[:, 1])
        counts = numpy.array([len(x) for x in lines])
        last = numpy.cumsum(counts) - 1
        step_owner = numpy.repeat(numpy.arange(len(lines)), counts)[:-1]
        valid = numpy.ones(len(steps), bool)
        valid[last[:-1]] = False
        km = numpy.bincount(
            step_owner[valid], weights=numpy.asarray(steps)[valid] / 1000.0, minlength=len(lines)
        ).astype(float, copy=False)  # floats already: the weights are (numpy's stubs say integers)
    else:
        km = numpy.zeros(0)
    starts = numpy.array([e[0] for e in graph.edges], dtype=int)
    ends = numpy.array([e[1] for e in graph.edges], dtype=int)
    comps = components(starts, ends, lines, km)
    junction_count = len({e[i] for e in graph.edges for i in (0, 1)}) - len(attached)
    header = [
        f"Network file written by 'routes network import' from {Path(file).name}"
        + (f" (layer '{options.layer}')" if options.layer else "")
        + f", mode {options.mode.value}.",
        f"Source: {options.source}. Licence: {options.licence}.",
        (
            f"Line ends, and vertices two lines share, within {options.snap_m:g} m of each other (WGS84 geodesic) "
            "are one junction; a line end within that distance of another line splits it there; lines that cross "
            "without a shared vertex (bridges) are not joined."
        ),
        (
            f"Shape points are simplified (Douglas-Peucker): each segment stays within {options.simplify_m:g} m of "
            f"the source's line; coordinates are rounded to 1e-{DECIMALS} degree (about 1 m)."
        ),
        (
            "Shape points are named after the line's name field where it has one, else 'shape point'; a segment's "
            "note gives the feature number it comes from."
        ),
        f"{len(frame):,} lines read; {junction_count:,} junctions; {len(graph.edges):,} segments; "
        f"{float(km.sum()):,.0f} km; {len(comps):,} connected component(s)"
        + (f", the largest with {100 * comps[0].km / max(float(km.sum()), 1e-9):.1f} % of the km." if comps else "."),
    ]
    if nodes is not None:
        header.append(
            f"Nodes of {nodes_file or 'the node file'} within {options.attach_km:g} km of a line are joined to "
            f"its nearest point by a segment of their own: {len(attached)} attached, {len(unattached)} not"
            + (
                f" ({', '.join(n for n, _ in unattached[:20])}{' ...' if len(unattached) > 20 else ''})."
                if unattached
                else "."
            )
        )
        header.append("Use this file with that node file (scenario: nodes = that file, networks = [this file]).")
    text = network_text(graph, lines, options, header)
    size = len(text.encode("utf-8"))
    if size > MAX_INPUT_BYTES:
        problems = Problems(file)
        problems.add(
            "",
            "",
            f"the network file would be {size:,} bytes, over the {MAX_INPUT_BYTES:,} bytes routes reads",
            f"raise --simplify-m (now {options.simplify_m:g}) or clip the lines to the case's region "
            "(ogr2ogr -spat west south east north)",
        )
        problems.raise_if_any()
    return ImportResult(
        text,
        len(frame),
        _count_parts(frame),
        skipped,
        dropped,
        junction_count,
        len(graph.edges),
        float(km.sum()),
        comps,
        tuple(attached),
        tuple(unattached),
        assumed_crs,
    )
