"""``routes chart``: the claims chart (PNG or SVG) for notebooks and reports."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import WRITES_HELP, fail_cleanly, load_case, mkdir_option, nodes_option, scenario_argument


@click.command("chart", epilog=WRITES_HELP)
@scenario_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="PNG or SVG file to write (by its extension).",
)
@click.option("--unit", default=None, help="Unit to chart [default: the unit most claims give a number in].")
@nodes_option
@mkdir_option
@click.pass_context
@fail_cleanly
def command(ctx, scenario, output, unit, nodes, mkdir):
    """Chart the claimed volumes of SCENARIO over time, one colour per claimant, never summed.

    Only cumulative totals share the cumulative axis; flows, snapshots, shares and claims whose
    kind is not stated sit in a panel of their own, one marker per kind; a restatement is never
    a new point. Each point sits at the end of its claimed period (the published date when the
    period is open), with a whisker from the period start. The footer gives the as-of date and
    the numbered sources (numbered as in the map and the ledger).

    \b
    Example:
      routes chart dprk-russia-2023-2025 -o claims.svg
    """
    from routes.model.vocabulary import Unit, UnitSet
    from routes.outputs.chart import chart_bytes
    from routes.outputs.export import check_outputs, write_atomic

    kind = output.suffix.lower().lstrip(".")
    if kind not in ("png", "svg"):
        raise click.BadParameter(f"{output} does not end in .png or .svg", param_hint="-o")
    case = load_case(scenario, nodes)
    # routes' own units, and those the scenario declares (its claims carry them).
    own = {c.quantity.unit for c in case.claims if c.quantity and c.quantity.unit} - set(Unit.builtin())
    try:
        unit = UnitSet(tuple(sorted(own, key=str))).parse(unit) if unit else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--unit") from None
    check_outputs([output], mkdir=mkdir)
    click.echo(str(write_atomic(output, chart_bytes(case, kind, unit=unit))))
