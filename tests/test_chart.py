import datetime as dt

import pytest
from click.testing import CliRunner
from matplotlib.dates import date2num

import routes
from routes.cli import cli
from routes.outputs.chart import CUMULATIVE_GID, FOOTER_GID, OTHER_GID, ChartError, chart_bytes, claims_figure
from routes.outputs.chart_plan import chart_plan, point_day
from routes.outputs.ledger import ledger_rows
from tests.conftest import MINIMAL_NODES, MINIMAL_SCENARIO, write

HEAD = MINIMAL_SCENARIO[: MINIMAL_SCENARIO.index("[[claims]]")].replace(
    'title = "Minimal case"', 'title = "Minimal case"\nas_of = "2024-03-01"'
)


def claim_toml(
    ident,
    claimant="Someone",
    value=1000,
    kind=None,
    restates=None,
    published="2023-10-13",
    start="2023-09-07",
    end="2023-10-01",
    text=None,
    publisher="Pub",
    source_date="2023-10-13",
):
    lines = ["[[claims]]", f'id = "{ident}"', f'claimant = "{claimant}"', f'published = "{published}"']
    lines += [f'period_start = "{start}"'] if start else []
    lines += [f'period_end = "{end}"'] if end else []
    lines += [
        f'quantity_text = "{text or f"more than {value:,} containers"}"',
        f"quantity = {value}",
        'unit = "containers"',
        'qualifier = "more than"',
        'covers = ["a-b"]',
        'evidence = "statement"',
        'status = "claimed"',
    ]
    lines += [f'kind = "{kind}"'] if kind else []
    lines += [f'restates = "{restates}"'] if restates else []
    lines += [
        (
            f'sources = [{{ publisher = "{publisher}", title = "T {publisher}", date = "{source_date}", '
            f'url = "https://example.org/{publisher.lower()}" }}]'
        )
    ]
    return "\n".join(lines) + "\n"


def case(tmp_path, *claims):
    write(tmp_path / "nodes.geojson", MINIMAL_NODES)
    return routes.load_scenario(write(tmp_path / "case.toml", HEAD + "\n".join(claims)))


def panel(figure, name):
    found = [a for a in figure.axes if a.get_label() == name]
    return found[0] if found else None


def points(axes) -> list[tuple[str, float, float]]:
    """(gid, x, y) of every plotted claim point of a panel."""
    if axes is None:
        return []
    return [
        (c.get_gid(), *c.get_offsets()[0])
        for c in axes.collections
        if (c.get_gid() or "").startswith("point-")
        for _ in c.get_offsets()
    ]


def footer(figure) -> str:
    return "\n".join(t.get_text() for t in panel(figure, FOOTER_GID).texts)


def test_only_cumulative_totals_sit_on_the_cumulative_axis(tmp_path):
    scenario = case(
        tmp_path,
        claim_toml("total", value=5000, kind="cumulative", published="2024-02-01", end=None),
        claim_toml("seen", "Imagery", value=73, kind="snapshot", start="2023-10-05", end="2023-10-05"),
        claim_toml("moved", "Other", value=1000, kind="flow"),
        claim_toml("part", "Ship", value=2000, kind="share"),
        claim_toml("unsure", "Vague", value=3000),
    )
    figure = claims_figure(scenario)
    assert [gid for gid, *_ in points(panel(figure, CUMULATIVE_GID))] == ["point-total"]
    lower = sorted(gid for gid, *_ in points(panel(figure, OTHER_GID)))
    assert lower == ["point-moved", "point-part", "point-seen", "point-unsure"]
    # The lower panel's legend names each kind (and "kind not stated") by its marker.
    legends = [a for a in panel(figure, OTHER_GID).artists if hasattr(a, "get_texts")]
    assert [" ".join(t.get_text().split()) for t in legends[0].get_texts()] == [
        "flow in a stated period",
        "snapshot (one observation)",
        "share (one vessel's or route's part of a flow)",
        "kind not stated",
    ]
    assert "Only cumulative totals are on the cumulative axis" in footer(figure)


def test_kind_not_stated_is_never_on_the_cumulative_axis(tmp_path):
    figure = claims_figure(case(tmp_path, claim_toml("a"), claim_toml("b", "Other", value=5000)))
    assert panel(figure, CUMULATIVE_GID) is None
    assert len(points(panel(figure, OTHER_GID))) == 2
    assert "No claim in containers is stated to be a cumulative total" in panel(figure, OTHER_GID).get_title(loc="left")


