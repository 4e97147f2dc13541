"""The records of a scenario file: routes and their legs, claims, vessels, events and sources.

Each reader takes one TOML table, records every problem it finds (file, record, field, fix) and
returns the record, or None when a problem leaves it incomplete. :mod:`routes.load.scenario` calls
them and cross-checks the results.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from routes.errors import Problems
from routes.load.evidence import evidence_images
from routes.load.scenario_units import UnitSet, over_limit
from routes.model.fields import Fields, quote, suggest
from routes.model.periods import PartialDate, Period, start_in_words
from routes.model.records import Claim, Event, LegSpec, Quantity, Route, Source, Vessel, check_draught_m
from routes.model.vocabulary import ClaimKind, ClaimStatus, Confidence, GeometryBasis, Mode, PeriodKind, Qualifier

ROUTE_FIELDS = ("id", "name", "note", "legs")
LEG_FIELDS = ("from", "to", "mode", "geometry_basis", "via", "vessels", "note", "draught_m")
CLAIM_FIELDS = (
    "id",
    "claimant",
    "published",
    "period_start",
    "period_end",
    "period_text",
    "period_kind",
    "quantity_text",
    "quantity",
    "quantity_max",
    "unit",
    "qualifier",
    "covers",
    "attributed",
    "attribution",
    "kind",
    "restates",
    "direction_known",
    "evidence",
    "status",
    "vessels",
    "quote",
    "summary",
    "note",
    "sources",
    "images",
)
VESSEL_FIELDS = (
    "id",
    "name",
    "flag",
    "imo",
    "mmsi",
    "imo_confidence",
    "type",
    "operator",
    "sanctions",
    "note",
    "sources",
    "draught_m",
)
EVENT_FIELDS = (
    "id",
    "title",
    "date",
    "period_start",
    "period_end",
    "node",
    "description",
    "sources",
    "images",
    "shipment",
)
SOURCE_FIELDS = ("publisher", "title", "date", "url", "note")


def leg_targets(route_tables: list[dict]) -> set[str]:
    """Route and leg ids a claim may cover, read from the tables as written (so that one bad
    leg does not also make every claim on its route 'unknown')."""
    targets = set()
    for route in route_tables:
        if not isinstance(route.get("id"), str):
            continue
        targets.add(route["id"])
        for leg in route.get("legs", []) if isinstance(route.get("legs"), list) else []:
            if isinstance(leg, dict) and isinstance(leg.get("from"), str) and isinstance(leg.get("to"), str):
                targets.add(f"{route['id']}/{leg['from']}-{leg['to']}")
    return targets


def record_name(kind: str, number: int, table: dict) -> str:
    ident = table.get("id")
    return f"{kind} '{ident}'" if isinstance(ident, str) else f"{kind} {number}"


def read_sources(fields: Fields, required: bool) -> tuple[Source, ...]:
    result = []
    tables = fields.tables("sources")
    if required and not tables:
        fields.add("sources", "no source is given", "add sources = [{ publisher = ..., title = ..., date = ... }]")
    for index, table in enumerate(tables):
        sf = Fields(fields.problems, f"{fields.record} source {index + 1}", table, SOURCE_FIELDS)
        publisher, title = sf.text("publisher"), sf.text("title", required=False)
        date, url, note = sf.date("date", required=False), sf.url("url"), sf.text("note", required=False)
        if publisher:
            result.append(Source(publisher, title or "", date, url, note))
    return tuple(result)


def _digits(fields: Fields, table: dict, name: str, count: int, what: str, example: str) -> str | None:
    """An optional identifier of exactly ``count`` digits, written as a quoted string."""
    value = table.get(name)
    if value is None or (isinstance(value, str) and re.fullmatch(f"[0-9]{{{count}}}", value)):
        return value
    fields.add(
        name,
        f"{quote(value)} is not a {count}-digit {what}",
        f'write it as a quoted string, e.g. "{example}", or leave it out',
    )
    return None


def read_vessel(problems: Problems, table: dict, number: int) -> Vessel | None:
    fields = Fields(problems, record_name("vessel", number, table), table, VESSEL_FIELDS)
    ident, name = fields.slug("id"), fields.text("name")
    imo = _digits(fields, table, "imo", 7, "IMO number", "9179842")
    mmsi = _digits(fields, table, "mmsi", 9, "MMSI", "273456780")
    # Every field is read (and its problems recorded) before deciding whether the vessel is whole.
    flag = fields.text("flag", required=False)
    imo_confidence = fields.choice("imo_confidence", Confidence, required=False)
    vessel_type = fields.text("type", required=False)
    operator = fields.text("operator", required=False)
    sanctions = fields.text("sanctions", required=False)
    note = fields.text("note", required=False)
    sources = read_sources(fields, required=False)
    draught_m = read_draught_m(fields, table)
    if not (ident and name):
        return None
    return Vessel(
        ident,
        name,
        flag=flag,
        imo=imo,
        imo_confidence=imo_confidence,
        vessel_type=vessel_type,
        operator=operator,
        sanctions=sanctions,
        note=note,
        sources=sources,
        draught_m=draught_m,
        mmsi=mmsi,
    )


def read_draught_m(fields: Fields, table: dict) -> float | None:
    """The optional ``draught_m`` of a vessel or a leg: a positive number of metres."""
    value = table.get("draught_m")
    if value is None:
        return None
    try:
        return check_draught_m(value)
    except ValueError as exc:
        message, _, fix = str(exc).partition("; ")
        fields.add("draught_m", message, fix)
        return None


def read_route(problems, table, number, node_ids, vessel_ids, junction_ids) -> Route | None:
    """A ``[[routes]]`` table and its legs; ``junction_ids`` are the network points a ``via`` may name."""
    fields = Fields(problems, record_name("route", number, table), table, ROUTE_FIELDS)
    ident, name, note = fields.slug("id"), fields.text("name"), fields.text("note", required=False)
    legs: list[LegSpec] = []
    raw_legs = fields.tables("legs")
    if not raw_legs:
        fields.add("legs", "the route has no legs", "add [[routes.legs]] tables with from, to and mode")
    for index, leg_table in enumerate(raw_legs):
        lf = Fields(problems, f"{fields.record} leg {index + 1}", leg_table, LEG_FIELDS)
        start, end, mode = lf.slug("from"), lf.slug("to"), lf.choice("mode", Mode)
        basis = lf.choice("geometry_basis", GeometryBasis)
        via, vessels = lf.text_list("via", slugs=True), lf.text_list("vessels", slugs=True)
        leg_note = lf.text("note", required=False)
        leg_draught = read_draught_m(lf, leg_table)
        if leg_draught is not None and mode is not None and mode is not Mode.SEA:
            lf.add("draught_m", f"a {mode.value} leg has no draught", "give draught_m on sea legs only, or remove it")
        for field, node in [("from", start), ("to", end), *(("via", v) for v in via)]:
            if node is not None and node not in node_ids and not (field == "via" and node in junction_ids):
                lf.add(
                    field, f"unknown node '{node}'", suggest(node, node_ids, "add it to the node file or fix the id")
                )
        for vessel in vessels:
            if vessel not in vessel_ids:
                lf.add(
                    "vessels",
                    f"unknown vessel '{vessel}'",
                    suggest(vessel, vessel_ids, "add a [[vessels]] table or fix the id"),
                )
        if legs and start is not None and legs[-1].end != start:
            lf.add(
                "from",
                f"leg starts at '{start}' but the previous leg ends at '{legs[-1].end}'",
                "legs of a route must join; start this leg where the last one ended",
            )
            continue
        if start is not None and start == end:
            lf.add("to", f"leg starts and ends at '{start}'", "a leg joins two different stops")
            continue
        if ident is None or start is None or end is None or mode is None or basis is None:
            continue
        spec = LegSpec(ident, index, start, end, mode, basis, tuple(via), tuple(vessels), leg_note, leg_draught)
        if any(leg.id == spec.id for leg in legs):
            lf.add(
                "to", f"a second leg with id '{spec.id}'", "join each pair of stops once in a route, or split the route"
            )
            continue
        legs.append(spec)
    if ident is None or name is None or len(legs) != len(raw_legs):
        return None
    return Route(ident, name, tuple(legs), note)


def _start_in_words(text: object, published: PartialDate | None, end: PartialDate | None) -> PartialDate | None:
    """The period's start its words give (:func:`routes.model.periods.start_in_words`), unless
    it would fall after the period's given end (then the words are left as words)."""
    start = start_in_words(text, published) if isinstance(text, str) else None
    if start is not None and end is not None and end.last_day() < start.first_day():
        return None
    return start


