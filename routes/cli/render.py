"""``routes render``: the interactive HTML map of a scenario, and PNG, PDF or embeddable copies."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import (
    WRITES_HELP,
    fail_cleanly,
    load_case,
    mkdir_option,
    nodes_option,
    observations_option,
    progress,
    quiet_option,
    scenario_argument,
    speed_option,
)
from routes.outputs.snapshots import PRESETS
from routes.render.projection import PROJECTIONS


def _bounds(ctx, param, value):
    if value is None:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not WEST,SOUTH,EAST,NORTH in degrees, e.g. 129.5,41.5,133,43.5"
        ) from None
    if not (-90 <= south < north <= 90 and west < east and east - west <= 360):
        raise click.BadParameter(f"{value!r}: need west < east and south < north, latitudes within ±90")
    return (west, south, east, north)


def _banner(ctx, param, value):
    if value is None:
        return None
    text = " ".join(value.split())
    if not text or len(text) > 200 or not text.isprintable():
        raise click.BadParameter("give 1-200 printable characters, e.g. --banner 'DRAFT'")
    return text


_path = click.Path(dir_okay=False, path_type=Path)


@click.command("render", epilog=WRITES_HELP)
@scenario_argument
@click.option(
    "-o",
    "--output",
    type=_path,
    default=None,
    help="HTML file to write [default: maps/<scenario-id>.html, unless only --png/--pdf/--embed are asked for].",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Self-contained page: no tile server, a vector basemap from Natural Earth inside; zero requests when opened.",
)
@click.option("--png", "png", type=_path, default=None, help="Also write a PNG (headless Chromium; offline basemap).")
@click.option(
    "--pdf", "pdf", type=_path, default=None, help="Also write a one-page PDF (headless Chromium; offline basemap)."
)
@click.option(
    "--embed",
    "embed",
    type=_path,
    default=None,
    help="Also write an HTML fragment (a sandboxed iframe with a fixed aspect ratio) to paste into another page.",
)
@click.option(
    "--width",
    "width_px",
    type=click.IntRange(200, 8000),
    default=1600,
    show_default=True,
    help="Width of PNG/PDF and aspect ratio of --embed, in CSS pixels.",
)
@click.option(
    "--height",
    "height_px",
    type=click.IntRange(200, 8000),
    default=1000,
    show_default=True,
    help="Height of PNG/PDF and aspect ratio of --embed, in CSS pixels.",
)
@click.option(
    "--preset",
    type=click.Choice(sorted(PRESETS)),
    default=None,
    help="PNG/PDF page size for a briefing: "
    + "; ".join(f"{k} {w}x{h} ({d})" for k, (w, h, d) in PRESETS.items())
    + ". Type scales with the page.",
)
@click.option(
    "--scale",
    type=click.FloatRange(0.5, 4),
    default=1.0,
    show_default=True,
    help="Device pixel ratio of the PNG (2 for sharp slides).",
)
@click.option(
    "--banner",
    callback=_banner,
    default=None,
    metavar="TEXT",
    help="Handling marking shown at the top, e.g. 'DRAFT' or a classification.",
)
@click.option(
    "--bounds",
    callback=_bounds,
    default=None,
    metavar="W,S,E,N",
    help="Initial view as west,south,east,north in degrees (also for PNG/PDF).",
)
@click.option(
    "--view",
    "view_id",
    default=None,
    metavar="LEG_OR_NODE",
    help="Initial view zoomed to a leg id (see 'routes info') or a node id, e.g. najin-tikhoretsk/najin-dunay.",
)
@click.option("--no-tiles", is_flag=True, help="Online page without a tile basemap.")
@click.option(
    "--locator/--no-locator",
    default=None,
    help="Add a small locator globe with the map's area outlined "
    "(default: in PNG/PDF when the route spans less than a continent; not in the HTML page).",
)
@click.option(
    "--projection",
    type=click.Choice(PROJECTIONS),
    default="auto",
    show_default=True,
    help="Projection of the PNG/PDF: 'conic' (Lambert conformal conic fitted to the route, its scale bar "
    "holds across the frame), 'mercator', or 'auto' (conic over 1,000 km). The HTML page stays Web Mercator.",
)
@click.option(
    "--color-by",
    "--colour-by",
    "colour_by",
    default=None,
    metavar="COLUMN",
    help="Plain files: colour lines by this column (categories or quantile classes).",
)
@click.option("--width-by", default=None, metavar="COLUMN", help="Plain files: line width by this number column.")
@click.option("--tooltip", default=None, metavar="COL,...", help="Plain files: columns shown on hover and click.")
@click.option(
    "--time", "time_column", default=None, metavar="COLUMN", help="Plain files: a date column for the time control."
)
@observations_option(
    "Draw what 'routes observe' found (tracks, dark periods, port calls, ...) apart from the claims "
    "(repeatable; added to the scenario's own 'observations')."
)
@speed_option
@nodes_option
@mkdir_option
@quiet_option
@click.pass_context
@fail_cleanly
def command(
    ctx,
    scenario,
    output,
    offline,
    png,
    pdf,
    embed,
    width_px,
    height_px,
    preset,
    scale,
    banner,
    bounds,
    view_id,
    no_tiles,
    locator,
    projection,
    colour_by,
    width_by,
    tooltip,
    time_column,
    observation_files,
    speeds,
    nodes,
    mkdir,
    quiet,
):
    """Render SCENARIO as an interactive HTML map and print the paths written.

    SCENARIO may also be a plain line or point file (GeoJSON, GeoPackage, anything GDAL
    reads): its features are drawn on one fast canvas layer, styled with --color-by,
    --width-by, --tooltip and --time.

    \b
    Examples:
      routes render
      routes render dprk-russia-2023 -o briefing.html --offline --banner DRAFT
      routes render --png map.png --scale 2
      routes render --png slide.png --preset slide-16x9 --projection mercator --no-locator
      routes render --png sea-leg.png --view najin-tikhoretsk/najin-dunay
      routes render --pdf map.pdf --width 1754 --height 1240
      routes render --embed fragment.html --offline
      routes render voyages.geojson --offline --color-by kind --width-by volume --tooltip name,kind
      routes render dprk-russia-2023 --observations observed.geojson --offline
    """
    from routes.geo.legs import build_legs
    from routes.outputs.export import write_embed, write_html, write_snapshot
    from routes.render import render_map

    if bounds is not None and view_id is not None:
        raise click.UsageError("give --bounds or --view, not both")
    if preset is not None:
        from click.core import ParameterSource

        if any(ctx.get_parameter_source(p) is ParameterSource.COMMANDLINE for p in ("width_px", "height_px")):
            raise click.UsageError("give --preset or --width/--height, not both")
        width_px, height_px, _ = PRESETS[preset]
    if png is not None or pdf is not None:
        from routes.outputs.snapshots import find_chromium, require_playwright

        find_chromium()  # fail before any work when no browser can take the snapshot
        require_playwright()
    plain = scenario is not None and Path(scenario).suffix.lower() not in ("", ".toml")
    if plain:
        _render_plain(
            ctx,
            Path(scenario),
            output,
            offline,
            no_tiles,
            colour_by,
            width_by,
            tooltip,
            time_column,
            png,
            pdf,
            width_px,
            height_px,
            scale,
            mkdir,
        )
        return
    if any(v is not None for v in (colour_by, width_by, tooltip, time_column)):
        raise click.UsageError("--color-by, --width-by, --tooltip and --time are for plain line files, not scenarios")
    progress(ctx, "Loading scenario ...")
    case = load_case(scenario, nodes)
    _check_outputs(ctx, output, Path("maps") / f"{case.id}.html", (png, pdf, embed), mkdir)
    progress(ctx, f"Building legs of '{case.id}' ...")
    legs = build_legs(case, speeds)
    drawn, drawn_legs = case, legs  # what render_map draws: with observations, the case's model
    if observation_files or case.observation_files:
        from routes.analysis.case import case_model

        progress(ctx, "Reading observations ...")
        drawn, drawn_legs = case_model(case, legs, speeds, observations=tuple(observation_files)), None
    view = bounds or view_id
    written = []
    if output is not None or not (png or pdf or embed):
        progress(ctx, f"Rendering {len(legs)} legs, {len(case.claims)} claims{' (offline)' if offline else ''} ...")
        fmap = render_map(
            drawn,
            drawn_legs,
            offline=offline,
            tiles=None if no_tiles else "Esri.WorldGrayCanvas",
            banner=banner,
            view=view,
            locator=bool(locator),
            speeds=speeds,
        )
        written.append(write_html(fmap, output or Path("maps") / f"{case.id}.html"))
    if embed is not None:
        fmap = render_map(
            drawn,
            drawn_legs,
            offline=offline,
            tiles=None if no_tiles else "Esri.WorldGrayCanvas",
            banner=banner,
            view=view,
            locator=bool(locator),
            speeds=speeds,
        )
        written.append(write_embed(fmap, embed, width_px=width_px, height_px=height_px, title=case.title))
    if png is not None or pdf is not None:
        from routes.outputs.snapshots import SnapshotSession

        snap_map = render_map(
            drawn,
            drawn_legs,
            offline=True,
            banner=banner,
            view=view,
            locator="auto" if locator is None else locator,
            speeds=speeds,
            projection=projection,
        )
        progress(ctx, "Starting headless Chromium ...")
        with SnapshotSession() as session:
            for kind, path in (("png", png), ("pdf", pdf)):
                if path is not None:
                    progress(ctx, f"Taking the {kind.upper()} ...")
                    written.append(
                        write_snapshot(
                            snap_map, path, kind, session=session, width_px=width_px, height_px=height_px, scale=scale
                        )
                    )
    for path in written:
        click.echo(str(path))


def _check_outputs(ctx, output, default, others, mkdir):
    """Refuse the outputs before the rendering (:func:`routes.outputs.export.check_outputs`).
    The page's default folder (``maps/``) is created without ``--mkdir``, and said."""
    from routes.outputs.export import check_outputs

    given = [p for p in (output, *others) if p is not None]
    check_outputs(given, mkdir=mkdir)
    if output is None and not any(p is not None for p in others):
        if not default.parent.exists():
            progress(ctx, f"Creating the folder {default.parent} for the page")
        check_outputs([default], mkdir=True)


