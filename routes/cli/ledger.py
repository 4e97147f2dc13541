"""``routes ledger``: the claims ledger of a scenario as CSV or Markdown, for reports."""

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
    scenario_argument,
)


@click.command("ledger", epilog=WRITES_HELP)
@scenario_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "csv"]),
    default=None,
    help="Output format [default: from the file name, else md].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write [default: stdout].",
)
@observations_option(
    "'routes observe' output: its voyages, dark periods and identity changes of the case's vessels "
    "are listed apart from the claims (Markdown; added to the scenario's own 'observations')."
)
@nodes_option
@mkdir_option
@click.pass_context
@fail_cleanly
def command(ctx, scenario, fmt, output, observation_files, nodes, mkdir):
    """Print the claims of SCENARIO by date: claimant, quantity as worded, period, status,
    evidence and numbered sources. Rows are never totalled.

    \b
    Examples:
      routes ledger dprk-russia-2023-2025
      routes ledger dprk-russia-2023-2025 -o ledger.csv
    """
    from routes.outputs.export import check_outputs, write_atomic
    from routes.outputs.ledger import ledger_csv, ledger_markdown

    case = load_case(scenario, nodes)
    fmt = fmt or ("csv" if output is not None and output.suffix.lower() == ".csv" else "md")
    seen = None
    if fmt == "md" and (observation_files or case.observation_files):
        from routes.analysis.case import observations_of

        seen = observations_of(case, tuple(observation_files))
    text = ledger_csv(case) if fmt == "csv" else ledger_markdown(case, seen)
    if output is None:
        click.echo(text, nl=False)
    else:
        check_outputs([output], mkdir=mkdir)
        click.echo(str(write_atomic(output, text.encode("utf-8"))))