def read_claim(problems, table, number, targets, vessel_ids, folder: Path, units: UnitSet) -> Claim | None:
    fields = Fields(problems, record_name("claim", number, table), table, CLAIM_FIELDS)
    ident, claimant = fields.slug("id"), fields.text("claimant")
    published = fields.date("published")
    start, end = fields.date("period_start", required=False), fields.date("period_end", required=False)
    if "period_start" not in table:  # a start the words give: "since mid-2022", "over the past six months"
        start = _start_in_words(table.get("period_text"), published, end)
    period = None
    if (start is not None or "period_start" not in table) and (end is not None or "period_end" not in table):
        try:
            period = Period(start, end)
        except ValueError:
            fields.add("period_end", f"{end} is before period_start {start}", "swap them or fix the date")
    period_kind = fields.choice("period_kind", PeriodKind, required=False)
    if period_kind is not None and "period_start" not in table and "period_end" not in table:
        fields.add(
            "period_kind", f"'{period_kind.value}' with no period", "give period_start and period_end, or remove it"
        )
        period_kind = None
        period = None
    status, evidence = fields.choice("status", ClaimStatus), fields.text("evidence")
    quantity = read_quantity(fields, table, units)
    covers, attributed = fields.text_list("covers"), fields.text_list("attributed")
    for name, listed in (("covers", covers), ("attributed", attributed)):
        for target in listed:
            if target not in targets:
                fields.add(
                    name,
                    f"unknown route or leg '{target}'",
                    suggest(target, targets, "name a route id or a leg id 'route/from-to'"),
                )
    for target in set(covers) & set(attributed):
        fields.add(
            "attributed",
            f"'{target}' is also in covers",
            "list a leg in covers if the claimant named it, in attributed if you linked it; not both",
        )
    attribution = fields.text("attribution", required=False)
    if attributed and attribution is None and "attribution" not in table:
        fields.add(
            "attribution",
            "missing: attributed legs need a reason",
            'say in one line why the claim concerns them, e.g. attribution = "the only sea route reported then"',
        )
    kind = fields.choice("kind", ClaimKind, required=False)
    restates = fields.slug("restates", required=False)
    if kind is ClaimKind.RESTATEMENT and restates is None and "restates" not in table:
        fields.add("restates", "missing: a restatement names the claim it repeats", 'add restates = "<claim id>"')
    if restates is not None and kind is not None and kind is not ClaimKind.RESTATEMENT:
        fields.add("kind", f"'{kind.value}' with restates", 'a claim that restates another has kind = "restatement"')
    vessels = fields.text_list("vessels", slugs=True)
    for vessel in vessels:
        if vessel not in vessel_ids:
            fields.add(
                "vessels",
                f"unknown vessel '{vessel}'",
                suggest(vessel, vessel_ids, "add a [[vessels]] table or fix the id"),
            )
    direction_known = table.get("direction_known", True)
    if not isinstance(direction_known, bool):
        fields.add(
            "direction_known",
            f"{quote(direction_known)} is not true or false",
            "write direction_known = false when the claimant could not tell the direction, else leave it out",
        )
    optional = {name: fields.text(name, required=False) for name in ("period_text", "quote", "summary", "note")}
    sources = read_sources(fields, required=True)
    images = evidence_images(fields, folder)
    if (
        ident is None
        or claimant is None
        or published is None
        or period is None
        or status is None
        or evidence is None
        or not sources
        or quantity is False
    ):
        return None
    if attributed and attribution is None:
        return None
    return Claim(
        ident,
        claimant,
        published,
        period,
        status,
        evidence,
        sources,
        optional["period_text"],
        quantity,
        tuple(covers),
        tuple(vessels),
        optional["quote"],
        optional["summary"],
        optional["note"],
        tuple(attributed),
        attribution,
        kind,
        restates,
        direction_known is not False,
        images,
        period_kind,
    )


