"""``routes info``: legs, distances and claims of a scenario as text tables."""

from __future__ import annotations

import click

from routes.cli._common import fail_cleanly, load_case, nodes_option, scenario_argument


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain text table with aligned columns."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


def _text(value: object) -> str:
    return cell(value) if isinstance(value, str) and value else "-"


def cell(text: str) -> str:
    """Text safe for one table cell on a terminal: line breaks and tabs become spaces, and
    control characters are shown escaped rather than sent to the terminal."""
    text = " ".join(str(text).split())
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@click.command("info")
@scenario_argument
@nodes_option
@click.pass_context
@fail_cleanly
def command(ctx, scenario, nodes):
    """Print the legs (distance, estimated duration, path basis) and claims of SCENARIO."""
    from routes.analysis.claims import claims_frame
    from routes.geo.legs import build_legs
    from routes.model.formatting import fmt_duration, fmt_km

    case = load_case(scenario, nodes)
    legs = build_legs(case)
    click.echo(f"{cell(case.title)} ({case.id})")
    if case.as_of:
        click.echo(f"as of {case.as_of}")
    click.echo("")
    rows = [
        [
            r["id"],
            r["mode"],
            fmt_km(r["distance_km"]),
            fmt_duration(r["duration_hours"]),
            f"{r['geometry_basis']} ({r['geometry_confidence']})",
            ", ".join(r["claims"]) or "-",
        ]
        for r in legs.to_dict("records")
    ]
    click.echo(table(["leg", "mode", "distance", "duration (estimate)", "path", "claims"], rows))
    click.echo("")
    claims = claims_frame(case)
    rows = [
        [r["id"], r["published"], r["period"], _text(r["quantity_text"]), cell(r["claimant"])[:48], r["status"]]
        for r in claims.to_dict("records")
    ]
    click.echo(table(["claim", "published", "period", "quantity (as worded)", "claimant", "status"], rows))
    click.echo("")
    click.echo("Quantities from different claimants cover overlapping periods and are never added up.")
