#!/usr/bin/python3
"""Writes the QGIS styles of the GIS export (gis/*.qml) with QGIS itself.

Each style is built on an empty memory layer with the fields `shisetsu
export` writes, through the PyQGIS API (renderers, labels, Japanese field
aliases), and saved by QGIS's own saveNamedStyle, so the files are QML exactly
as QGIS writes it. Also writes gis/strings_en.json, the English for every
Japanese alias and legend label (used by `--lang en`).

    /usr/bin/python3 tools/make_qgis_styles.py      # needs Debian's python3-qgis
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsCategorizedSymbolRenderer, QgsFillSymbol, QgsGraduatedSymbolRenderer,
                       QgsLineSymbol, QgsMarkerSymbol, QgsPalLayerSettings, QgsRendererCategory, QgsRendererRange,
                       QgsTextBufferSettings, QgsTextFormat, QgsVectorLayer, QgsVectorLayerSimpleLabeling,
                       QgsSingleSymbolRenderer)
from qgis.PyQt.QtGui import QColor, QFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GIS = os.path.join(ROOT, "gis")
FONT = "Noto Sans CJK JP"
EN = {}


def alias(layer, field, ja, en):
    layer.setFieldAlias(layer.fields().indexOf(field), ja)
    EN[ja] = en


def memory_layer(geometry, fields):
    spec = "&".join(f"field={name}:{kind}" for name, kind in fields)
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:6668&{spec}", "x", "memory")
    assert layer.isValid()
    return layer


def text_format(size, bold=False):
    fmt = QgsTextFormat()
    font = QFont(FONT)
    font.setBold(bold)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setColor(QColor("#222222"))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(0.8)
    buf.setColor(QColor("white"))
    fmt.setBuffer(buf)
    return fmt


def label(layer, field, size, max_scale_denominator=None):
    s = QgsPalLayerSettings()
    s.fieldName = field
    s.setFormat(text_format(size))
    if max_scale_denominator:
        # Only when zoomed in enough: 573 names at ward scale are unreadable.
        s.scaleVisibility = True
        s.minimumScale = max_scale_denominator
        s.maximumScale = 1
    layer.setLabeling(QgsVectorLayerSimpleLabeling(s))
    layer.setLabelsEnabled(True)


def categories(attr, geometry, items):
    cats = []
    for value, ja, en, symbol in items:
        EN[ja] = en
        cats.append(QgsRendererCategory(value, symbol, ja))
    return QgsCategorizedSymbolRenderer(attr, cats)


def marker(color, shape="circle", size=2.6, outline="#333333"):
    return QgsMarkerSymbol.createSimple({"name": shape, "color": color, "outline_color": outline,
                                         "outline_width": "0.25", "size": str(size)})


def save(layer, name):
    path = os.path.join(GIS, name + ".qml")
    message, ok = layer.saveNamedStyle(path)
    if not ok:
        sys.exit(f"{path}: {message}")


def facilities():
    layer = memory_layer("Point", [
        ("facility_id", "string"), ("name", "string"), ("category", "string"), ("services", "string"),
        ("district", "string"), ("address", "string"), ("buildings", "integer"), ("floor_area_m2", "double"),
        ("main_year_built", "integer"), ("oldest_year_built", "integer"), ("age_years", "integer"),
        ("age_class", "string"), ("condition", "double"), ("seismic", "string"), ("operating_cost_yen", "double"),
        ("revenue_yen", "double"), ("annual_users", "double"), ("plan_action", "string"),
        ("services_after", "string"), ("next_work", "string"), ("next_work_year", "integer"),
        ("next_work_cost_yen", "double"), ("renewal_cost_yen", "double"), ("residual_value_yen", "double"),
        ("priority_rank", "integer")])
    for field, ja, en in [
            ("facility_id", "施設ID", "facility ID"), ("name", "施設名", "name"), ("category", "分類", "category"),
            ("services", "機能", "services"), ("district", "地区", "district"), ("address", "所在地", "address"),
            ("buildings", "棟数", "buildings"), ("floor_area_m2", "延床面積 (㎡)", "floor area (m²)"),
            ("main_year_built", "主な建物の建築年度", "main building built (FY)"),
            ("oldest_year_built", "最古の建物の建築年度", "oldest building built (FY)"),
            ("age_years", "築年数 (主な建物)", "age of the main building (years)"),
            ("age_class", "築年数区分", "age class"), ("condition", "健全度", "condition (0–100)"),
            ("seismic", "耐震", "seismic"), ("operating_cost_yen", "維持管理費 (円/年)", "O&M cost (yen/yr)"),
            ("revenue_yen", "使用料収入 (円/年)", "fee income (yen/yr)"),
            ("annual_users", "年間利用者数", "annual users"), ("plan_action", "計画での扱い", "plan action"),
            ("services_after", "計画後の機能", "services after the plan"),
            ("next_work", "次の工事", "next work"), ("next_work_year", "次の工事の着手年度", "next work starts (FY)"),
            ("next_work_cost_yen", "次の工事の費用 (円)", "next work cost (yen)"),
            ("renewal_cost_yen", "更新費用 (推計期間の計、円)", "renewal cost over the horizon (yen)"),
            ("residual_value_yen", "残存価値 (推計期間末、円)", "residual value at the end of the horizon (yen)"),
            ("priority_rank", "改修等の優先順位", "priority rank of works")]:
        alias(layer, field, ja, en)
    layer.setRenderer(categories("age_class", "Point", [
        ("0-29", "築30年未満", "under 30 years", marker("#1a9641")),
        ("30-39", "築30〜39年", "30–39 years", marker("#a6d96a")),
        ("40-49", "築40〜49年", "40–49 years", marker("#fdae61")),
        ("50-59", "築50〜59年", "50–59 years", marker("#f46d43")),
        ("60+", "築60年以上", "60 years and more", marker("#a50026")),
        ("unknown", "建物情報なし", "no building data", marker("#bdbdbd", size=2.0)),
    ]))
    label(layer, "name", 8, 15000)
    save(layer, "facilities")


def buildings():
    layer = memory_layer("Point", [
        ("building_id", "string"), ("facility_id", "string"), ("name", "string"), ("category", "string"),
        ("floor_area_m2", "double"), ("year_built", "integer"), ("age_years", "integer"), ("age_class", "string"),
        ("structure", "string"), ("floors", "integer"), ("seismic", "string"), ("condition", "double"),
        ("last_renovation_year", "integer"), ("status", "string"), ("part_ratings", "string")])
    for field, ja, en in [
            ("building_id", "棟ID", "building ID"), ("facility_id", "施設ID", "facility ID"), ("name", "棟名", "name"),
            ("category", "分類", "category"), ("floor_area_m2", "延床面積 (㎡)", "floor area (m²)"),
            ("year_built", "建築年度", "built (FY)"), ("age_years", "築年数", "age (years)"),
            ("age_class", "築年数区分", "age class"), ("structure", "構造", "structure"), ("floors", "階数", "floors"),
            ("seismic", "耐震", "seismic"), ("condition", "健全度", "condition (0–100)"),
            ("last_renovation_year", "最終改修年度", "last renovation (FY)"), ("status", "状態", "status"),
            ("part_ratings", "部位の評価 (屋根・外壁・内部・電気・機械)", "part ratings (roof, walls, inside, electrical, mechanical)")]:
        alias(layer, field, ja, en)
    layer.setRenderer(QgsSingleSymbolRenderer(marker("#636363", size=1.4, outline="#ffffff")))
    save(layer, "buildings")


def demand(points=False):
    layer = memory_layer("Point" if points else "MultiPolygon", [
        ("demand_id", "string"), ("kind", "string"), ("total", "double"), ("age_0_14", "double"),
        ("age_15_64", "double"), ("age_65_over", "double"), ("weight", "double")])
    for field, ja, en in [
            ("demand_id", "メッシュコード・ID", "mesh code / ID"), ("kind", "種類", "kind"), ("total", "人口総数", "population"),
            ("age_0_14", "0〜14歳人口", "aged 0–14"), ("age_15_64", "15〜64歳人口", "aged 15–64"),
            ("age_65_over", "65歳以上人口", "aged 65+"), ("weight", "区域内の割合", "share inside the area")]:
        alias(layer, field, ja, en)
    ranges = []
    colours = ["#fff7bc", "#fee391", "#fec44f", "#ec7014", "#993404"]
    bounds = [(0, 1000, "1,000人未満", "under 1,000"), (1000, 3000, "1,000〜3,000人", "1,000–3,000"),
              (3000, 5000, "3,000〜5,000人", "3,000–5,000"), (5000, 8000, "5,000〜8,000人", "5,000–8,000"),
              (8000, 1000000, "8,000人以上", "8,000 and more")]
    for (lo, hi, ja, en), colour in zip(bounds, colours):
        EN[ja] = en
        if points:  # 町丁目 points and the like
            symbol = marker(colour, size=3.2, outline="#7f7f7f")
        else:
            symbol = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#ffffff", "outline_width": "0.1"})
        ranges.append(QgsRendererRange(lo, hi, symbol, ja))
    layer.setRenderer(QgsGraduatedSymbolRenderer("total", ranges))
    layer.setOpacity(0.8 if points else 0.55)
    save(layer, "demand_points" if points else "demand")


def service_areas():
    layer = memory_layer("MultiPolygon", [
        ("site_id", "string"), ("service_key", "string"), ("distance_m", "double"), ("mode", "string")])
    for field, ja, en in [("site_id", "施設・用地ID", "site ID"), ("service_key", "機能", "service"),
                          ("distance_m", "誘致距離 (m)", "catchment (m)"), ("mode", "距離の測り方", "distance mode")]:
        alias(layer, field, ja, en)
    with open(os.path.join(ROOT, "data", "services.json"), encoding="utf-8") as f:
        services = {k: v for k, v in json.load(f).items() if not k.startswith("_") and v.get("catchment_m")}
    palette = ["#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3", "#b2df8a",
               "#fb9a99", "#fdbf6f", "#cab2d6", "#8dd3c7", "#bebada"]
    items = []
    for (key, s), colour in zip(services.items(), palette):
        c = QColor(colour)
        fill = f"{c.red()},{c.green()},{c.blue()},40"
        symbol = QgsFillSymbol.createSimple({"color": fill, "outline_color": colour, "outline_width": "0.3"})
        items.append((key, s["name"], s["name_en"], symbol))
    layer.setRenderer(categories("service_key", "Polygon", items))
    save(layer, "service_areas")


def roads():
    layer = memory_layer("LineString", [("road_id", "integer"), ("highway", "string"), ("name", "string"),
                                        ("oneway", "string"), ("length_m", "double")])
    for field, ja, en in [("road_id", "道路ID", "road ID"), ("highway", "道路種別", "road class"),
                          ("name", "路線名", "name"), ("oneway", "一方通行", "one-way"), ("length_m", "延長 (m)", "length (m)")]:
        alias(layer, field, ja, en)
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"line_color": "#c8c8c8", "line_width": "0.3"})))
    save(layer, "roads")


def boundary():
    layer = memory_layer("MultiPolygon", [("name", "string"), ("code", "string")])
    alias(layer, "name", "名称", "name")
    alias(layer, "code", "団体コード", "municipality code")
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "#333333", "outline_width": "0.6"})))
    save(layer, "boundary")


def sites():
    layer = memory_layer("MultiPolygon", [("site_id", "string"), ("name", "string"), ("area_m2", "double"),
                                          ("max_floor_area_ratio", "double"), ("land_value_yen", "double")])
    for field, ja, en in [("site_id", "用地ID", "site ID"), ("name", "用地名", "name"), ("area_m2", "敷地面積 (㎡)", "site area (m²)"),
                          ("max_floor_area_ratio", "容積率", "floor-area ratio"), ("land_value_yen", "土地価格 (円)", "land value (yen)")]:
        alias(layer, field, ja, en)
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "194,165,207,100", "outline_color": "#762a83", "outline_width": "0.4", "outline_style": "dash"})))
    label(layer, "name", 8)
    save(layer, "sites")


def plan():
    layer = memory_layer("Point", [
        ("site_id", "string"), ("name", "string"), ("action", "string"), ("action_label", "string"),
        ("services_before", "string"), ("services_after", "string"), ("floor_area_before_m2", "double"),
        ("floor_area_after_m2", "double"), ("cost_before_yen", "double"), ("cost_after_yen", "double"),
        ("plan_run_id", "integer")])
    for field, ja, en in [
            ("site_id", "施設・用地ID", "site ID"), ("name", "名称", "name"), ("action", "扱い (コード)", "action (code)"),
            ("action_label", "扱い", "action"), ("services_before", "計画前の機能", "services before"),
            ("services_after", "計画後の機能", "services after"), ("floor_area_before_m2", "計画前の延床面積 (㎡)", "floor area before (m²)"),
            ("floor_area_after_m2", "計画後の延床面積 (㎡)", "floor area after (m²)"),
            ("cost_before_yen", "計画前の費用 (円)", "cost before (yen)"), ("cost_after_yen", "計画後の費用 (円)", "cost after (yen)"),
            ("plan_run_id", "計画の実行ID", "plan run id")]:
        alias(layer, field, ja, en)
    layer.setRenderer(categories("action", "Point", [
        ("keep", "存続", "keep", marker("#2c7bb6", size=3.0)),
        ("close", "廃止", "close", marker("#8c8c8c", "cross2", 3.2, "#8c8c8c")),
        ("convert", "転用", "convert", marker("#fdae61", "diamond", 3.4)),
        ("new_complex", "複合化 (新)", "new complex", marker("#7b3294", "star", 4.6)),
        ("new", "新設", "new", marker("#1a9641", "triangle", 3.6)),
    ]))
    label(layer, "name", 8, 25000)
    save(layer, "plan")


def main():
    app = QgsApplication([], False)
    app.initQgis()
    for make in (facilities, buildings, demand, service_areas, roads, boundary, sites, plan):
        make()
    demand(points=True)
    EN["_source"] = "English for the Japanese aliases and legend labels of gis/*.qml (tools/make_qgis_styles.py)"
    with open(os.path.join(GIS, "strings_en.json"), "w", encoding="utf-8") as f:
        json.dump(dict(sorted(EN.items())), f, ensure_ascii=False, indent=1)
        f.write("\n")
    app.exitQgis()


if __name__ == "__main__":
    main()
