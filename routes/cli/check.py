"""``routes check``: whether each claim's timeline is physically possible on its route."""

from __future__ import annotations

import click

from routes.cli._common import (
    fail_cleanly,
    load_case,
    nodes_option,
    observations_option,
    scenario_argument,
    speed_option,
)


@click.command("check")
@scenario_argument
@observations_option(
    "'routes observe' output: its voyages of the case's vessels count as trips for the throughput check."
)
@speed_option
@nodes_option
@click.pass_context
@fail_cleanly
def command(ctx, scenario, observation_files, speeds, nodes):
    """For each claim of SCENARIO, compare its period with the fastest transit of the legs it
    covers and say: impossible (even the fastest transit, at top speeds and minimum transfer
    and border times, exceeds the period), tight (the typical transit, with the track factor,
    takes over 75 % of it), plausible, not applicable (snapshots, cumulative totals,
    restatements) or not checked. Pairs of dated events at nodes of one route are checked the
    same way. Periods are read at their widest; --speed overrides apply as in 'routes route'.

    Where the case gives [[capacities]] (what a trip of a named vessel carries), each claim
    with a number is also checked for throughput: its quantity over the most trips possible
    in its period, and over the fewest trips claimed, against what the ships carry
    (consistent, tight or impossible, with the arithmetic).

    \b
    Example:
      routes check dprk-russia-2023
    """
    from routes.analysis.plausibility import check_event_pairs, check_timelines
    from routes.cli.info import table
    from routes.geo.legs import build_legs

    case = load_case(scenario, nodes)
    legs = build_legs(case)
    checks = check_timelines(case, legs, speeds) + check_event_pairs(case, legs, speeds)
    rows = [
        [
            c.claim,
            c.verdict,
            "-" if c.period_days is None else f"{c.period_days} d",
            "-" if c.min_transit_days is None else f"{c.min_transit_days:.1f} d",
            "-" if c.typical_transit_days is None else f"{c.typical_transit_days:.1f} d",
            "-" if c.slack_days is None else f"{c.slack_days:.1f} d",
        ]
        for c in checks
    ]
    click.echo(table(["claim", "timeline", "period (at most)", "fastest transit", "typical transit", "slack"], rows))
    click.echo("")
    for c in checks:
        click.echo(f"{c.claim}: {c.verdict}: {c.reason}")
    observed = None
    if observation_files or case.observation_files:
        from routes.analysis.case import observations_of

        seen = observations_of(case, tuple(observation_files))
        observed = seen.trips() if seen is not None else None
    _throughput(case, legs, speeds, observed)


def _throughput(case, legs, speeds, observed=None) -> None:
    """The throughput verdicts (:mod:`routes.analysis.throughput`), when the case gives capacities."""
    from routes.analysis.throughput import check_throughput
    from routes.cli.info import table

    click.echo("")
    if not case.capacities:
        click.echo(
            "throughput: not checked (the case gives no [[capacities]]: what a trip of each named "
            "vessel carries, with its source; see docs/scenario-format.md)"
        )
        return
    checks = [c for c in check_throughput(case, legs, speeds, observed) if c.verdict != "not applicable"]
    rows = [
        [
            c.claim,
            c.verdict,
            "-" if c.least_per_trip is None else f"{c.least_per_trip:,.0f}",
            "-" if c.most_per_trip is None else f"{c.most_per_trip:,.0f}",
            "-" if c.capacity is None else f"{c.capacity[0]:,.0f}–{c.capacity[1]:,.0f}",
        ]
        for c in checks
    ]
    click.echo(table(["claim", "throughput", "least a trip", "most a trip", "a trip carries"], rows))
    click.echo("")
    for c in checks:
        click.echo(f"{c.claim}: {c.verdict}: {c.reason}")