def test_a_restatement_adds_no_point(tmp_path):
    first = claim_toml("wh", "White House", kind="cumulative")
    plain = claim_toml(
        "rok", "ROK MND", published="2023-10-16", start=None, end=None, publisher="KBS", source_date="2023-10-16"
    )
    restated = plain.replace('status = "claimed"', 'status = "claimed"\nkind = "restatement"\nrestates = "wh"')
    # Without the kind, the second claim is a point of its own; with it, it is not.
    assert len(points(panel(claims_figure(case(tmp_path, first, plain)), OTHER_GID))) == 1
    figure = claims_figure(case(tmp_path, first, restated))
    assert [p[0] for a in figure.axes for p in points(a)] == ["point-wh"]
    labels = [t.get_text() for t in panel(figure, CUMULATIVE_GID).texts]
    assert any("restated by ROK MND, 16 Oct 2023 [2] (not a new point)" in " ".join(t.split()) for t in labels)
    assert "Restatements, not plotted as new points: ROK MND, 16 Oct 2023 [2] repeats White House" in " ".join(
        footer(figure).split()
    )
    svg = chart_bytes(case(tmp_path, first, restated), "svg").decode()
    assert 'id="point-wh"' in svg and 'id="point-rok"' not in svg


def test_whiskers_start_at_the_period_start(tmp_path):
    scenario = case(
        tmp_path,
        claim_toml("since", value=10000, kind="cumulative", published="2024-02-23", start="2023-09", end=None),
        claim_toml("window", "Other", kind="flow"),
        claim_toml("bare", "Third", value=5000, kind="cumulative", published="2023-12-29", start=None, end=None),
    )
    figure = claims_figure(scenario)
    axes = [a for a in figure.axes if a.get_label() in (CUMULATIVE_GID, OTHER_GID)]
    whiskers = {
        c.get_gid(): c.get_segments()[0]
        for a in axes
        for c in a.collections
        if (c.get_gid() or "").startswith("whisker-")
    }
    assert set(whiskers) == {"whisker-since", "whisker-window"}  # no start stated, no whisker
    (x0, y0), (x1, y1) = whiskers["whisker-since"]
    assert (x0, x1, y0, y1) == (date2num(dt.date(2023, 9, 1)), date2num(dt.date(2024, 2, 23)), 10000, 10000)
    (x0, _), (x1, _) = whiskers["whisker-window"]
    assert (x0, x1) == (date2num(dt.date(2023, 9, 7)), date2num(dt.date(2023, 10, 1)))
    # The point sits at the whisker's end: the period end, or the published date for an open period.
    by_id = {c.id: c for c in scenario.claims}
    assert point_day(by_id["window"]) == dt.date(2023, 10, 1) and point_day(by_id["since"]) == dt.date(2024, 2, 23)
    gid, x, y = next(p for p in points(panel(figure, OTHER_GID)))
    assert (gid, x, y) == ("point-window", date2num(dt.date(2023, 10, 1)), 1000)
    labels = " ".join(t.get_text() for t in panel(figure, CUMULATIVE_GID).texts)
    assert "(period start not stated)" in labels


def test_footer_has_the_as_of_date_and_the_numbered_sources_of_the_ledger(tmp_path):
    scenario = case(
        tmp_path,
        claim_toml(
            "b",
            "Other",
            value=5000,
            kind="cumulative",
            published="2024-01-05",
            publisher="Second",
            source_date="2024-01-05",
        ),
        claim_toml("a", kind="cumulative"),
    )
    text = " ".join(footer(claims_figure(scenario)).split())
    assert text.startswith("As of 1 Mar 2024.")
    assert "Sources: [1] Pub, 13 Oct 2023; [2] Second, 5 Jan 2024." in text
    _, ledger_sources = ledger_rows(scenario)  # the same numbers as the ledger (and the map)
    assert [s.split("]")[0] for s in ledger_sources] == ["[1", "[2"] and "Pub" in ledger_sources[0]
    labels = [t.get_text() for a in claims_figure(scenario).axes for t in a.texts]
    assert any(t.endswith("[2]") and "5,000" in t for t in labels)


