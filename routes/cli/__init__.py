"""The ``routes`` command line: a thin layer over the Python API.

Results go to stdout, progress and errors to stderr. Every error is one line per problem and
exit status 1; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys

import click

from routes.cli._common import RoutesGroup

COMMANDS = {
    "render": "routes.cli.render",
    "export": "routes.cli.export",
    "validate": "routes.cli.validate",
    "info": "routes.cli.info",
    "scenarios": "routes.cli.scenarios",
    "new": "routes.cli.new",
    "route": "routes.cli.route",
    "check": "routes.cli.check",
    "nodes": "routes.cli.nodes",
    "ledger": "routes.cli.ledger",
    "chart": "routes.cli.chart",
    "brief": "routes.cli.brief",
    "network": "routes.cli.network",
    "place": "routes.cli.place",
    "observe": "routes.cli.observe",
}


@click.group(cls=RoutesGroup, commands_modules=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="routes-map", prog_name="routes")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Trustworthy maps of claimed logistics flows.

    SCENARIO arguments are a path to a scenario file or the id of a bundled scenario
    (list them with 'routes scenarios'); without one, commands use the default case.

    \b
    Examples:
      routes render                         # default case -> maps/dprk-russia-2023.html
      routes render my-case.toml -o out.html
      routes info dprk-russia-2023
      routes export -o case.geojson
      routes validate my-case.toml ports.geojson
      routes new my-case                    # a commented starter scenario
      routes route najin tikhoretsk-depot   # fastest route across modes
      routes route amirabad alabuga         # world sea lanes, then rail
      routes check                          # are the claimed timelines possible?
      routes place Makhachkala              # offline gazetteer, with sources
      routes new caspian --stops "Amirabad, Makhachkala, Alabuga"
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main() -> None:
    """Entry point of the console script."""
    try:
        cli(prog_name="routes")
    except BrokenPipeError:  # e.g. `routes info | head`: the reader has gone, stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
