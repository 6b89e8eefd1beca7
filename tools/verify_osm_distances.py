#!/usr/bin/env python3
"""Independent walking distances on an OSM extract, for the network tests.

Reads the .osm XML directly (no GDAL, no PROJ), builds the walk graph from OSM
node ids (ways connect where they share a node), measures edges on the GRS80
ellipsoid, keeps the largest component and
runs networkx's Dijkstra between random node pairs. shisetsu instead joins
lines by coordinates rounded to 1 cm and measures in the plane-rectangular
zone, so the two agree to the zone's scale factor (0.9999 near its origin),
not bit for bit.

    python3 tools/verify_osm_distances.py tests/data/osm/shibuya_station_2025.osm 40 \
        > tests/data/osm/shibuya_walk_distances.csv
"""
import math
import random
import sys
import xml.etree.ElementTree as ET

import networkx as nx

# network.md "Network", profile walk.
EXCLUDED_HIGHWAY = {"motorway", "motorway_link", "construction", "proposed", "raceway"}
# GDAL's osmconf.ini sends these closed ways to the polygon layer, not lines.
AREA_KEYS = {"aeroway", "amenity", "boundary", "building", "craft", "geological", "historic", "landuse",
             "leisure", "military", "natural", "office", "place", "shop", "sport", "tourism"}
# GRS80 (JGD2011's ellipsoid).
A_M = 6378137.0
E2 = 0.00669438002290


def ellipsoidal(a, b):
    """Length of a short segment on the GRS80 ellipsoid from the local radii
    of curvature (meridian M, prime vertical N) at its mid-latitude; exact to
    about 1e-7 for the few-metre segments of a street."""
    (lon1, lat1), (lon2, lat2) = a, b
    phi = math.radians((lat1 + lat2) / 2)
    w = math.sqrt(1 - E2 * math.sin(phi) ** 2)
    m = A_M * (1 - E2) / w ** 3
    n = A_M / w
    return math.hypot(m * math.radians(lat2 - lat1), n * math.cos(phi) * math.radians(lon2 - lon1))


def walkable(tags, refs):
    hw = tags.get("highway")
    if not hw or hw in EXCLUDED_HIGHWAY:
        return False
    if tags.get("access") in ("private", "no") or tags.get("foot") == "no":
        return False
    closed = len(refs) > 3 and refs[0] == refs[-1]
    if closed and (tags.get("area") == "yes" or AREA_KEYS & tags.keys() or hw == "platform"
                   or tags.get("public_transport") == "platform"):
        return False
    return True


def main():
    path, pairs = sys.argv[1], int(sys.argv[2])
    root = ET.parse(path).getroot()
    nodes = {n.get("id"): (float(n.get("lon")), float(n.get("lat"))) for n in root.iter("node")}
    g = nx.Graph()
    for way in root.iter("way"):
        tags = {t.get("k"): t.get("v") for t in way.iter("tag")}
        refs = [nd.get("ref") for nd in way.iter("nd") if nd.get("ref") in nodes]
        if len(refs) < 2 or not walkable(tags, refs):
            continue
        for a, b in zip(refs, refs[1:]):
            if a == b:
                continue
            length = ellipsoidal(nodes[a], nodes[b])
            if not g.has_edge(a, b) or g[a][b]["length"] > length:
                g.add_edge(a, b, length=length)
    largest = max(nx.connected_components(g), key=len)
    ids = sorted(largest)
    rng = random.Random(20261124)
    print("from_lon,from_lat,to_lon,to_lat,distance_m")
    for _ in range(pairs):
        a, b = rng.sample(ids, 2)
        d = nx.dijkstra_path_length(g, a, b, weight="length")
        print(f"{nodes[a][0]:.7f},{nodes[a][1]:.7f},{nodes[b][0]:.7f},{nodes[b][1]:.7f},{d:.3f}")


if __name__ == "__main__":
    main()
