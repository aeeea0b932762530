#!/usr/bin/env python3
"""Writes crates/geo/data/country_points.tsv: the point each country resolves to, read at load in
place of the point compiled into gazetteer.bin (so the points can change without recompiling it).

News geoparsing gold (GeoVirus: Wikipedia coordinates) puts a country at an atlas reference point
(the World Factbook's "geographic coordinates", which countryinfo's `latlng` carries), except for
the largest countries, whose reference point is near their area centre. So: countryinfo's point
for countries up to AREA_KM2, the area centroid of the largest Natural Earth 1:50m polygon above.
AREA_KM2 was chosen on GeoVirus as the threshold with the most countries within 161 km (one
parameter; see the crate README).

  /work/venv-peers/bin/python crates/geo/tools/country_points.py ../shared/data/geo crates/geo/data/country_points.tsv
"""
import glob, json, os, sys

AREA_KM2 = 2_000_000
SRC, OUT = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
# the centroid code is shared with the gazetteer builder
src = open(os.path.join(HERE, "build_gazetteer.py"), encoding="utf-8").read()
exec(src[src.index("def atlas_centroids"):src.index("atlas = atlas_centroids")])
atlas = atlas_centroids(os.path.join(SRC, "world-atlas/countries-50m.json"))  # noqa: F821

import countryinfo
ci = {}
for f in glob.glob(os.path.join(os.path.dirname(countryinfo.__file__), "data", "*.json")):
    try:
        d = json.load(open(f, encoding="utf-8"))
    except Exception:
        continue
    iso = d.get("ISO") or {}
    ll = d.get("latlng")
    if isinstance(iso, dict) and iso.get("alpha2") and isinstance(ll, list) and len(ll) == 2:
        ci[iso["alpha2"]] = (float(ll[0]), float(ll[1]))

rows = []
for c in (json.loads(l) for l in open(os.path.join(SRC, "gazetteer/countries.jsonl"), encoding="utf-8")):
    iso2 = c["iso2"]
    cen = atlas.get("%03d" % c.get("isonumeric", -1))
    pt, how = ci.get(iso2), "factbook"
    if cen and ((c.get("area_km2") or 0) > AREA_KM2 or pt is None):
        pt, how = cen, "centroid"
    if pt:
        rows.append((iso2, round(pt[0], 4), round(pt[1], 4), how))
with open(OUT, "w", encoding="utf-8") as f:
    f.write("# iso2\tlat\tlon\tsource (see tools/country_points.py)\n")
    for r in sorted(rows):
        f.write("\t".join(map(str, r)) + "\n")
print(f"{len(rows)} country points -> {OUT}")
