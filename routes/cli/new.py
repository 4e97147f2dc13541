"""``routes new``: write a commented starter scenario and its node file."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import fail_cleanly


@click.command("new")
@click.argument("name")
@click.option("-d", "--directory", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder to write into.")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@click.pass_context
@fail_cleanly
def command(ctx, name, directory, force):
    """Write NAME.toml (a commented starter scenario) and NAME-nodes.geojson.

    NAME is a slug such as 'my-case'. The files validate and render as they are; replace
    every REPLACE with your case.

    \b
    Example:
      routes new my-case && routes validate my-case.toml && routes render my-case.toml
    """
    from routes.export import write_atomic
    from routes.starter import starter_files

    try:
        files = starter_files(name)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="NAME") from None
    targets = {directory / file: text for file, text in files.items()}
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        raise click.UsageError(f"{', '.join(existing)} already exist; use --force to overwrite or pick another NAME")
    for path, text in targets.items():
        click.echo(str(write_atomic(path, text.encode("utf-8"))))
