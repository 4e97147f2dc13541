"""``routes export``: write the GeoJSON export of a scenario."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import (
    WRITES_HELP,
    fail_cleanly,
    load_case,
    mkdir_option,
    nodes_option,
    progress,
    quiet_option,
    scenario_argument,
)


@click.command("export", epilog=WRITES_HELP)
@scenario_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write (use '-' for stdout). A name ending in .kml writes KML.",
)
@click.option("--kml", is_flag=True, help="Write KML for Google Earth instead of GeoJSON.")
@nodes_option
@mkdir_option
@quiet_option
@click.pass_context
@fail_cleanly
def command(ctx, scenario, output, kml, nodes, mkdir, quiet):
    """Export SCENARIO as one GeoJSON FeatureCollection: nodes, legs with their claims,
    every claim, vessels and events (format: docs/export-format.md); or as KML.

    \b
    Examples:
      routes export dprk-russia-2023 -o dprk-russia-2023.geojson
      routes export --kml -o dprk-russia-2023.kml
    """
    from routes.geo.legs import build_legs
    from routes.outputs.export import check_outputs, geojson_text, write_geojson, write_kml

    progress(ctx, "Loading scenario ...")
    case = load_case(scenario, nodes)
    legs = build_legs(case)
    kml = kml or output.suffix.lower() == ".kml"
    if str(output) == "-":
        if kml:
            from routes.outputs.kml import to_kml

            click.echo(to_kml(case, legs).decode("utf-8"), nl=False)
        else:
            click.echo(geojson_text(case, legs), nl=False)
        return
    check_outputs([output], mkdir=mkdir)
    click.echo(str(write_kml(case, legs, output) if kml else write_geojson(case, legs, output)))
