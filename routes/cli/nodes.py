"""``routes nodes``: list the nodes of the bundled node file (or others)."""

from __future__ import annotations

import click

from routes.cli._common import fail_cleanly, nodes_option, show_warnings


@click.command("nodes")
@nodes_option
@click.pass_context
@fail_cleanly
def command(ctx, nodes):
    """List nodes: id, kind, country, coordinate confidence, name and aliases.

    \b
    Examples:
      routes nodes                                     # the bundled node file
      routes nodes --nodes my-nodes.geojson
      routes nodes --nodes ports.geojson --id-field port --name-field name --node-kind port
      routes nodes --nodes bundled --nodes stations.csv --id-field code
    """
    from routes.cli.info import cell, table
    from routes.load.nodesources import load_node_sources

    frame, warnings = load_node_sources(nodes or [])
    show_warnings(warnings)
    rows = [
        [
            r["id"],
            r["kind"],
            r["country"],
            r["coord_confidence"],
            cell(r["name"] + (f" ({', '.join(r['aliases'])})" if r["aliases"] else "")),
        ]
        for r in frame.to_dict("records")
    ]
    click.echo(table(["id", "kind", "country", "confidence", "name (aliases)"], rows))
