"""``routes validate``: check scenario, node and network files and report every problem."""

from __future__ import annotations

from pathlib import Path

import click

from routes._errors import RoutesError, ValidationError
from routes.cli._common import error_lines, show_warnings


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
@click.pass_context
def command(ctx, files):
    """Check FILEs: scenarios (.toml, or ids of bundled scenarios, with the node and network
    files they name), node files (.geojson) and network files (.toml with [[segments]]).

    Prints one line per problem, naming the file, the record, the field and the fix, and
    exits with status 1 if there is any. Scenarios are also checked on the map: a sea
    segment may not cross land (over 2 km outside its ports' approaches), a rail or road
    segment may not cross open water (over 5 km in one stretch).

    \b
    Examples:
      routes validate my-case.toml
      routes validate my-case.toml my-nodes.geojson my-rail.toml
      routes validate dprk-russia-2023
    """
    from routes._data import resolve_scenario
    from routes.networks import load_network
    from routes.nodes import load_nodes
    from routes.scenario import load_scenario
    from routes.terrain import terrain_findings

    debug = (ctx.find_root().obj or {}).get("debug")
    failed = False
    for name in files:
        try:
            path = resolve_scenario(name)
            kind = _kind(path)
            if kind == "nodes":
                frame = load_nodes(path)
                summary = f"{len(frame)} nodes"
            elif kind == "network":
                summary = f"{len(load_network(path).segments)} segments"
            else:
                case = load_scenario(path)
                show_warnings(case.warnings)
                findings = terrain_findings(case)
                show_warnings(f"{f.problem()} (drawn by routes: {f.file})" for f in findings if f.drawn_by_routes)
                mistakes = [f.problem() for f in findings if not f.drawn_by_routes]
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
            click.echo(f"routes: internal error: {name}: {type(exc).__name__}: {exc}; "
                       "run again with 'routes --debug ...' and report the traceback", err=True)
    if failed:
        ctx.exit(1)
