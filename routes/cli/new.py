"""``routes new``: write a commented starter scenario and its node file."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import click

from routes.cli._common import fail_cleanly, mkdir_option

#: What a stop is, by the modes of the legs it joins (the first that applies).
_STOP_KINDS = (("sea", "port"), ("rail", "station"), ("air", "airfield"), ("road", "site"))


def parse_stops(text: str) -> list[tuple[str, str | None]]:
    """``"Amirabad (IR), Makhachkala"`` -> ``[("Amirabad", "IR"), ("Makhachkala", None)]``."""
    stops = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            raise click.BadParameter(
                f"{text!r} has an empty stop; separate place names with commas, e.g. 'Amirabad, Makhachkala, Yelabuga'",
                param_hint="'--stops'",
            )
        match = re.fullmatch(r"(.*?)\s*\(\s*([A-Za-z]{2})\s*\)", part)
        stops.append((match.group(1), match.group(2).upper()) if match else (part, None))
    if len(stops) < 2:
        raise click.BadParameter("give at least two stops, separated by commas", param_hint="'--stops'")
    return stops


def parse_modes(text: str | None, legs: int) -> list[str] | None:
    """One mode per leg from ``"sea,rail"`` (or one mode for every leg); None when not given."""
    from routes.model.vocabulary import Mode

    if text is None:
        return None
    try:
        modes = [str(Mode.parse(m)) for m in text.split(",")]
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--modes'") from None
    if len(modes) == 1:
        return modes * legs
    if len(modes) != legs:
        raise click.BadParameter(
            f"{len(modes)} modes for {legs} legs; give one per leg (in order) or one for all", param_hint="'--modes'"
        )
    return modes


def _stop_nodes(stops, modes):
    """Look each stop up; return (node features in route order, modes, lines to report). A stop
    that is one of routes' bundled nodes is copied under routes' id, so the bundled lines know
    it; any other stop gets the id the user typed ("Tartus" is ``tartus``, whatever the
    gazetteer spells)."""
    from routes.cli.place import describe
    from routes.gazetteer.places import find_places, node_feature

    found = []
    for name, country in stops:
        places = find_places(name, country=country, limit=None)
        found.append((name, country, places))
    lines = []
    if modes is None:
        modes = ["sea" if a[2][0].kind == "port" and b[2][0].kind == "port" else "rail" for a, b in pairwise(found)]
        basis = "default: sea where both ends are ports, else rail; choose with --modes"
    else:
        basis = "--modes"
    features: dict[str, dict] = {}
    by_place: dict[str, str] = {}
    route = []
    for number, (name, country, places) in enumerate(found):
        place = places[0]
        if place.record in by_place:  # the route comes back to a stop
            route.append(features[by_place[place.record]])
            continue
        near = {modes[i] for i in (number - 1, number) if 0 <= i < len(modes)}
        kind = None if place.node_id else next(k for m, k in _STOP_KINDS if m in near)
        node_id = place.node_id or _free_id(place, name, features)
        try:
            feature = node_feature(
                place,
                kind=kind,
                query=name,
                node_id=node_id,
                note=f"Looked up by 'routes new --stops' (the first of {len(places)} "
                f"candidate{'s' if len(places) != 1 else ''} for {name!r}): check it with "
                f"'routes place {name}' and replace it with a better position if you have one.",
            )
        except ValueError as exc:  # no country, or no id can be made of the name
            raise click.BadParameter(f"stop {number + 1} {name!r}: {exc}", param_hint="'--stops'") from None
        node_id = feature["properties"]["id"]
        features[node_id], by_place[place.record] = feature, node_id
        route.append(feature)
        countries = sorted({p.country for p in places if p.country})
        other = ""
        if len(countries) > 1 and country is None and not place.node_id:
            other = (
                f"; {len(places)} candidates in {', '.join(countries[:8])}: write '{name} (CC)' to choose a "
                "country, or 'routes place' to see them"
            )
        elif len(places) > 1:
            other = f"; first of {len(places)} candidates"
        props = feature["properties"]
        what = "a copy of routes' bundled node" if place.node_id else "node"
        lines.append(
            f"stop {number + 1} {name!r}: {describe(place)}{other} -> {what} '{node_id}' "
            f"({props['kind']}, confidence {props['coord_confidence']})"
        )
    for a, b, mode in zip(route, route[1:], modes):
        lines.append(f"leg {a['properties']['id']} -> {b['properties']['id']}: {mode} ({basis})")
    if any(place.node_id for *_, places in found for place in places[:1]):
        lines.append(
            "stops that are routes' bundled nodes keep routes' ids, so legs between them follow routes' bundled "
            "lines (no network needs naming; loading says which leg follows which)"
        )
    return route, modes, lines


def _free_id(place, name, taken) -> str | None:
    """The id the user typed (else the place's name) unless another stop has it already (then
    with its country, or a number)."""
    from routes.gazetteer.places import slugify

    base = slugify(name) or slugify(place.name)
    if not base or base not in taken:
        return base or None
    for candidate in (f"{base}-{(place.country or '').lower()}", *(f"{base}-{n}" for n in range(2, 100))):
        if candidate.strip("-") == candidate and candidate not in taken:
            return candidate
    return None


@click.command("new")
@click.argument("name")
@click.option(
    "-d",
    "--directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to write into.",
)
@click.option(
    "--stops",
    metavar="'A, B, C'",
    help="Stops of the route, in order, as place names the gazetteer knows ('routes place'); "
    "'Name (CC)' picks the country. Each becomes a node of the first candidate.",
)
@click.option(
    "--modes",
    metavar="MODE,...",
    help="With --stops: the mode of each leg (sea, rail, road, air), or one for all legs. "
    "Default: sea where both ends are ports, else rail.",
)
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@mkdir_option
@click.pass_context
@fail_cleanly
def command(ctx, name, directory, stops, modes, force, mkdir):
    """Write NAME.toml (a commented starter scenario) and NAME-nodes.geojson.

    NAME is a slug such as 'my-case'. Replace every REPLACE with your case: the
    files render as they are (without --stops, two placeholder ports joined by
    air), and 'routes validate' lists each REPLACE left as a problem. With --stops,
    each stop is looked up offline in the gazetteer ('routes place'; the first
    candidate), written to the node file under the id you typed ('Tartus' is
    tartus), and the scenario has one route joining them in order. A stop that is
    one of routes' bundled nodes is copied under routes' id, so its legs follow
    routes' bundled lines. Check each node's position and note.

    \b
    Examples:
      routes new my-case && routes render my-case.toml
      routes validate my-case.toml    # lists each REPLACE left to fill in
      routes new caspian --stops "Amirabad, Makhachkala, Alabuga"   # sea, then rail
      routes new volga --stops "Makhachkala, Yelabuga" --modes rail
      routes new tartus --stops "Novorossiysk, Tartus (SY)"
    """
    from routes.model.records import check_slug
    from routes.outputs.export import check_outputs, write_atomic
    from routes.outputs.starter import starter_files

    if modes is not None and stops is None:
        raise click.UsageError("--modes needs --stops")
    try:
        check_slug(name)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="NAME") from None
    lines: list[str] = []
    if stops is None:
        files = starter_files(name)
    else:
        wanted = parse_stops(stops)
        route, leg_modes, lines = _stop_nodes(wanted, parse_modes(modes, len(wanted) - 1))
        try:
            files = starter_files(name, stops=route, modes=leg_modes)
        except ValueError as exc:  # a stop that follows itself
            raise click.BadParameter(str(exc), param_hint="'--stops'") from None
    targets = {directory / file: text for file, text in files.items()}
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        raise click.UsageError(f"{', '.join(existing)} already exist; use --force to overwrite or pick another NAME")
    check_outputs(list(targets), mkdir=mkdir)
    for line in lines:
        click.echo(f"routes: {line}", err=True)
    for path, text in targets.items():
        click.echo(str(write_atomic(path, text.encode("utf-8"))))
