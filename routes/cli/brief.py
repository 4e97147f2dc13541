"""``routes brief``: the case's story as one image per step and as a PowerPoint deck."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import fail_cleanly, load_case, nodes_option, progress, quiet_option, scenario_argument


@click.command("brief")
@scenario_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the deck: a .pptx (title slide, one slide per step, sources slide).",
)
@click.option(
    "--png",
    "png_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write one PNG per step into this folder (step-01.png, ...), for any slide tool.",
)
@nodes_option
@quiet_option
@click.pass_context
@fail_cleanly
def command(ctx, scenario, output, png_dir, nodes, quiet):
    """Make the briefing pack of SCENARIO from its story ([[story]] in the scenario; a case
    without one gets a single step, the whole case): each step's map at its view and date,
    in the print layout, all from one headless Chromium.

    \b
    Examples:
      routes brief dprk-russia-2023 -o deck.pptx
      routes brief dprk-russia-2023 --png slides/
      routes brief my-case.toml -o deck.pptx --png slides/
    """
    from routes.brief import BriefError, story_pngs, story_steps, write_deck
    from routes.case import case_model
    from routes.export import write_atomic

    if output is None and png_dir is None:
        raise click.UsageError("give -o DECK.pptx, --png FOLDER, or both")
    if output is not None and output.suffix.lower() != ".pptx":
        raise BriefError(f"{output}: the deck is written as PowerPoint; name it .pptx (or use --png for images)")
    case = load_case(scenario, nodes)
    model = case_model(case)
    progress(ctx, f"Drawing {len(story_steps(case))} step(s) of '{case.id}' ...")
    images = story_pngs(model, progress=lambda line: progress(ctx, line))
    if png_dir is not None:
        png_dir.mkdir(parents=True, exist_ok=True)
        for number, image in enumerate(images, 1):
            click.echo(str(write_atomic(png_dir / f"step-{number:02d}.png", image)))
    if output is not None:
        click.echo(str(write_deck(model, images, output)))
