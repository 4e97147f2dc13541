"""What the subcommands share: lazy loading, one-line errors, common options."""

from __future__ import annotations

import functools
from importlib import import_module
from pathlib import Path

import click

from routes.errors import RoutesError, ValidationError


class RoutesGroup(click.Group):
    """A group that imports a subcommand's module only when the subcommand runs."""

    def __init__(self, *args, commands_modules: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.commands_modules = commands_modules

    def list_commands(self, ctx):
        return sorted(self.commands_modules)

    def get_command(self, ctx, name):
        module = self.commands_modules.get(name)
        if module is None:
            return None
        return import_module(module).command


def error_lines(exc: RoutesError) -> list[str]:
    """The lines to print for an error: one per problem."""
    return [str(p) for p in exc.problems] if isinstance(exc, ValidationError) else [str(exc)]


def fail_cleanly(func):
    """Turn :class:`RoutesError` into one stderr line per problem and exit status 1. The
    command runs inside :func:`routes.load.reads.tracking_reads`, so no output it writes can
    replace a file it read (:func:`routes.outputs.export.check_outputs`)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from routes.load.reads import tracking_reads

        ctx = click.get_current_context()
        try:
            with tracking_reads():
                return func(*args, **kwargs)
        except RoutesError as exc:
            if (ctx.find_root().obj or {}).get("debug"):
                raise
            lines = error_lines(exc)
            for line in lines:
                click.echo(f"routes: error: {line}", err=True)
            if isinstance(exc, ValidationError) and len(lines) > 1:
                click.echo(f"routes: {len(lines)} problems; nothing was written", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort, BrokenPipeError):
            raise
        except Exception as exc:  # a bug: still one line, with a way to learn more
            if (ctx.find_root().obj or {}).get("debug"):
                raise
            click.echo(
                f"routes: internal error: {type(exc).__name__}: {exc}; "
                "run again with 'routes --debug ...' and report the traceback",
                err=True,
            )
            ctx.exit(2)

    return wrapper


def progress(ctx: click.Context, message: str) -> None:
    """A progress line on stderr, unless --quiet."""
    if not ctx.params.get("quiet"):
        click.echo(message, err=True)


def _speeds(ctx, param, value):
    from routes.model.speeds import Speeds

    try:
        return Speeds().with_overrides(list(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


speed_option = click.option(
    "--speed",
    "speeds",
    multiple=True,
    callback=_speeds,
    metavar="MODE=SPEED",
    help="Override a speed: sea=12kn, rail=1000km/d, top-rail=1400km/d (top speeds are for 'check'), "
    "transfer=24h, border=48h.",
)
scenario_argument = click.argument("scenario", required=False, metavar="[SCENARIO]")


def nodes_option(func):
    """``--nodes FILE`` (repeatable; ``bundled`` for the bundled file) with ``--id-field``,
    ``--name-field`` and ``--node-kind`` for a file in another schema; the command gets
    ``nodes``: a list of :class:`routes.load.nodesources.NodeSource`, or None for the scenario's own."""

    @functools.wraps(func)
    def wrapper(*args, nodes, id_field, name_field, node_kind, **kwargs):
        from routes.load.nodesources import source_from_text

        sources = [
            source_from_text(n, id_field=id_field, name_field=name_field, kind=node_kind)
            if n != "bundled"
            else source_from_text(n)
            for n in nodes
        ] or None
        return func(*args, nodes=sources, **kwargs)

    options = [
        click.option(
            "--nodes",
            multiple=True,
            metavar="FILE",
            help="Node file to use instead of the scenario's (repeatable; 'bundled' for the bundled one), "
            "in the routes schema, or in another with --id-field: GeoJSON Points or a CSV with lon/lat.",
        ),
        click.option(
            "--id-field",
            default=None,
            metavar="FIELD",
            help="With --nodes: the field that holds each record's id (e.g. 'port' for UN/LOCODE).",
        ),
        click.option(
            "--name-field", default=None, metavar="FIELD", help="With --nodes: the field that holds the name."
        ),
        click.option(
            "--node-kind",
            default=None,
            type=click.Choice([k.value for k in _node_kinds()]),
            help="With --nodes in another schema: the kind of its records [default: their 'kind' field, else site].",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def _node_kinds():
    from routes.model.vocabulary import NodeKind

    return list(NodeKind)


def load_case(scenario, nodes=None):
    """Load a scenario (see :func:`routes.load_scenario`) and print its warnings on stderr."""
    from routes.geo.resolve import load_scenario
    from routes.outputs.starter import placeholder_problems

    case = load_scenario(scenario, nodes=nodes)
    show_warnings(case.warnings)
    left = placeholder_problems(case.path, nodes)
    if left:
        many = f"{len(left)} placeholders" if len(left) > 1 else "a placeholder"
        first = f"{left[0].file}: {left[0].message.split(' is a placeholder')[0]}"
        show_warnings([f"{many} of 'routes new' left ({first}, ...); 'routes validate {case.path.name}' lists them"])
    return case


def show_warnings(warnings) -> None:
    """One ``routes: warning:`` line on stderr per warning."""
    for line in warnings:
        click.echo(f"routes: warning: {line}", err=True)


def observations_option(help_text: str):
    """``--observations FILE`` (repeatable): ``routes observe`` output read with the case; the
    command gets ``observation_files``, a tuple of paths. ``help_text`` says what the command does with it."""
    return click.option(
        "--observations",
        "observation_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=help_text,
    )


quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress messages.")
mkdir_option = click.option(
    "--mkdir",
    is_flag=True,
    help="Create the output's folder if it is missing [default: refuse, so a mistyped folder makes no new one].",
)
#: What every writing command's help says about where it writes (README: "Where outputs go").
WRITES_HELP = (
    "No output may be a file the command reads (the scenario, a node, network, line or image "
    "file, by any name or link): that is refused, and nothing is written. An output that is a "
    "symbolic link stays one: the file it points to is replaced."
)
