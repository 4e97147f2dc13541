"""``routes render``: write the interactive HTML map of a scenario."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import fail_cleanly, nodes_option, progress, quiet_option, scenario_argument


@click.command("render")
@scenario_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="HTML file to write [default: maps/<scenario-id>.html in the current folder].")
@click.option("--no-tiles", is_flag=True, help="Draw no tile basemap (no requests to a tile server).")
@nodes_option
@quiet_option
@click.pass_context
@fail_cleanly
def command(ctx, scenario, output, no_tiles, nodes, quiet):
    """Render SCENARIO as an interactive HTML map and print the file's path.

    \b
    Examples:
      routes render
      routes render dprk-russia-2023 -o briefing.html
    """
    from routes.export import write_html
    from routes.legs import build_legs
    from routes.render import render_map
    from routes.scenario import load_scenario

    progress(ctx, "Loading scenario ...")
    case = load_scenario(scenario, nodes=nodes)
    progress(ctx, f"Building legs of '{case.id}' ...")
    legs = build_legs(case)
    progress(ctx, f"Rendering {len(legs)} legs, {len(case.claims)} claims ...")
    fmap = render_map(case, legs, tiles=None if no_tiles else "Esri.WorldGrayCanvas")
    path = write_html(fmap, output or Path("maps") / f"{case.id}.html")
    click.echo(str(path))
