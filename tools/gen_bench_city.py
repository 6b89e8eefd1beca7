#!/usr/bin/env python3
"""A synthetic city-scale road network and demand for the network benchmark.

A perturbed grid of about N nodes (100 m blocks, vertices jittered by up to
20 m, streets broken into runs with a few missing blocks, like a real street
plan), in JGD2011 zone IX (EPSG:6677) around Tokyo; ORIGINS demand points
and DESTINATIONS facilities (libraries) at random places in it. Writes
roads.geojson, population.geojson and facilities.geojson into OUT_DIR.
Deterministic (fixed seed).

    python3 tools/gen_bench_city.py OUT_DIR [NODES] [ORIGINS] [DESTINATIONS]
"""
import json
import math
import os
import random
import sys

CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::6677"}}


def main():
    out = sys.argv[1]
    nodes = int(sys.argv[2]) if len(sys.argv) > 2 else 300000
    origins = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    destinations = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    os.makedirs(out, exist_ok=True)
    rng = random.Random(42)
    side = int(math.ceil(math.sqrt(nodes)))
    block = 100.0
    x0 = y0 = -side * block / 2
    jitter = {}

    def vertex(i, j):
        if (i, j) not in jitter:
            jitter[(i, j)] = (rng.uniform(-20, 20), rng.uniform(-20, 20))
        dx, dy = jitter[(i, j)]
        return [round(x0 + i * block + dx, 2), round(y0 + j * block + dy, 2)]

    lines = 0
    with open(os.path.join(out, "roads.geojson"), "w") as f:
        f.write('{"type": "FeatureCollection", "crs": %s, "features": [\n' % json.dumps(CRS))
        first = True
        for horizontal in (True, False):
            for a in range(side):
                b = 0
                while b < side - 1:
                    run = rng.randint(1, 15)
                    end = min(side - 1, b + run)
                    pts = [vertex(k, a) if horizontal else vertex(a, k) for k in range(b, end + 1)]
                    feature = {"type": "Feature", "properties": {"highway": "residential"},
                               "geometry": {"type": "LineString", "coordinates": pts}}
                    f.write(("" if first else ",\n") + json.dumps(feature))
                    first = False
                    lines += 1
                    # Now and then a missing block (a dead end, a park, a railway).
                    b = end + (1 if rng.random() < 0.05 else 0)
        f.write("\n]}\n")

    span = (side - 1) * block

    def points(path, count, props):
        with open(path, "w") as f:
            features = []
            for n in range(count):
                x, y = x0 + rng.uniform(0, span), y0 + rng.uniform(0, span)
                features.append({"type": "Feature", "properties": props(n),
                                 "geometry": {"type": "Point", "coordinates": [round(x, 2), round(y, 2)]}})
            json.dump({"type": "FeatureCollection", "crs": CRS, "features": features}, f)

    points(os.path.join(out, "population.geojson"), origins,
           lambda n: {"ID": "O%05d" % n, "人口総数": rng.randint(50, 2000)})
    points(os.path.join(out, "facilities.geojson"), destinations,
           lambda n: {"施設ID": "F%04d" % n, "施設名": "図書館 %d" % n, "機能": "library"})
    print(f"{side * side} grid nodes, {lines} road lines, {origins} origins, {destinations} destinations",
          file=sys.stderr)


if __name__ == "__main__":
    main()
