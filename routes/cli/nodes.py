"""``routes nodes``: list the nodes of the bundled node file (or another)."""

from __future__ import annotations

import click

from routes.cli._common import fail_cleanly


@click.command("nodes")
@click.option("--nodes", "node_file", type=click.Path(dir_okay=False), default=None,
              help="Node file to list instead of the bundled one.")
@click.pass_context
@fail_cleanly
def command(ctx, node_file):
    """List nodes: id, kind, country, coordinate confidence, name and aliases."""
    from routes._data import bundled_path
    from routes.cli.info import cell, table
    from routes.nodes import load_nodes

    frame = load_nodes(node_file or bundled_path("ports.geojson"))
    rows = [[r["id"], r["kind"], r["country"], r["coord_confidence"],
             cell(r["name"] + (f" ({', '.join(r['aliases'])})" if r["aliases"] else ""))]
            for r in frame.to_dict("records")]
    click.echo(table(["id", "kind", "country", "confidence", "name (aliases)"], rows))