def _render_plain(
    ctx,
    path,
    output,
    offline,
    no_tiles,
    colour_by,
    width_by,
    tooltip,
    time_column,
    png,
    pdf,
    width_px,
    height_px,
    scale,
    mkdir,
):
    import time

    from routes.load.linefile import load_linefile
    from routes.outputs.export import write_html, write_snapshot
    from routes.render.bulk import render_bulk_map

    columns = tuple(c.strip() for c in (tooltip or "").split(",") if c.strip())
    wanted = tuple(c for c in (colour_by, width_by, time_column) if c) + columns
    start = time.perf_counter()
    progress(ctx, f"Reading {path} ...")
    linefile = load_linefile(path, columns=wanted)
    if width_by:
        import pandas

        if not pandas.api.types.is_numeric_dtype(linefile.frame[width_by]):
            raise click.BadParameter(f"column {width_by!r} is not numeric", param_hint="--width-by")
    _check_outputs(ctx, output, Path("maps") / f"{path.stem}.html", (png, pdf), mkdir)
    count = len(linefile.frame)
    progress(ctx, f"Encoding {count:,} features ({time.perf_counter() - start:.1f} s) ...")
    options = {
        "colour_by": colour_by,
        "width_by": width_by,
        "tooltip": columns,
        "time": time_column,
        "title": path.name,
    }
    written = []
    if output is not None or not (png or pdf):
        fmap = render_bulk_map(linefile, offline=offline, tiles=None if no_tiles else "Esri.WorldGrayCanvas", **options)
        written.append(write_html(fmap, output or Path("maps") / f"{path.stem}.html"))
    if png or pdf:
        from routes.outputs.snapshots import SnapshotSession

        snap = render_bulk_map(linefile, offline=True, **options)
        with SnapshotSession() as session:
            for kind, target in (("png", png), ("pdf", pdf)):
                if target is not None:
                    written.append(
                        write_snapshot(
                            snap, target, kind, session=session, width_px=width_px, height_px=height_px, scale=scale
                        )
                    )
    progress(ctx, f"Done in {time.perf_counter() - start:.1f} s")
    for item in written:
        click.echo(str(item))