def read_quantity(fields: Fields, table: dict, units: UnitSet) -> Quantity | None | Literal[False]:
    """The claim's quantity; None when it states none, False after a problem."""
    text = fields.text("quantity_text", required=False)
    value, value_max = fields.number("quantity"), fields.number("quantity_max")
    unit = fields.choice("unit", units, required=False)
    qualifier = fields.choice("qualifier", Qualifier, required=False)
    parsed = {"quantity": value, "quantity_max": value_max, "unit": unit, "qualifier": qualifier}
    given = [name for name in parsed if table.get(name) is not None]
    if any(parsed[name] is None for name in given):
        return False  # the problem is already recorded
    if text is None:
        if given:
            fields.add(
                "quantity_text",
                "missing while a quantity is given",
                'copy the quantity as worded by the source, e.g. "more than 1,000 containers"',
            )
            return False
        return None
    if value is not None and unit is None:
        fields.add("unit", "missing while quantity is given", f"use one of {units.choices()}")
        return False
    if value_max is not None and (value is None or value_max < value):
        fields.add(
            "quantity_max",
            f"{quote(value_max)} is below quantity {quote(value)} or has no quantity",
            "give the range as quantity (low) and quantity_max (high)",
        )
        return False
    if (limit := over_limit(unit, value, value_max)) is not None:
        fields.add(*limit)
        return False
    return Quantity(text, value, value_max, unit, qualifier)


def read_event(problems, table, number, node_ids, folder: Path) -> Event | None:
    fields = Fields(problems, record_name("event", number, table), table, EVENT_FIELDS)
    ident, title = fields.slug("id"), fields.text("title")
    date = fields.date("date", required=False)
    start, end = fields.date("period_start", required=False), fields.date("period_end", required=False)
    if "date" in table and ("period_start" in table or "period_end" in table):
        fields.add("date", "given together with period_start/period_end", "give either a date or a period, not both")
        return None
    if not any(name in table for name in ("date", "period_start", "period_end")):
        fields.add("date", "missing: an event needs a date", 'give date = "YYYY-MM-DD" or period_start/period_end')
        return None
    if date is not None:
        start = end = date
    period = None
    try:
        period = Period(start, end)
    except ValueError:
        fields.add("period_end", f"{end} is before period_start {start}", "swap them or fix the date")
    node = fields.slug("node", required=False)
    if node is not None and node not in node_ids:
        fields.add("node", f"unknown node '{node}'", suggest(node, node_ids, "add it to the node file or fix the id"))
        node = None
    description = fields.text("description", required=False)
    sources = read_sources(fields, required=False)
    images = evidence_images(fields, folder)
    shipment = fields.slug("shipment", required=False)
    if ident is None or title is None or period is None:
        return None
    return Event(ident, title, period, node, description, sources, images, shipment)
