"""``routes scenarios``: list the bundled scenarios."""

from __future__ import annotations

import click


@click.command("scenarios")
def command():
    """List the bundled scenarios: id and file."""
    from routes.load.bundled import bundled_scenarios

    for ident, path in bundled_scenarios().items():
        click.echo(f"{ident}\t{path}")
