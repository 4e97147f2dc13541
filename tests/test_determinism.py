"""Same input, same bytes: renders in separate processes are identical, online and offline."""

import hashlib
import os
import subprocess
import sys

import pytest

SCRIPT = """
import sys, routes
from routes.outputs.export import map_html
offline = sys.argv[1] == "offline"
if sys.argv[2] == "after-another-map":
    import folium
    folium.Map(tiles=None).get_root().render()
    map_html(routes.render_map(routes.load_scenario(sys.argv[3]), offline=not offline))
html = map_html(routes.render_map(routes.load_scenario("dprk-russia-2023"), offline=offline))
sys.stdout.write(html)
"""


def render_in_a_process(offline: bool, first: bool, other: str = "dprk-russia-2023") -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT,
            "offline" if offline else "online",
            "fresh" if first else "after-another-map",
            other,
        ],
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "random"},
    )
    return hashlib.sha256(result.stdout).hexdigest()


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_two_processes_render_the_same_bytes(offline, mini):
    assert render_in_a_process(offline, True) == render_in_a_process(offline, False, str(mini))
