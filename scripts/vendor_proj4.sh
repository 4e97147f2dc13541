#!/usr/bin/env bash
# Vendor proj4js and Proj4Leaflet from the npm registry into routes/render/static/vendor/.
#
# Print layouts of large extents are drawn in a conic projection (routes/render/projection.py);
# Leaflet needs proj4js (MIT) to project and Proj4Leaflet (BSD-2-Clause) for a Leaflet CRS of a
# proj4 definition. No Python package carries them, so their published files are kept here as
# npm ships them, pinned and checked against the registry's integrity hashes; pages inline
# them (routes/render/assets.py) with their licence notices. Their licences are in LICENSES/.
#
# Run from the repository root: bash scripts/vendor_proj4.sh
set -euo pipefail
out=routes/render/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent proj4@2.22.0 proj4leaflet@1.0.2 >/dev/null)
mkdir -p "$work/proj4" "$work/proj4leaflet"
tar xzf "$work/proj4-2.22.0.tgz" -C "$work/proj4"
tar xzf "$work/proj4leaflet-1.0.2.tgz" -C "$work/proj4leaflet"
cp "$work/proj4/package/dist/proj4.js" "$out/proj4.js"
cp "$work/proj4leaflet/package/src/proj4leaflet.js" "$out/proj4leaflet.js"
# Each licence beside its file (the page inlines the notice from there) and in LICENSES/.
cp "$work/proj4/package/LICENSE.md" "$out/proj4js-MIT.md"
cp "$work/proj4leaflet/package/LICENSE" "$out/Proj4Leaflet-BSD-2-Clause.txt"
cp "$out/proj4js-MIT.md" "$out/Proj4Leaflet-BSD-2-Clause.txt" LICENSES/
# The files as vendored (npm pack has checked each tarball against the registry's sha512).
sha256sum -c - <<SUMS
af7df653d91ea591f33d26fb958990bbd3071b2db644a4edaba441cc9861a474  $out/proj4.js
fdb7fe47dcd594e7c830d0ee3694ef88b4032537268dc2f3b58f49a1d7161c12  $out/proj4leaflet.js
SUMS
