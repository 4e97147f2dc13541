"""``routes validate``: check scenario, node and network files and report every problem."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import error_lines, nodes_option, show_warnings
from routes.errors import RoutesError, ValidationError


def _kind(path: Path) -> str:
    if path.suffix.lower() in (".geojson", ".json"):
        return "nodes"
    try:
        with path.open("rb") as handle:
            head = handle.read(20_000).decode("utf-8", errors="replace") if path.is_file() else ""
    except OSError:
        head = ""
    return "network" if "[[segments]]" in head else "scenario"


@click.command("validate")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@nodes_option
@click.pass_context
def command(ctx, files, nodes):
    """Check FILEs: scenarios (.toml, or ids of bundled scenarios, with the node and network
    files they name), node files (.geojson) and network files (.toml with [[segments]]).

    Prints one line per problem, naming the file, the record, the field and the fix, and
    exits with status 1 if there is any. Scenarios are also checked on the map: a sea
    segment may not cross land (over 2 km outside its ports' approaches), a rail or road
    segment may not cross open water (over 5 km in one stretch). A value still reading
    'REPLACE: ...' (a 'routes new' placeholder) is a problem too.

    \b
    Examples:
      routes validate my-case.toml
      routes validate my-case.toml my-nodes.geojson my-rail.toml
      routes validate dprk-russia-2023
      routes validate ports.geojson --id-field port --name-field name
      routes validate my-case.toml --nodes bundled --nodes my-nodes.geojson
    """
    from routes.geo.gaps import NO_NETWORK_FILE
    from routes.geo.resolve import load_scenario
    from routes.geo.terrain import terrain_findings
    from routes.load.bundled import resolve_scenario
    from routes.load.networks import load_network
    from routes.load.nodesources import load_node_sources, source_from_text
    from routes.outputs.starter import placeholder_problems

    foreign = {
        "id_field": ctx.params.get("id_field"),
        "name_field": ctx.params.get("name_field"),
        "kind": ctx.params.get("node_kind"),
    }

    def node_source(path):  # a node file among FILES is read with --id-field etc. when given
        return source_from_text(path, **foreign) if any(foreign.values()) else source_from_text(path)

    debug = (ctx.find_root().obj or {}).get("debug")
    failed = False
    for name in files:
        try:
            path = resolve_scenario(name)
            kind = _kind(path)
            if kind == "nodes" or (kind == "scenario" and path.suffix.lower() == ".csv"):
                kind = "nodes"
                source = node_source(path)
                frame, warnings = load_node_sources([source])
                show_warnings(warnings)
                left = placeholder_problems(None, [source])
                if left:
                    raise ValidationError(left)
                summary = f"{len(frame)} nodes"
            elif kind == "network":
                summary = f"{len(load_network(path).segments)} segments"
            else:
                case = load_scenario(path, nodes=nodes)
                show_warnings(case.warnings)
                findings = terrain_findings(case)
                # An assumed line's water is in its loading warning already (routes.geo.gaps).
                drawn = [f for f in findings if f.drawn_by_routes and f.file != NO_NETWORK_FILE]
                show_warnings(f"{f.problem()} (drawn by routes: {f.file})" for f in drawn)
                mistakes = [f.problem() for f in findings if not f.drawn_by_routes]
                mistakes += placeholder_problems(path, nodes)
                if mistakes:
                    raise ValidationError(mistakes)
                summary = f"{len(case.routes)} routes, {len(case.legs_specs)} legs, {len(case.claims)} claims"
            click.echo(f"ok: {path} ({kind}: {summary})")
        except RoutesError as exc:
            if debug:
                raise
            failed = True
            for line in error_lines(exc):
                click.echo(f"routes: error: {line}", err=True)
        except Exception as exc:  # a bug: still one line, with a way to learn more
            if debug:
                raise
            failed = True
            click.echo(
                f"routes: internal error: {name}: {type(exc).__name__}: {exc}; "
                "run again with 'routes --debug ...' and report the traceback",
                err=True,
            )
    if failed:
        ctx.exit(1)
