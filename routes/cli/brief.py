"""``routes brief``: the case's story as a deck, a PDF, an offline page, or one image a step."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import (
    WRITES_HELP,
    fail_cleanly,
    load_case,
    mkdir_option,
    nodes_option,
    progress,
    quiet_option,
    scenario_argument,
)


@click.command("brief", epilog=WRITES_HELP)
@scenario_argument
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=(
        "Write the pack, by the name's ending: .pptx (title slide, one slide per step, claims and sources "
        "slides), .pdf (the same pages), .html (one offline page that steps through the views). "
        "Repeat for several."
    ),
)
@click.option(
    "--png",
    "png_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write one PNG per step into this folder (step-01.png, ...), captioned, for any slide tool.",
)
@click.option(
    "--theme",
    type=click.Choice(["light", "dark"]),
    default="light",
    show_default=True,
    help="Colours of the .pptx and .pdf slides: dark is light type on near black, for a dark room.",
)
@nodes_option
@mkdir_option
@quiet_option
@click.pass_context
@fail_cleanly
def command(ctx, scenario, outputs, png_dir, theme, nodes, mkdir, quiet):
    """Make the briefing pack of SCENARIO from its story ([[story]] in the scenario; a case
    without one gets a single step, the whole case): each step's map at its view and its
    day, in the print layout, all from one headless Chromium.

    \b
    Examples:
      routes brief dprk-russia-2023 -o deck.pptx
      routes brief dprk-russia-2023 -o deck.pdf -o story.html
      routes brief dprk-russia-2023 -o deck.pptx --theme dark
      routes brief dprk-russia-2023 --png slides/
      routes brief my-case.toml -o deck.pptx --png slides/
    """
    from routes.analysis.case import case_model
    from routes.analysis.story import story_steps
    from routes.outputs.briefing import deck_kind, slide_pngs, story_pngs, write_deck
    from routes.outputs.export import check_outputs, write_atomic
    from routes.outputs.snapshots import SnapshotSession

    if not outputs and png_dir is None:
        raise click.UsageError("give -o deck.pptx, -o deck.pdf, -o story.html, --png FOLDER, or several")
    kinds = [deck_kind(path) for path in outputs]  # a bad name fails before any work
    case = load_case(scenario, nodes)
    model = case_model(case)
    count = len(story_steps(case))
    pngs = [png_dir / f"step-{number:02d}.png" for number in range(1, count + 1)] if png_dir is not None else []
    # Before the pictures, the slow part: the pack's every file against the files read.
    check_outputs([*outputs, *pngs], folders=[png_dir] if png_dir is not None else [], mkdir=mkdir)
    progress(ctx, f"Briefing pack of '{case.id}': {count} step{'s' if count != 1 else ''}")
    needs_browser = png_dir is not None or any(kind != ".html" for kind in kinds)
    session = SnapshotSession() if needs_browser else None
    try:
        slide_images = None
        if any(kind in (".pptx", ".pdf") for kind in kinds):
            slide_images = slide_pngs(model, session=session, progress=lambda s: progress(ctx, s))
        if png_dir is not None:
            images = story_pngs(model, caption="full", session=session, progress=lambda s: progress(ctx, s))
            for path, image in zip(pngs, images, strict=True):
                click.echo(str(write_atomic(path, image)))
        for path in outputs:
            click.echo(str(write_deck(model, slide_images, path, session=session, theme=theme)))
    finally:
        if session is not None:
            session.close()
