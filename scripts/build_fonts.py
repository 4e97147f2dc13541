"""Copy the Noto Sans web fonts that pages carry into ``data/fonts/noto-sans/``.

Noto Sans is under the SIL Open Font License 1.1 (``LICENSES/OFL-1.1.txt``). We take the
WOFF2 subsets of the npm package ``@fontsource/noto-sans`` 5.3.0 as they are (no subsetting,
no re-encoding): Latin, Latin Extended and Cyrillic, in regular, italic and semibold. The pages
ask for no other weight: bold text is drawn in the semibold face (declared for 600-900), so
a page carries three faces instead of four (about 80 kB less).

Run from the repository root after ``npm pack @fontsource/noto-sans@5.3.0 && tar xzf
fontsource-noto-sans-5.3.0.tgz``::

    python scripts/build_fonts.py path/to/package

It writes the font files, ``fonts.json`` (each face's file, weight, style, Unicode range and
SHA-256, read by ``routes.render.assets``) and copies the package's licence to
``LICENSES/OFL-1.1.txt``. This is a maintainer script: the package reads what it writes.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "data" / "fonts" / "noto-sans"
PACKAGE = "@fontsource/noto-sans"
VERSION = "5.3.0"
#: (weight in the package, style, the weights the page's @font-face declares)
FACES = [(400, "normal", "400"), (400, "italic", "400"), (600, "normal", "600 900")]
SUBSETS = ["latin", "latin-ext", "cyrillic"]


def unicode_ranges(css: str) -> dict[str, str]:
    """The ``unicode-range`` of each file named in one of the package's stylesheets."""
    found = {}
    for block in re.findall(r"@font-face\s*{([^}]*)}", css):
        name = re.search(r"url\(\./files/([a-z0-9-]+\.woff2)\)", block)
        where = re.search(r"unicode-range:\s*([^;]+);", block)
        if name and where:
            found[name.group(1)] = where.group(1).strip()
    return found


def main(package: Path) -> None:
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if (meta["name"], meta["version"]) != (PACKAGE, VERSION):
        raise SystemExit(f"expected {PACKAGE} {VERSION}, found {meta['name']} {meta['version']}")
    OUT.mkdir(parents=True, exist_ok=True)
    faces = []
    for weight, style, declared in FACES:
        sheet = f"{weight}{'-italic' if style == 'italic' else ''}.css"
        ranges = unicode_ranges((package / sheet).read_text(encoding="utf-8"))
        for subset in SUBSETS:
            name = f"noto-sans-{subset}-{weight}-{style}.woff2"
            data = (package / "files" / name).read_bytes()
            (OUT / name).write_bytes(data)
            faces.append(
                {
                    "file": name,
                    "weight": declared,
                    "style": style,
                    "subset": subset,
                    "unicode_range": ranges[name],
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
            )
    manifest = {
        "family": "Noto Sans",
        "source": f"npm package {PACKAGE} {VERSION}",
        "license": "OFL-1.1",
        "license_file": "LICENSES/OFL-1.1.txt",
        "copyright": "Copyright 2022 The Noto Project Authors (https://github.com/notofonts/latin-greek-cyrillic)",
        "faces": faces,
    }
    (OUT / "fonts.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    shutil.copyfile(package / "LICENSE", REPO / "LICENSES" / "OFL-1.1.txt")
    total = sum((OUT / f["file"]).stat().st_size for f in faces)
    print(f"{len(faces)} faces, {total} bytes, in {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
