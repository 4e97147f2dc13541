"""``routes observe``: AIS position reports in, tracks and the events they show out."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import WRITES_HELP, fail_cleanly, mkdir_option, progress, quiet_option


def _fields(ctx, param, value) -> dict[str, str]:
    from routes.observe.layouts import FIELDS

    mapping = {}
    for spec in value:
        name, sep, column = spec.partition("=")
        if not sep or not column or name not in FIELDS:
            raise click.BadParameter(f"{spec!r}: write NAME=COLUMN with NAME one of {', '.join(FIELDS)}")
        mapping[name] = column
    return mapping


def _parsed(parse):
    def callback(ctx, param, value):
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return callback


def _time_s(text: str, *, end: bool = False) -> int:
    """An ISO date or date-time as seconds since 1970 UTC; a bare date as ``end`` means the end of
    that day (so ``--until 2023-09-30`` keeps the 30th)."""
    import pandas as pd

    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError):
        raise ValueError(f"{text!r} is not a date; write 2023-09-01 or 2023-09-01T12:00Z") from None
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    if end and len(text.strip()) == 10:
        stamp += pd.Timedelta(days=1)
    return int(stamp.timestamp())


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise ValueError(f"{text!r}: write WEST,SOUTH,EAST,NORTH in degrees, e.g. 129,41,134,44") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south < north <= 90):
        raise ValueError(f"{text!r}: longitudes -180..180, latitudes -90..90, south below north")
    return west, south, east, north


@click.command("observe", epilog=WRITES_HELP)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write: .parquet/.geoparquet for GeoParquet, else GeoJSON.",
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    callback=_fields,
    metavar="NAME=COLUMN",
    help="Map a column of a CSV/Parquet in another layout: mmsi, time, lon, lat, sog, imo, name, "
    "callsign, flag, length_m, width_m (DMA and NOAA layouts are found from the header).",
)
@click.option(
    "--vessels",
    metavar="SCENARIO",
    help="Keep only the vessels the case names (by mmsi or imo); its port nodes are where port calls are found.",
)
@click.option(
    "--ports",
    "port_files",
    multiple=True,
    metavar="FILE",
    help="Node file (routes schema) whose every node is a port for port calls (repeatable; "
    "'bundled' for the ports of data/ports.geojson, the default).",
)
@click.option("--since", callback=_parsed(_time_s), help="Keep reports at or after this time (UTC).")
@click.option(
    "--until",
    callback=_parsed(lambda v: _time_s(v, end=True)),
    help="Keep reports before this time (UTC); a bare date keeps that whole day.",
)
@click.option("--bbox", callback=_parsed(_bbox), metavar="W,S,E,N", help="Keep reports inside this box.")
@click.option("--gap", default="6h", show_default=True, help="Shortest dark period (e.g. 6h, 90min).")
@click.option(
    "--max-speed",
    default="30kn",
    show_default=True,
    help="Fastest plausible speed: anomalies above it, reachable areas from it.",
)
@click.option("--encounter-m", default=500.0, show_default=True, help="Encounter distance, metres.")
@click.option("--encounter-h", default="2h", show_default=True, help="Shortest encounter or loitering.")
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "dask"]),
    default="duckdb",
    show_default=True,
    help="duckdb (embedded) or dask (a local distributed cluster; needs routes-map[cluster]).",
)
@mkdir_option
@quiet_option
@click.pass_context
@fail_cleanly
def command(
    ctx,
    files,
    output,
    fields,
    vessels,
    port_files,
    since,
    until,
    bbox,
    gap,
    max_speed,
    encounter_m,
    encounter_h,
    engine,
    mkdir,
    quiet,
):
    """Reduce AIS position reports in FILES to tracks, dark periods (with the area the ship could
    have reached), port calls, encounters and loitering, anomalies and identity changes: one
    feature each, with the rule that made it (format: docs/observations.md). Observations
    never become claims.

    FILES are CSV (DMA or NOAA MarineCadastre layout, or mapped with --field), Parquet or
    GeoParquet, NMEA with a time tag block on each line (needs routes-map[ais]), or Global
    Fishing Watch events JSON (kept as GFW's events). Progress goes to stderr, the path written
    to stdout.

    \b
    Examples:
      routes observe aisdk-2023-09-01.csv -o observed.geojson
      routes observe AIS_2023_09_*.csv --vessels dprk-russia-2023 -o angara.parquet
      routes observe feed.nmea --since 2023-09-01 --until 2023-09-30 --gap 12h -o dark.geojson
      routes observe export.csv --field mmsi=ship_id --field time=ts --field lon=x --field lat=y -o out.geojson
      routes observe gfw-events.json -o gfw.geojson
      routes observe big/*.parquet --bbox 129,41,134,44 --engine dask -o events.parquet
    """
    from routes.errors import RoutesError
    from routes.load.reads import note_read
    from routes.observe.engines import observe
    from routes.observe.params import Thresholds, parse_duration_hours, parse_speed_kn
    from routes.observe.sources import Cut
    from routes.observe.write import metadata, output_bytes
    from routes.outputs.export import check_outputs, write_atomic

    try:
        thresholds = Thresholds(
            gap_hours=parse_duration_hours(gap),
            max_speed_kn=parse_speed_kn(max_speed),
            encounter_m=encounter_m,
            encounter_hours=parse_duration_hours(encounter_h),
        )
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    for path in files:
        note_read(path)
    cut, ports = Cut(since_s=since, until_s=until, bbox=bbox), _ports(port_files, None)
    if vessels:
        progress(ctx, "Loading scenario ...")
        from routes.cli._common import load_case

        case = load_case(vessels)
        mmsis = frozenset(int(v.mmsi) for v in case.vessels if v.mmsi)
        imos = frozenset(v.imo for v in case.vessels if v.imo)
        if not (mmsis or imos):
            raise RoutesError(
                f"{case.path.name}: no vessel has an mmsi or imo; add them to its [[vessels]] to keep them"
            )
        cut = Cut(mmsis=mmsis, imos=imos, since_s=since, until_s=until, bbox=bbox)
        ports = _ports(port_files, case)
    check_outputs([output], mkdir=mkdir)
    items = observe(
        list(files),
        ports,
        thresholds,
        mapping=fields,
        cut=cut,
        engine=engine,
        progress=lambda message: progress(ctx, message),
    )
    meta = metadata(thresholds.metadata(), [f.name for f in files])
    path = write_atomic(output, output_bytes(items, meta, output.suffix))
    counts: dict[str, int] = {}
    for entry in items:
        counts[entry["feature_type"]] = counts.get(entry["feature_type"], 0) + 1
    progress(ctx, "observe: " + (", ".join(f"{n} {kind}" for kind, n in counts.items()) or "nothing found"))
    click.echo(str(path))


def _ports(port_files, case):
    """The port nodes: every node of each --ports file, the case's port nodes, or the bundled ports."""
    from routes.load.bundled import bundled_path
    from routes.load.nodes import load_nodes
    from routes.observe.ports import Ports

    points: dict[str, tuple[float, float]] = {}
    frames = [(load_nodes(bundled_path("ports.geojson") if f == "bundled" else f), f == "bundled") for f in port_files]
    if case is not None:
        frames.append((case.nodes, True))
    if not frames:
        frames = [(load_nodes(bundled_path("ports.geojson")), True)]
    for frame, ports_only in frames:
        for row in frame.itertuples():
            if not ports_only or str(getattr(row.kind, "value", row.kind)) == "port":
                points[row.id] = (float(row.geometry.x), float(row.geometry.y))
    return Ports.of(points)
