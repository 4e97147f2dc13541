"""A scenario's own units: the ``[units.NAME]`` tables, read and checked.

routes knows the units of arms, oil, bulk and rail reporting (:class:`routes.model.vocabulary.Unit`);
a case that counts in another declares it::

    [units."tank wagons"]
    kind = "count"                       # count, mass, volume, rate or share
    label = "tank wagons of fuel oil"    # how a reader sees it (default: the name)

and its claims then write ``unit = "tank wagons"``. Each bad declaration is one problem line
(file, record, field, fix); a declaration with a problem declares nothing.
"""

from __future__ import annotations

from routes.errors import Problems
from routes.model.fields import Fields, quote
from routes.model.vocabulary import Unit, UnitKind, UnitSet

__all__ = ["UNIT_FIELDS", "UnitSet", "over_limit", "read_units"]

UNIT_FIELDS = ("kind", "label")


def read_units(problems: Problems, data: dict) -> UnitSet:
    """The units a scenario may use: routes' own and those its ``units`` table declares.

    Examples
    --------
    >>> problems = Problems("case.toml")
    >>> units = read_units(problems, {"units": {"tank wagons": {"kind": "count"}}})
    >>> units.parse("tank wagons").kind.value, bool(problems)
    ('count', False)
    >>> _ = read_units(problems, {"units": {"barrels": {"kind": "volume"}, "sorties": {"kind": "counted"}}})
    >>> for problem in problems.items:
    ...     print(problem)
    case.toml: unit 'barrels', field 'units': 'barrels' is one of routes' own units (volume); remove the declaration or give it another name
    case.toml: unit 'sorties', field 'kind': 'counted' is not a known value; use one of 'count', 'mass', 'volume', 'rate', 'share'
    """
    table = data.get("units")
    if table is None:
        return UnitSet()
    if not isinstance(table, dict):
        problems.add(
            "",
            "units",
            f"{quote(table)} is not a table",
            'declare each unit as [units.NAME] with kind = "count" (or mass, volume, rate, share)',
        )
        return UnitSet()
    declared: list[Unit] = []
    for name, body in table.items():
        unit = _declared_unit(problems, str(name), body, declared)
        if unit is not None:
            declared.append(unit)
    return UnitSet(tuple(declared))


def _declared_unit(problems: Problems, name: str, body: object, declared: list[Unit]) -> Unit | None:
    """One declaration, or None after recording its first problem (one line a declaration)."""
    record = f"unit {quote(name)}"
    mine = Problems(problems.file)
    builtin = next((u for u in Unit.builtin() if u.matches(name)), None)
    if builtin is not None:
        mine.add(
            record,
            "units",
            f"{quote(name)} is one of routes' own units ({builtin.kind.value})",
            "remove the declaration or give it another name",
        )
    elif any(u.matches(name) for u in declared):
        mine.add(record, "units", f"{quote(name)} is declared twice", "keep one declaration")
    elif not isinstance(body, dict):
        mine.add(
            record,
            "units",
            f"{quote(body)} is not a table",
            f'write [units.{quote(name)}] with kind = "count" and a label',
        )
    else:
        fields = Fields(mine, record, body, UNIT_FIELDS)
        kind = fields.choice("kind", UnitKind)
        label = fields.text("label", required=False)
        if kind is not None and not mine:
            try:
                return Unit(name, kind, label or "")
            except ValueError as exc:
                message, _, fix = str(exc).partition("; ")
                mine.add(record, "units", message, fix)
    problems.extend(mine.items[:1])
    return None


def over_limit(unit: Unit | None, value: float | None, value_max: float | None) -> tuple[str, str, str] | None:
    """``(field, message, fix)`` when a claim's number is above what its unit can hold (more
    than 100 percent), else None.

    >>> over_limit(Unit.PERCENT, 40, 140)
    ('quantity_max', '140 percent is above 100', 'a share is at most 100 percent: check the number or the unit')
    """
    if unit is None or unit.maximum is None:
        return None
    for field, number in (("quantity", value), ("quantity_max", value_max)):
        if number is not None and number > unit.maximum:
            return (
                field,
                f"{number:g} {unit.label} is above {unit.maximum:g}",
                f"a {unit.kind.value} is at most {unit.maximum:g} {unit.label}: check the number or the unit",
            )
    return None
