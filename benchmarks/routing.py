"""Time loading the bundled networks and answering route queries.

Targets (issue 5): loading the networks under 1 s; a route query under 50 ms after that.

    python benchmarks/routing.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    import networkx  # noqa: F401  (import time is not loading time)

    from routes import bundled_path, load_nodes
    from routes.geo.graph import RoutingGraph
    from routes.geo.routing import bundled_network
    from routes.load.networks import node_positions
    from routes.model.speeds import Speeds

    start = time.perf_counter()
    nodes = load_nodes(bundled_path("ports.geojson"))
    network = bundled_network()
    positions = node_positions(nodes, network)
    borders = set(nodes.loc[nodes["kind"] == "border-crossing", "id"])
    graph = RoutingGraph(network, positions, Speeds(), None, borders)
    load_s = time.perf_counter() - start
    queries = [
        ("najin", "tikhoretsk-depot"),
        ("vostochny", "mozdok"),
        ("najin", "ussuriysk"),
        ("vladivostok", "yegorlykskaya"),
    ]
    times = []
    for _ in range(args.repeat):
        for a, b in queries:
            t0 = time.perf_counter()
            graph.shortest(a, b)
            times.append(time.perf_counter() - t0)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(
        f"load nodes and networks, build the graph: {load_s * 1000:.0f} ms "
        f"({len(network.segments)} segments, {graph.graph.number_of_nodes()} vertices; target < 1000 ms)"
    )
    print(
        f"route query: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
        f"over {len(times)} queries (target < 50 ms)"
    )
    return 0 if load_s < 1.0 and max(times) < 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())
