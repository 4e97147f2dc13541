"""``routes export``: write the GeoJSON export of a scenario."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import fail_cleanly, nodes_option, progress, quiet_option, scenario_argument


@click.command("export")
@scenario_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="GeoJSON file to write (use '-' for stdout).")
@nodes_option
@quiet_option
@click.pass_context
@fail_cleanly
def command(ctx, scenario, output, nodes, quiet):
    """Export SCENARIO as one GeoJSON FeatureCollection: nodes, legs with their claims,
    every claim, vessels and events (format: docs/export-format.md).

    \b
    Example:
      routes export dprk-russia-2023 -o dprk-russia-2023.geojson
    """
    from routes.export import geojson_text, write_geojson
    from routes.legs import build_legs
    from routes.scenario import load_scenario

    progress(ctx, "Loading scenario ...")
    case = load_scenario(scenario, nodes=nodes)
    legs = build_legs(case)
    if str(output) == "-":
        click.echo(geojson_text(case, legs), nl=False)
        return
    click.echo(str(write_geojson(case, legs, output)))
