"""``routes network``: network files from other data (``routes network import``)."""

from __future__ import annotations

import math
from pathlib import Path

import click

from routes.cli._common import WRITES_HELP, fail_cleanly, mkdir_option, quiet_option


def _finite(ctx, param, value):
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value!r} is not a finite number; give a number >= 0, e.g. {param.default:g}")
    return value


@click.group("network")
def command():
    """Build network files (the lines legs follow) from other data.

    \b
    Examples:
      routes network import rail.gpkg --mode rail --source "OpenStreetMap contributors, 2024-05-01 extract" --licence ODbL-1.0 -o rail.toml
    """


@command.command("import", epilog=WRITES_HELP)
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--mode", required=True, type=click.Choice(["rail", "road", "sea"]), help="Mode of the network's segments."
)
@click.option("--layer", default=None, help="Layer to read, for a file with several (GeoPackage, OSM PBF: 'lines').")
@click.option("--name-field", default=None, help="Field holding the lines' names [default: 'name' if the file has it].")
@click.option(
    "--snap-m",
    type=click.FloatRange(min=0),
    default=50.0,
    show_default=True,
    callback=_finite,
    help="Line ends (and shared vertices) closer than this, in metres (geodesic), become one junction.",
)
@click.option(
    "--simplify-m",
    type=click.FloatRange(min=0),
    default=200.0,
    show_default=True,
    callback=_finite,
    help="Shape points are dropped while the line stays within this many metres of the source's line.",
)
@click.option(
    "--nodes",
    "nodes_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A routes node file (GeoJSON) whose nodes are joined to the nearest point of the lines.",
)
@click.option(
    "--attach-km",
    type=click.FloatRange(min=0),
    default=5.0,
    show_default=True,
    callback=_finite,
    help="With --nodes: join only nodes at most this far from a line.",
)
@click.option(
    "--source",
    default=None,
    help="Where the lines come from (required), e.g. 'OpenStreetMap contributors, Geofabrik extract 2024-05-01'.",
)
@click.option("--licence", default=None, help="The data's licence (required), e.g. ODbL-1.0 for OpenStreetMap.")
@click.option(
    "--prefix",
    default=None,
    help="Prefix of the junction and segment ids [default: from the output's or input's file name].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Network file to write (.toml) [default: standard output].",
)
@mkdir_option
@quiet_option
@click.pass_context
@fail_cleanly
def import_command(
    ctx,
    file,
    mode,
    layer,
    name_field,
    snap_m,
    simplify_m,
    nodes_path,
    attach_km,
    source,
    licence,
    prefix,
    output,
    mkdir,
    quiet,
):
    """Build a routable network file from the lines of FILE (any line file GDAL reads:
    GeoJSON, GeoPackage, Shapefile, FlatGeobuf, an OpenStreetMap extract's lines), in any CRS.

    Line ends within --snap-m of each other become junctions, lines are split where another's
    end meets them, shape points are simplified within --simplify-m, and the file records
    --source and --licence. A summary (lines, junctions, segments, km, connected components)
    goes to stderr.

    \b
    Examples:
      routes network import lines.gpkg --mode rail --source "OpenStreetMap contributors" --licence ODbL-1.0 -o rail.toml
      routes network import lines.shp --mode rail --nodes ports.geojson --attach-km 5 --source "..." --licence "..." -o rail.toml
    """
    from routes.errors import Problems
    from routes.geo.netimport import ImportOptions, import_network, slugify
    from routes.model.fields import Fields
    from routes.model.vocabulary import Mode
    from routes.outputs.export import check_outputs, write_atomic

    problems = Problems(str(file))
    given = Fields(
        problems,
        "",
        {k: v for k, v in (("--source", source), ("--licence", licence)) if v is not None},
        ("--source", "--licence"),
    )
    texts = {}
    for option, example in (
        ("--source", "--source 'OpenStreetMap contributors, extract of 2024-05-01'"),
        ("--licence", "--licence ODbL-1.0 (OpenStreetMap), or the dataset's terms"),
    ):
        texts[option] = given.text(option, required=False)
        if texts[option] is None and not any(p.field == option for p in problems.items):
            problems.add(
                "",
                option,
                "missing: the network file records where its lines come from and their terms",
                f"give {example}",
            )
    problems.raise_if_any()
    nodes = None
    if nodes_path is not None:
        from routes.load.nodes import load_nodes

        nodes = load_nodes(nodes_path)
    source_text, licence_text = texts["--source"], texts["--licence"]
    # Each came back None only with a problem recorded, and raise_if_any above raised it.
    assert source_text is not None and licence_text is not None
    options = ImportOptions(
        Mode.parse(mode),
        source_text,
        licence_text,
        snap_m=snap_m,
        simplify_m=simplify_m,
        attach_km=attach_km,
        prefix=slugify(prefix or (output or file).stem),
        layer=layer,
        name_field=name_field,
    )
    if output is not None:
        from routes.load.reads import note_read

        note_read(file)  # read next: refused as the output before the import's work
        check_outputs([output], mkdir=mkdir)
    if not quiet:
        click.echo(f"Importing {file} ...", err=True)
    result = import_network(file, options, nodes=nodes, nodes_file=str(nodes_path) if nodes_path else None)
    for line in result.report():
        click.echo(line, err=True)
    if output is None:
        click.echo(result.text, nl=False)
    else:
        click.echo(str(write_atomic(output, result.text.encode("utf-8"))), err=True)
