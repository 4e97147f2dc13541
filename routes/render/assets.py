"""What pages inline: Leaflet's script and stylesheet, and routes' own page scripts and
styles (``routes/render/static/``). No CDN, no request at view time.

Leaflet comes from the maintained ``XStatic-Leaflet`` package (Leaflet 1.9.3, the version
folium uses); the images its stylesheet points at are inlined as data URIs. The typeface, Noto
Sans (SIL OFL 1.1), comes from ``data/fonts/noto-sans/`` (``scripts/build_fonts.py``) as
``@font-face`` rules with data URIs, so a page looks the same on every machine.
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path


def static_text(name: str) -> str:
    """One of routes' page scripts or stylesheets (``routes/render/static/NAME``), as text."""
    from importlib.resources import files

    return files("routes.render").joinpath("static", name).read_text(encoding="utf-8")


def _leaflet_dir() -> Path:
    from xstatic.pkg import leaflet

    return Path(leaflet.BASE_DIR)


@functools.cache
def leaflet_js() -> str:
    """Leaflet's minified script, without its source-map comment."""
    text = (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    text = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)
    if "</script" in text.lower():  # pragma: no cover - guards a future Leaflet release
        raise RuntimeError("leaflet.js holds '</script' and cannot be inlined as is")
    return text


@functools.cache
def leaflet_css() -> str:
    """Leaflet's stylesheet with every ``url(images/...)`` replaced by a data URI."""
    folder = _leaflet_dir()
    text = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        data = (folder / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    return re.sub(r"url\((images/[A-Za-z0-9_.-]+\.png)\)", inline, text)


@functools.cache
def leaflet_marker_icons() -> dict[str, str]:
    """The images of Leaflet's default marker as data URIs, under the names of its icon options
    (``iconUrl``, ``iconRetinaUrl``, ``shadowUrl``): a marker a notebook adds draws offline."""
    folder = _leaflet_dir() / "images"
    names = {"iconUrl": "marker-icon.png", "iconRetinaUrl": "marker-icon-2x.png", "shadowUrl": "marker-shadow.png"}
    return {
        option: "data:image/png;base64," + base64.b64encode((folder / name).read_bytes()).decode("ascii")
        for option, name in names.items()
    }


def leaflet_version() -> str:
    """The Leaflet version that is inlined."""
    from xstatic.pkg import leaflet

    return leaflet.VERSION


#: The vendored projection libraries (``static/vendor/``, see ``scripts/vendor_proj4.sh``),
#: each with its licence file beside it (also in ``LICENSES/``), whose notice travels with every copy.
_VENDORED = (
    ("proj4.js", "proj4js 2.22.0", "proj4js-MIT.md"),
    ("proj4leaflet.js", "Proj4Leaflet 1.0.2", "Proj4Leaflet-BSD-2-Clause.txt"),
)


@functools.cache
def projection_js() -> str:
    """proj4js and Proj4Leaflet for a page drawn in a projection other than Web Mercator, each
    after a comment holding its licence notice (both licences require it in every copy)."""
    parts = []
    for script, title, licence in _VENDORED:
        text = static_text(f"vendor/{script}")
        notice = static_text(f"vendor/{licence}").replace("*/", "* /")
        if "</script" in text.lower():  # pragma: no cover - guards a future release
            raise RuntimeError(f"{script} holds '</script' and cannot be inlined as is")
        parts.append(f"/*! {title}\n{notice.strip()}\n*/\n{text.strip()}\n")
    return "".join(parts)


@functools.cache
def font_css() -> str:
    """``@font-face`` rules for Noto Sans, each face's WOFF2 file inlined as a data URI, with the
    face's Unicode range (a browser decodes only the subsets a page's text uses) and the
    licence's notice in a comment. ``font-display: block``: text waits for its face (a data
    URI loads at once) instead of flashing in another font."""
    import json

    from routes.load.bundled import bundled_path

    folder = bundled_path("fonts", "noto-sans")
    manifest = json.loads((folder / "fonts.json").read_text(encoding="utf-8"))
    notice = (
        f"/* {manifest['family']}: {manifest['copyright']}. Licensed under the SIL Open Font License 1.1"
        f" (scripts.sil.org/OFL); from the {manifest['source']}. */"
    )
    rules = [notice]
    for face in manifest["faces"]:
        data = base64.b64encode((folder / face["file"]).read_bytes()).decode("ascii")
        rules.append(
            f'@font-face{{font-family:"{manifest["family"]}";font-style:{face["style"]};'
            f"font-weight:{face['weight']};font-display:block;"
            f'src:url(data:font/woff2;base64,{data}) format("woff2");unicode-range:{face["unicode_range"]}}}'
        )
    return "\n".join(rules)
