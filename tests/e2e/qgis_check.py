#!/usr/bin/python3
"""Opens an exported QGIS project and its GeoPackage in real QGIS (headless)
and checks what a GIS officer would: every layer valid and non-empty, valid
geometries, styled from the file (not QGIS's default single symbol), field
aliases and labels present, the project CRS and a relative path; then renders
the map to a PNG and checks it is not blank.

    /usr/bin/python3 qgis_check.py PROJECT.qgs GEOPACKAGE.gpkg OUT.png [ja|en]
Exit 0 when everything holds; the failures are printed otherwise.
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
from qgis.core import (QgsApplication, QgsCoordinateTransform, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsProject, QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

# The renderer each exported layer must carry (gis/*.qml).
EXPECTED = {"facilities": ("categorizedSymbol", "age_class"), "buildings": ("singleSymbol", None),
            "demand": ("graduatedSymbol", "total"), "service_areas": ("categorizedSymbol", "service_key"),
            "roads": ("singleSymbol", None), "boundary": ("singleSymbol", None), "sites": ("singleSymbol", None),
            "plan": ("categorizedSymbol", "action")}
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def check_style(layer, name):
    renderer = layer.renderer()
    kind, attr = EXPECTED[name]
    check(renderer is not None and renderer.type() == kind,
          f"{name}: renderer {renderer.type() if renderer else None}, expected {kind}")
    if attr and renderer is not None and renderer.type() == kind:
        check(renderer.classAttribute() == attr, f"{name}: classified by {renderer.classAttribute()}, expected {attr}")
    if name == "boundary" and renderer is not None and renderer.type() == "singleSymbol":
        # Outline only: the default symbol would be a filled polygon.
        colour = renderer.symbol().symbolLayer(0).strokeColor()
        check(colour == QColor("#333333"), f"boundary: outline {colour.name()}, expected #333333")


def main():
    qgs, gpkg, png = sys.argv[1:4]
    lang = sys.argv[4] if len(sys.argv) > 4 else "ja"
    app = QgsApplication([], False)
    app.initQgis()
    with open(qgs, encoding="utf-8") as f:
        text = f.read()
    # Layers from the GeoPackage by a relative path, or (export --qgs-source
    # postgis) from the project's PostgreSQL server, schema qgis.
    postgis = 'providerKey="postgres"' in text
    if postgis:
        check("|layername=" not in text and "password" not in text, "project: not every layer from PostGIS, or a password in it")
    else:
        check("|layername=" in text and ">./" in text, "project: data sources are not relative paths")
    project = QgsProject.instance()
    check(project.read(qgs), f"{qgs}: QGIS cannot read the project")
    check(project.crs().authid().startswith("EPSG:66"), f"project CRS {project.crs().authid()}, expected a plane-rectangular zone")
    layers = {}
    for layer in project.mapLayers().values():
        if postgis:
            check(layer.providerType() == "postgres", f"{layer.name()}: provider {layer.providerType()}, expected postgres")
            name = layer.source().split('table="qgis"."')[-1].split('"')[0]
        else:
            name = layer.source().split("layername=")[-1]
        layers[name] = layer
        check(layer.isValid(), f"{name}: not valid in the project")
        check(layer.featureCount() > 0, f"{name}: empty")
        if name in EXPECTED:
            check_style(layer, name)
        invalid = sum(1 for feat in layer.getFeatures() if not feat.geometry().isGeosValid())
        check(invalid == 0, f"{name}: {invalid} invalid geometries")
    check("facilities" in layers, f"project layers: {sorted(layers)}")
    if "facilities" in layers:
        fac = layers["facilities"]
        want = "施設ID" if lang == "ja" else "facility ID"
        got = fac.attributeAlias(fac.fields().indexOf("facility_id"))
        check(got == want, f"facilities: alias of facility_id is {got!r}, expected {want!r}")
        check(fac.labelsEnabled(), "facilities: labels are off")

    # The GeoPackage alone: QGIS takes each layer's style from layer_styles.
    for name in layers:
        alone = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        check(alone.isValid(), f"{gpkg}: layer {name} not valid")
        if name in EXPECTED:
            check_style(alone, name)

    # Render the visible layers in the project's order, on the ward's extent.
    root = project.layerTreeRoot()
    visible = [n.layer() for n in root.findLayers() if n.isVisible()]
    settings = QgsMapSettings()
    settings.setLayers(visible)
    settings.setDestinationCrs(project.crs())
    # The ward when there is one, else everything.
    framing = [layers["boundary"]] if "boundary" in layers else list(layers.values())
    extent = QgsRectangle()
    extent.setMinimal()
    for layer in framing:
        to_map = QgsCoordinateTransform(layer.crs(), project.crs(), project)
        extent.combineExtentWith(to_map.transformBoundingBox(layer.extent()))
    extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1200, 1200))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(png)
    white = QColor("white").rgb()
    painted, colours = 0, set()
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            pixel = image.pixel(x, y)
            colours.add(pixel)
            painted += pixel != white
    total = (image.width() // 4) * (image.height() // 4)
    check(painted > total * 0.05, f"map: only {painted} of {total} sampled pixels painted")
    check(len(colours) >= 8, f"map: only {len(colours)} colours")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(layers)} layers checked, map {image.width()}x{image.height()} with {len(colours)} colours → {png}")
    sys.stdout.flush()
    project.clear()
    # QGIS 3.22's Python teardown can crash after the work is done; the
    # verdict is already printed, so leave without it.
    os._exit(1 if failures else 0)


if __name__ == "__main__":
    main()