def test_labels_are_wrapped_never_cut_and_dates_carry_years(tmp_path):
    words = "more than 10,000 containers of munitions or munitions-related materials since September"
    figure = claims_figure(
        case(
            tmp_path,
            claim_toml("long", kind="cumulative", text=words),
            claim_toml(
                "late", "Other", value=3000, kind="cumulative", published="2025-05-29", start="2024-01-01", end=None
            ),
        )
    )
    labels = [t.get_text() for t in panel(figure, CUMULATIVE_GID).texts]
    assert any(" ".join(t.split()).startswith(words) and "\n" in t for t in labels)
    assert not any("…" in t.get_text() for a in figure.axes for t in a.texts)
    figure.draw_without_rendering()
    ticks = [t.get_text() for t in panel(figure, CUMULATIVE_GID).get_xticklabels() if t.get_text()]
    assert ticks and all(any(str(year) in t for year in range(2022, 2027)) for t in ticks)


def test_one_series_per_claimant_and_no_line_between_claims(tmp_path):
    figure = claims_figure(
        case(
            tmp_path,
            claim_toml("c-1", kind="cumulative"),
            claim_toml("c-2", "Other", value=5000, kind="cumulative", published="2024-01-01", end=None),
        )
    )
    axes = panel(figure, CUMULATIVE_GID)
    assert [t.get_text() for t in axes.get_legend().get_texts()] == ["Someone", "Other"]
    # Nothing joins claims: every Line2D is a single whisker-start tick.
    assert all(len(line.get_xdata()) == 1 for line in axes.get_lines())
    assert any(" ".join(t.get_text().split()).startswith("more than 1,000 containers") for t in axes.texts)


def test_plan_leaves_out_what_has_no_number_and_says_so(tmp_path):
    none = (
        claim_toml("words", "Other")
        .replace("quantity = 1000\n", "")
        .replace('unit = "containers"\n', "")
        .replace('qualifier = "more than"\n', "")
    )
    scenario = case(tmp_path, claim_toml("c-1", kind="cumulative"), none)
    plan = chart_plan(scenario)
    assert [c.id for c in plan.cumulative] == ["c-1"] and [c.id for c in plan.left_out] == ["words"]
    assert "Not charted: 1 claims with no number in containers" in " ".join(footer(claims_figure(scenario)).split())


def test_svg_is_deterministic_and_png_is_a_png(tmp_path):
    scenario = case(tmp_path, claim_toml("c-1", kind="cumulative"), claim_toml("c-2", "Other", value=5000))
    assert chart_bytes(scenario, "svg") == chart_bytes(scenario, "svg")
    assert chart_bytes(scenario, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_nothing_to_chart(mini):
    mini.write_text(
        mini.read_text()
        .replace("quantity = 1000\n", "")
        .replace('unit = "containers"\n', "")
        .replace('qualifier = "more than"\n', "")
    )
    with pytest.raises(ChartError, match="gives a number to chart"):
        claims_figure(routes.load_scenario(mini))


def test_chart_command(tmp_path):
    out = tmp_path / "claims.svg"
    result = CliRunner().invoke(cli, ["chart", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    bad = CliRunner().invoke(cli, ["chart", "-o", str(tmp_path / "claims.gif")])
    assert bad.exit_code == 2 and "does not end in .png or .svg" in bad.stderr


def test_no_two_point_labels_print_over_each_other():
    from matplotlib.text import Text

    import routes
    from routes.outputs.chart import claims_figure

    figure = claims_figure(routes.load_scenario("dprk-russia-2023-2025"))
    renderer = figure.canvas.get_renderer()
    # The text of each label (an Annotation's own extent includes its leader line).
    labels = [t for ax in figure.axes for t in ax.texts if (t.get_gid() or "").startswith("label-")]
    for label in labels:
        label.update_positions(renderer)
    boxes = [Text.get_window_extent(t, renderer) for t in labels]
    assert len(boxes) >= 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = max(0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0, min(a.y1, b.y1) - max(a.y0, b.y0))
            assert overlap < 1.0, (a, b)


def test_a_case_without_as_of_dates_its_footer_by_the_latest_claim(tmp_path):
    write(tmp_path / "nodes.geojson", MINIMAL_NODES)
    head = MINIMAL_SCENARIO[: MINIMAL_SCENARIO.index("[[claims]]")]  # no as_of
    scenario = routes.load_scenario(
        write(tmp_path / "case.toml", head + claim_toml("c-1") + claim_toml("c-2", published="2024-02-01", value=2000))
    )
    assert scenario.as_of is None
    text = footer(claims_figure(scenario))
    assert "1 Feb 2024" in text
