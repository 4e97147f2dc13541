"""``routes route``: the fastest plausible route between two nodes, across modes."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import (
    WRITES_HELP,
    fail_cleanly,
    mkdir_option,
    nodes_option,
    progress,
    quiet_option,
    show_warnings,
    speed_option,
)


def _draught(ctx, param, value):
    if value is None:
        return None
    from routes.geo.seaways_limits import check_draught_m

    try:
        return check_draught_m(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _modes(ctx, param, value):
    if value is None:
        return None
    from routes.model.vocabulary import Mode

    try:
        return {Mode.parse(v) for v in value.split(",") if v.strip()}
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("route", epilog=WRITES_HELP)
@click.argument("start", metavar="FROM")
@click.argument("end", metavar="TO")
@click.option("--via", multiple=True, metavar="NODE", help="Pass through NODE (repeatable, in order).")
@click.option(
    "--modes",
    callback=_modes,
    default=None,
    metavar="MODES",
    help="Modes allowed, comma-separated, e.g. sea,rail [default: every mode of the networks].",
)
@speed_option
@click.option(
    "--draught",
    "draught_m",
    callback=_draught,
    type=float,
    default=None,
    metavar="METRES",
    help="The ship's draught: sea legs on the world lanes keep out of straits and canals shallower "
    "than that (the Øresund 7.7 m, the Great Belt 15 m, Suez 20.1 m …) and the note says so.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the route as a map (.html) or GeoJSON (.geojson).",
)
@click.option(
    "--offline/--online",
    default=True,
    show_default=True,
    help="With -o .html: a self-contained page with its own basemap (the default), or online tiles.",
)
@nodes_option
@mkdir_option
@quiet_option
@click.pass_context
@fail_cleanly
def command(ctx, start, end, via, modes, speeds, draught_m, output, offline, nodes, mkdir, quiet):
    """Find the fastest route FROM → TO over the bundled rail and sea networks, at typical
    speeds with a time cost for each transfer, and print it as a table of legs. Where the
    bundled sea lanes do not reach, sea legs follow the world maritime lanes.

    FROM and TO are node ids, names or aliases ('routes nodes' lists them; with --nodes, of
    those files). Durations are estimates from the stated speed assumptions, not reports.

    \b
    Examples:
      routes route najin tikhoretsk-depot
      routes route vostochny mozdok
      routes route rajin ussuriysk --modes rail
      routes route Najin Dunay --speed sea=14kn -o najin-dunay.html
      routes route amirabad alabuga               # Caspian by sea, then rail
      routes route NLRTM SGSIN --nodes ports.geojson --id-field port --name-field name --modes sea
      routes route RUPRI INSIK --nodes ports.geojson --id-field port --modes sea --draught 15
    """
    from routes.cli.info import table
    from routes.geo.alternatives import alternative_routes
    from routes.geo.routing import network_for, plan_scenario
    from routes.model.formatting import fmt_duration, fmt_km

    frame = network = None
    if nodes:
        from routes.load.nodesources import load_node_sources

        frame, warnings = load_node_sources(nodes)
        show_warnings(warnings)
        network = network_for(frame)
    progress(ctx, "Routing ...")
    plans = alternative_routes(
        start, end, via=tuple(via), modes=modes, speeds=speeds, nodes=frame, network=network, draught_m=draught_m
    )
    plan = plans[0]
    case = plan_scenario(plan, nodes=frame)
    names = case.nodes.set_index("id")["name"]
    rows = []
    for number, leg in enumerate(plan.legs, 1):
        passing = [names[n] for n in leg.path[1:-1] if n in names.index]
        shown = ", ".join(passing[:4]) + (f" … (+{len(passing) - 4})" if len(passing) > 4 else "")
        rows.append(
            [
                str(number),
                f"{names[leg.start]} → {names[leg.end]}",
                leg.mode.value,
                fmt_km(leg.distance_km),
                fmt_duration(plan.leg_hours(leg)),
                shown or "-",
                plan.leg_note(number - 1) or "-",
            ]
        )
    click.echo(
        f"{names[plan.start]} → {names[plan.end]}: {fmt_km(plan.distance_km)}, "
        f"{fmt_duration(plan.hours)} with {plan.transfers} transfer(s) and "
        f"{plan.border_crossings} border crossing(s) (estimate)"
    )
    click.echo("")
    click.echo(table(["#", "leg", "mode", "distance", "duration", "via", "note"], rows))
    click.echo("")
    if len(plans) > 1:
        click.echo("Other ways, through another transfer point or border crossing (fastest first):")
        for other in plans[1:]:
            stops = " → ".join(names[n] for n in other.stops)
            crossings = [names[n] for leg in other.legs for n in leg.path if n in other.borders]
            if crossings:
                stops += f" (crossing at {', '.join(crossings)})"
            third = [c for i in range(len(other.legs)) for c in other.leg_transits(i)]
            if third:
                stops += f" (via {', '.join(third)}, assumed)"
            elif any(plan.transits):
                stops += " (no third country: all in the countries of its ends)"
            extra = other.hours - plan.hours
            click.echo(
                f"  {stops}: {fmt_km(other.distance_km)}, {fmt_duration(other.hours)} "
                f"({'+' if extra >= 0 else ''}{extra:.0f} h)"
            )
        click.echo("Routes a few hours apart are equally plausible under these assumptions.")
        click.echo("")
    click.echo("Assumptions (override with --speed):")
    for line in speeds.describe():
        click.echo(f"  {line}")
    click.echo("Paths are computed on the networks (geometry_basis: routed): plausible, not reported.")
    if output is not None:
        from routes.geo.legs import build_legs
        from routes.outputs.export import check_outputs, write_geojson, write_html
        from routes.render import render_map

        check_outputs([output], mkdir=mkdir)
        legs = build_legs(case, speeds)  # the same speeds as the table above
        if output.suffix.lower() in (".geojson", ".json"):
            path = write_geojson(case, legs, output)
        else:
            path = write_html(render_map(case, legs, offline=offline, speeds=speeds), output)
        click.echo(str(path))
