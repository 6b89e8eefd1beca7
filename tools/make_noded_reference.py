#!/usr/bin/python3
"""A reference noding of a map-made road layer, made apart from shisetsu: ogr2ogr
to read and write, SpatiaLite's SQL functions (GEOS) for the geometry. Used to
check `shisetsu import roads` on the sample ward's roads (tests/e2e/test_real_roads.cpp):
its per-service distances must stay within 10 % of what this reference gives.

    /usr/bin/python3 tools/make_noded_reference.py ROADS.gpkg OUT.gpkg

Steps (network.md "Real line layers"; the walk profile's view of the layer):
 1. ogr2ogr: the lines into a SpatiaLite database in JGD2011 zone IX
    (EPSG:6677, metres), one LineString per row; motorways (OpenMapTiles
    class `motorway`, which walking never uses) left out.
 2. Line ends that touch no other line (nothing within 1 cm) are extended to
    the closest point (ST_ClosestPoint) of the nearest line within 2 m: for a
    ground-level end, the nearest ground-level line; for the end of a bridge
    or tunnel (`brunnel`), the nearest line of any kind.
 3. The ground-level lines are noded all together by GEOS (ST_Node): split at
    every crossing and touch, overlaps (the tile buffers drawn twice) kept once.
 4. Bridges and tunnels are not noded where they cross; each gets the
    vertices of the ends that were joined to it (ST_Snap, 1 cm), and the
    noded ground lines get the bridges' and tunnels' end points the same way.
 5. ogr2ogr: the result as a GeoPackage (EPSG:6677): one MultiLineString
    of the noded ground network (`class` minor: the union merges the
    classes, which walking does not need) and one per bridge or tunnel.
Deterministic; needs gdal-bin and libsqlite3-mod-spatialite.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile

SNAP_M = 2.0
TOUCH_M = 0.01


def main(argv):
    src, out = argv[1], argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.environ.get("KEEP_DB") or os.path.join(tmp, "work.sqlite")
        subprocess.run(["ogr2ogr", "-f", "SQLite", "-dsco", "SPATIALITE=YES", db, src, "-t_srs", "EPSG:6677",
                        "-nln", "r", "-nlt", "LINESTRING", "-explodecollections", "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=ogc_fid", "-unsetFid",
                        "-where", "class IS NULL OR class <> 'motorway'"], check=True)
        c = sqlite3.connect(db)
        c.enable_load_extension(True)
        c.load_extension("mod_spatialite")
        c.execute("UPDATE r SET brunnel = NULL WHERE brunnel NOT IN ('bridge', 'tunnel')")
        c.execute("DELETE FROM r WHERE geom IS NULL OR ST_Length(geom) = 0")

        def near(x, y, radius):
            return ("ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'r' AND "
                    "search_frame = BuildMbr(%r, %r, %r, %r, 6677))" % (x - radius, y - radius, x + radius, y + radius))

        # 2. Join dangling ends.
        rows = c.execute("SELECT ogc_fid, brunnel IS NOT NULL, X(ST_StartPoint(geom)), Y(ST_StartPoint(geom)), "
                         "X(ST_EndPoint(geom)), Y(ST_EndPoint(geom)) FROM r ORDER BY ogc_fid").fetchall()
        joins = []
        for fid, off_ground, x0, y0, x1, y1 in rows:
            for at, (x, y) in ((0, (x0, y0)), (-1, (x1, y1))):
                point = "MakePoint(%r, %r, 6677)" % (x, y)
                touching = c.execute("SELECT COUNT(*) FROM r WHERE ogc_fid <> ? AND %s AND ST_Distance(geom, %s) <= ?"
                                     % (near(x, y, TOUCH_M), point), (fid, TOUCH_M)).fetchone()[0]
                if touching:
                    continue
                kinds = "" if off_ground else "AND brunnel IS NULL"
                best = c.execute("SELECT ogc_fid, ST_Distance(geom, %s) AS d, X(ST_ClosestPoint(geom, %s)), "
                                 "Y(ST_ClosestPoint(geom, %s)) FROM r WHERE ogc_fid <> ? %s AND %s AND d <= ? "
                                 "ORDER BY d, ogc_fid LIMIT 1" % (point, point, point, kinds, near(x, y, SNAP_M)),
                                 (fid, SNAP_M)).fetchone()
                if best:
                    joins.append((fid, at, best[2], best[3]))
        for fid, at, x, y in joins:
            position = "0" if at == 0 else "-1"
            c.execute("UPDATE r SET geom = ST_AddPoint(geom, MakePoint(?, ?, 6677), %s) WHERE ogc_fid = ?" % position,
                      (x, y, fid))
        print("ends joined: %d" % len(joins), file=sys.stderr)

        # Every vertex a joined end now lies on (for step 4), and the bridges'
        # and tunnels' end points.
        c.execute("CREATE TABLE joined(geom BLOB)")
        c.executemany("INSERT INTO joined VALUES (MakePoint(?, ?, 6677))", [(x, y) for _, _, x, y in joins])
        c.execute("INSERT INTO joined SELECT ST_StartPoint(geom) FROM r WHERE brunnel IS NOT NULL "
                  "UNION ALL SELECT ST_EndPoint(geom) FROM r WHERE brunnel IS NOT NULL")
        points = "(SELECT ST_Collect(geom) FROM joined)"

        # 3. and 4. Node the ground; give bridges and tunnels their joints.
        c.execute("CREATE TABLE out_lines(class TEXT, brunnel TEXT, geom BLOB)")
        c.execute("INSERT INTO out_lines SELECT 'minor', NULL, ST_Snap(ST_Node(ST_Collect(geom)), %s, ?) "
                  "FROM r WHERE brunnel IS NULL" % points, (TOUCH_M,))
        c.execute("INSERT INTO out_lines SELECT class, brunnel, ST_Snap(geom, %s, ?) FROM r WHERE brunnel IS NOT NULL"
                  % points, (TOUCH_M,))
        c.execute("SELECT RecoverGeometryColumn('out_lines', 'geom', 6677, 'GEOMETRY', 'XY')")
        c.commit()
        c.close()
        # 5. The noded lines as they come out of GEOS: one MultiLineString for
        # the ground network, one per bridge or tunnel (small enough to keep
        # as a test fixture).
        if os.path.exists(out):
            os.remove(out)
        subprocess.run(["ogr2ogr", "-f", "GPKG", out, db, "out_lines", "-nln", "roads", "-nlt", "MULTILINESTRING",
                        "-unsetFid", "-lco", "SPATIAL_INDEX=NO"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
