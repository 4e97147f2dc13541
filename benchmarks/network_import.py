"""Time ``routes network import`` on a synthetic network of about 50,000 line pieces.

The network is a jittered grid over European Russia (159 x 159 crossings about 10 km apart),
each grid edge a separate line of 12 wiggling vertices whose ends miss the crossing by up to
20 m, so every junction is snapped. Measures the import (read, snap, split, simplify, write
the text), the output's size, and loading and routing the written file.

    python benchmarks/network_import.py [--size 159] [--keep out.toml]
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path


def write_grid(path: Path, size: int, seed: int = 0) -> int:
    """Write the grid's edges as a GeoPackage of LineStrings; return how many."""
    import geopandas
    import numpy
    import shapely

    rng = numpy.random.default_rng(seed)
    lon = 35.0 + 0.15 * numpy.arange(size)
    lat = 50.0 + 0.09 * numpy.arange(size)
    grid = numpy.stack(numpy.meshgrid(lon, lat), axis=-1) + rng.normal(0, 0.01, (size, size, 2))
    starts = numpy.concatenate([grid[:, :-1].reshape(-1, 2), grid[:-1, :].reshape(-1, 2)])
    ends = numpy.concatenate([grid[:, 1:].reshape(-1, 2), grid[1:, :].reshape(-1, 2)])
    t = numpy.linspace(0, 1, 12)
    lines = starts[:, None, :] + (ends - starts)[:, None, :] * t[None, :, None]
    lines[:, 1:-1] += rng.normal(0, 0.002, (len(lines), 10, 2))  # about 200 m of wiggle
    lines[:, [0, -1]] += rng.uniform(-0.0002, 0.0002, (len(lines), 2, 2))  # ends up to ~20 m off
    names = [f"line {i % 97}" for i in range(len(lines))]
    frame = geopandas.GeoDataFrame({"name": names}, geometry=shapely.linestrings(lines), crs="EPSG:4326")
    frame.to_file(path, engine="pyogrio")
    return len(frame)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=159, help="crossings per side (159: 50,244 lines)")
    parser.add_argument("--keep", type=Path, default=None, help="also write the network file here")
    args = parser.parse_args()
    import geopandas
    import networkx  # noqa: F401

    from routes.geo.graph import single_mode_path
    from routes.geo.netimport import ImportOptions, import_network
    from routes.load.networks import load_network, node_positions
    from routes.model.vocabulary import Mode

    with tempfile.TemporaryDirectory() as folder:
        lines_path = Path(folder) / "grid.gpkg"
        count = write_grid(lines_path, args.size)
        options = ImportOptions(Mode.RAIL, "synthetic grid (benchmarks/network_import.py)", "CC0-1.0", prefix="grid")
        start = time.perf_counter()
        result = import_network(lines_path, options)
        import_s = time.perf_counter() - start
        out = args.keep or Path(folder) / "grid.toml"
        out.write_text(result.text, encoding="utf-8")
        start = time.perf_counter()
        network = load_network(out)
        load_s = time.perf_counter() - start
        positions = node_positions(geopandas.GeoDataFrame({"id": []}, geometry=[], crs="EPSG:4326"), network)
        a, b = result_corners(network)
        start = time.perf_counter()
        path = single_mode_path(network, positions, Mode.RAIL, a, b)
        first_route_s = time.perf_counter() - start
        size = out.stat().st_size
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"input: {count:,} lines, {count * 12:,} vertices (GeoPackage)")
    print(
        f"import: {import_s:.1f} s -> {result.junctions:,} junctions, {result.segments:,} segments, "
        f"{result.km:,.0f} km, {len(result.components)} component(s)"
    )
    points = sum(len(s.points) for s in network.segments)
    print(
        f"output: {size / 1e6:.1f} MB ({size / result.segments:.0f} bytes a segment), {points:,} shape points "
        f"kept of {count * 10:,} interior vertices (--simplify-m {options.simplify_m:g})"
    )
    print(
        f"load_network: {load_s:.1f} s; first route corner to corner (builds the graph): {first_route_s:.1f} s, "
        f"{len(path or ()):,} places"
    )
    return 0 if path else 1


def result_corners(network) -> tuple[str, str]:
    """The junctions nearest the south-west and north-east corners."""
    ids = list(network.junctions)
    sw = min(ids, key=lambda j: network.junctions[j].lon + network.junctions[j].lat)
    ne = max(ids, key=lambda j: network.junctions[j].lon + network.junctions[j].lat)
    return sw, ne


if __name__ == "__main__":
    sys.exit(main())
