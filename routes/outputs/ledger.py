"""The claims ledger for reports: one row per claim, by published date, as CSV or Markdown.

Every row keeps the quantity as worded, the period, the claimant, the status, the evidence
and the numbered sources; the rows are never totalled. Each cell shows bidi controls and
invisible characters as escapes (``<U+202E>``) and is isolated when it holds right-to-left
text (:func:`routes.model.hiddentext.isolated`).
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from routes.model.formatting import day_label
from routes.model.hiddentext import isolated

if TYPE_CHECKING:  # pragma: no cover
    from routes.analysis.case import CaseModel
    from routes.load.scenario import Scenario
    from routes.observe.link import CaseObservations

LEDGER_COLUMNS = (
    "published",
    "claimant",
    "quantity as worded",
    "period",
    "kind",
    "status",
    "evidence",
    "named legs",
    "attributed legs",
    "timeline",
    "sources",
    "id",
)
_SOURCES = LEDGER_COLUMNS.index("sources")


def ledger_rows(
    scenario: Scenario, model: CaseModel | None = None, *, timeline: bool = True
) -> tuple[list[list[str]], list[str]]:
    """The ledger rows and the numbered source list they refer to (``[n] label``); the
    timeline column is the claim's verdict in the case model (built if not given; with
    ``timeline=False`` it is not, and the column says so)."""
    from routes.analysis.case import case_model

    verdicts = (model or case_model(scenario)).verdicts if timeline else None
    sources: dict[str, int] = {}  # label -> number, in order of first use
    rows = []
    for claim in sorted(scenario.claims, key=lambda c: c.published_key):
        refs = []
        for source in claim.sources:
            label = source.label() + (f" <{source.url}>" if source.url else "")
            refs.append(f"[{sources.setdefault(label, len(sources) + 1)}]")
        kind = claim.kind.value if claim.kind else "not stated"
        if claim.restates:
            kind += f" of {claim.restates}"
        attributed = ", ".join(claim.attributed) + (f" ({claim.attribution})" if claim.attributed else "")
        rows.append(
            [
                str(claim.published),
                claim.claimant,
                claim.headline,
                claim.period_label,
                kind,
                claim.status.label,
                claim.evidence,
                ", ".join(claim.covers) or "-",
                attributed or "-",
                _verdict(verdicts, claim.id),
                " ".join(refs),
                claim.id,
            ]
        )
    return rows, [f"[{n}] {label}" for n, label in enumerate(sources, 1)]


def _verdict(verdicts, claim_id: str) -> str:
    if verdicts is None:
        return "-"
    check = verdicts.get(claim_id)
    return check.verdict if check else "not checked"


def ledger_csv(scenario: Scenario) -> str:
    """The ledger as CSV (UTF-8, a header row; sources listed in the ``sources`` column)."""
    rows, sources = ledger_rows(scenario)
    labels = {s.split("] ", 1)[0] + "]": s.split("] ", 1)[1] for s in sources}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LEDGER_COLUMNS)
    for row in rows:
        row = list(row)
        row[_SOURCES] = "; ".join(f"{ref} {labels[ref]}" for ref in row[_SOURCES].split())
        writer.writerow([_defuse(isolated(cell)) for cell in row])
    return out.getvalue()


def _defuse(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (=, +, -, @ at the start)."""
    risky = cell[:1] in ("=", "+", "@", "\t", "\r") or (cell.startswith("-") and len(cell) > 1)
    return "'" + cell if risky else cell


def observed_lines(scenario: Scenario, observations: CaseObservations | None = None) -> list[str]:
    """One line per image taken, count and AIS voyage or dark period of a named vessel, in date
    order: what was observed, listed apart from the claims and never added to them."""
    items = [(i.acquired.date(), f"{i.when}: image taken, {i.caption}") for i in scenario.images_taken]
    items += [(c.date.first_day(), f"{c.date.label()}: count at {c.node}, {c.label}") for c in scenario.counts]
    if observations is not None:
        names = {v.id: v.name for v in scenario.vessels}
        for leg in observations.legs.values():
            for v in leg.voyages:
                who = names.get(v.vessel or "", v.vessel)
                text = (
                    f"{who} (MMSI {v.mmsi}) {v.origin} → {v.destination}, departed {v.departed:%Y-%m-%d %H:%M}, "
                    f"arrived {v.arrived:%Y-%m-%d %H:%M} UTC (AIS port calls; observed on {leg.leg})"
                )
                items.append((v.departed.date(), f"{day_label(v.departed)}: voyage, {text}"))
        for item in observations.items:
            vessel = observations.vessel(item)
            if item.feature_type in ("gap", "encounter", "identity_change") and vessel is not None:
                what = item.feature_type.replace("_", " ")
                mmsi = item.mmsi if observations.vessel_of.get(item.mmsi) == vessel else item.mmsi_other
                text = (
                    f"{day_label(item.start)}: {what} of {names[vessel]} (MMSI {mmsi}), "
                    f"{item.start:%Y-%m-%d %H:%M} – {item.end:%Y-%m-%d %H:%M} UTC; rule: {item.rule}"
                )
                items.append((item.start.date(), text))
    return [text for _, text in sorted(items)]


def ledger_markdown(scenario: Scenario, observations: CaseObservations | None = None) -> str:
    """The ledger as a Markdown table with numbered sources below it."""
    rows, sources = ledger_rows(scenario)

    def md(cell: str) -> str:
        return (
            " ".join(isolated(cell).split())
            .replace("\\", "\\\\")
            .replace("|", "\\|")
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("[", "\\[")
            .replace("]", "\\]")
        )

    lines = [
        f"# Claims ledger: {md(scenario.title)}",
        "",
        "Claims from different claimants cover overlapping periods: they are listed side by side and never added up.",
        "",
        "| " + " | ".join(LEDGER_COLUMNS) + " |",
        "|" + "---|" * len(LEDGER_COLUMNS),
    ]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    observed = observed_lines(scenario, observations)
    if observed:
        lines += ["", "## Observed (not claims)", ""] + [f"- {md(line)}" for line in observed]
    lines += ["", "Sources:", ""] + [f"{md(s)}  " for s in sources]
    return "\n".join(lines) + "\n"
