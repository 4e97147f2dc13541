"""``routes check``: whether each claim's timeline is physically possible on its route."""

from __future__ import annotations

import click

from routes.cli._common import fail_cleanly, nodes_option, scenario_argument, speed_option


@click.command("check")
@scenario_argument
@speed_option
@nodes_option
@click.pass_context
@fail_cleanly
def command(ctx, scenario, speeds, nodes):
    """For each claim of SCENARIO, compare its period with the fastest transit of the legs it
    covers (top speeds, shortest transfers) and say: plausible, tight, impossible, or not
    checked. Periods are read at their widest.

    \b
    Example:
      routes check dprk-russia-2023
    """
    from routes.cli.info import table
    from routes.legs import build_legs
    from routes.plausibility import check_timelines
    from routes.scenario import load_scenario
    case = load_scenario(scenario, nodes=nodes)
    checks = check_timelines(case, build_legs(case), speeds)
    rows = [[c.claim, c.verdict, "-" if c.period_days is None else f"{c.period_days} d",
             "-" if c.min_transit_days is None else f"{c.min_transit_days:.1f} d",
             "-" if c.slack_days is None else f"{c.slack_days:.1f} d"] for c in checks]
    click.echo(table(["claim", "timeline", "period (at most)", "fastest transit", "slack"], rows))
    click.echo("")
    for c in checks:
        click.echo(f"{c.claim}: {c.verdict}: {c.reason}")
