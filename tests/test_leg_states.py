"""A leg's state at a date (current, reported before or after, never reported), decided in the
case model and drawn the same way on the page: the whole route stays on the map at every date."""

import datetime as dt
import itertools

import routes
from routes.analysis.case import case_model
from routes.analysis.legstate import CURRENT, NEVER, REPORTED, leg_state, leg_states
from routes.outputs.export import write_html
from tests.conftest import PageProbe

D = dt.date


def test_the_states_cover_the_range_without_gaps_and_say_when_the_leg_was_reported():
    spans = ((D(2023, 9, 7), D(2023, 10, 1)), (D(2024, 2, 1), D(2024, 2, 23)))
    states = leg_states(spans, (D(2023, 8, 1), D(2025, 5, 31)))
    assert [s.state for s in states] == [REPORTED, CURRENT, REPORTED, CURRENT, REPORTED]
    assert states[0].first == D(2023, 8, 1) and states[-1].last == D(2025, 5, 31)
    assert all(a.last + dt.timedelta(days=1) == b.first for a, b in itertools.pairwise(states))
    assert leg_state(states, D(2023, 8, 15)).text == "first reported 7 Sep 2023"
    assert leg_state(states, D(2023, 12, 1)).text == "last reported 1 Oct 2023; reported again from 1 Feb 2024"
    assert leg_state(states, D(2025, 3, 1)).text == "last reported 23 Feb 2024"
    assert leg_state(states, D(2023, 9, 30)).state == CURRENT
    assert leg_state(states, D(2022, 1, 1)) is None  # outside the case's range


def test_a_leg_no_claim_names_is_never_reported_at_every_date():
    states = leg_states((), (D(2023, 1, 1), D(2024, 1, 1)))
    assert [(s.first, s.last, s.state) for s in states] == [(D(2023, 1, 1), D(2024, 1, 1), NEVER)]
    assert "never reported" in states[0].text


def test_a_span_from_the_first_to_the_last_day_is_current_throughout():
    states = leg_states(((D(2023, 1, 1), D(2024, 1, 1)),), (D(2023, 1, 1), D(2024, 1, 1)))
    assert [s.state for s in states] == [CURRENT]


def _twelve_days(first: dt.date, last: dt.date) -> list[dt.date]:
    return sorted({first + (last - first) * k / 11 for k in range(12)})


def test_every_leg_stays_on_the_map_and_says_its_state_at_twelve_dates(browser, tmp_path):
    """At twelve dates over each bundled case's range, every leg is drawn (current or quiet),
    its path, tooltip and popup say the state the case model decides, and the legend has a row
    for each state drawn."""
    seen = set()
    for case_id in routes.bundled_scenarios():
        case = routes.load_scenario(case_id)
        model = case_model(case)
        every = list(model.leg_facts)
        path = write_html(routes.render_map(model, offline=True), tmp_path / f"{case_id}.html")
        with PageProbe(browser, path) as probe:
            page = probe.page
            for day in _twelve_days(*model.time_range):
                page.evaluate(f"() => window.routesMap.time.setDate('{day.isoformat()}')")
                assert page.evaluate("window.routesMap.time.visibleLegs()") == every, (case_id, day)
                expected = {leg: model.leg(leg).state(day) for leg in every}
                assert page.evaluate("window.routesMap.time.legStates()") == {
                    leg: s.state for leg, s in expected.items()
                }, (case_id, day)
                drawn = page.evaluate(
                    """() => window.routesMap.data.legs.map(l => {
                        const p = l.line.getElement();
                        return [l.id, p.getAttribute('data-state'), p.classList.contains('routes-leg-' + p.getAttribute('data-state')),
                                Number(p.getAttribute('stroke-opacity')), p.getAttribute('stroke-dasharray'),
                                l.hit.getTooltip().getContent().textContent]; })"""
                )
                for leg, state, classed, opacity, dash, tooltip in drawn:
                    want = expected[leg]
                    assert state == want.state and classed, (case_id, day, leg)
                    assert (opacity >= 0.8) == (want.state == CURRENT), (case_id, day, leg, opacity)
                    assert want.state != NEVER or dash, (case_id, day, leg)  # never reported: dashed
                    assert tooltip.endswith(want.text), (case_id, day, leg, tooltip)
                rows = page.evaluate(
                    """() => Array.from(document.querySelectorAll('.routes-legend-state'))
                        .filter(r => r.style.display !== 'none').map(r => r.getAttribute('data-state'))"""
                )
                assert sorted(rows) == sorted({s.state for s in expected.values()}), (case_id, day)
                seen |= {s.state for s in expected.values()}
                # The popup of one quiet (or else any) leg says its state at this date.
                leg = next((k for k, s in expected.items() if s.state != CURRENT), every[0])
                text = page.evaluate(
                    f"""() => {{ const l = window.routesMap.data.legs.find(x => x.id === '{leg}');
                        l.hit.openPopup(); const t = l.hit.getPopup().getElement().querySelector('.routes-leg-state').textContent;
                        l.hit.closePopup(); return t; }}"""
                )
                assert text == f"On {day.isoformat()}: {expected[leg].text}", (case_id, day, leg)
            assert probe.errors == [], (case_id, probe.errors)
    assert seen == {CURRENT, REPORTED, NEVER}  # the bundled cases draw every state


def test_dprk_2023_2025_on_1_march_2025_draws_the_whole_route(browser, tmp_path):
    """The issue's example: on 1 Mar 2025 the map showed no leg at all."""
    case = routes.load_scenario("dprk-russia-2023-2025")
    model = case_model(case)
    day = D(2025, 3, 1)
    path = write_html(routes.render_map(model, offline=True, date=day), tmp_path / "late.html")
    with PageProbe(browser, path) as probe:
        states = probe.page.evaluate("window.routesMap.time.legStates()")
        assert states == {leg: model.leg(leg).state(day).state for leg in model.leg_facts}
        assert REPORTED in states.values()  # drawn quiet, not hidden
        assert probe.page.locator("path.routes-leg").count() == len(case.legs_specs)
        legend = probe.page.locator(".routes-legend").inner_text()
        assert "Reported before or after the date" in legend
        assert "Legs on 1 Mar 2025:" in legend  # a PNG says the date its states are for
