#include "gisio/geometry.hpp"

#include "core/errors.hpp"

#include <cpl_conv.h>
#include <ogr_api.h>
#include <ogr_geometry.h>

#include <memory>

namespace shisetsu::gis {

namespace {

struct GeomDeleter {
    void operator()(OGRGeometry* g) const noexcept { OGRGeometryFactory::destroyGeometry(g); }
};
using Geom = std::unique_ptr<OGRGeometry, GeomDeleter>;

Geom from_wkb(const Wkb& wkb) {
    OGRGeometry* g = nullptr;
    if (wkb.empty() || OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size()) != OGRERR_NONE)
        return Geom();
    return Geom(g);
}

Wkb to_wkb(const OGRGeometry& g) {
    Wkb out(static_cast<size_t>(g.WkbSize()));
    g.exportToWkb(wkbNDR, out.data(), wkbVariantIso);
    return out;
}

void collect_paths(const OGRGeometry& g, Paths& out) {
    auto mark = [&](Paths::Kind kind) {
        if (out.kind == Paths::Kind::empty || kind > out.kind) out.kind = kind;
    };
    auto vertices = [](const OGRSimpleCurve& c) {
        std::vector<std::pair<double, double>> path;
        path.reserve(static_cast<std::size_t>(c.getNumPoints()));
        for (int i = 0; i < c.getNumPoints(); ++i) path.emplace_back(c.getX(i), c.getY(i));
        return path;
    };
    switch (wkbFlatten(g.getGeometryType())) {
    case wkbPoint:
        mark(Paths::Kind::point);
        if (!g.IsEmpty()) out.paths.push_back({{g.toPoint()->getX(), g.toPoint()->getY()}});
        break;
    case wkbLineString:
        mark(Paths::Kind::line);
        out.paths.push_back(vertices(*g.toLineString()));
        break;
    case wkbPolygon:
        mark(Paths::Kind::polygon);
        for (const auto* ring : *g.toPolygon()) out.paths.push_back(vertices(*ring));
        break;
    case wkbMultiPoint: case wkbMultiLineString: case wkbMultiPolygon: case wkbGeometryCollection:
        for (const auto* part : *g.toGeometryCollection()) collect_paths(*part, out);
        break;
    default:
        throw GisError(std::string("WKB: unsupported geometry type ") + g.getGeometryName());
    }
}

} // namespace

Paths geometry_paths(const Wkb& wkb) {
    Paths out;
    if (wkb.empty()) return out;
    Geom g = from_wkb(wkb);
    if (!g) throw GisError("WKB: OGR cannot read the geometry");
    collect_paths(*g, out);
    return out;
}

std::string geojson_geometry(const Wkb& wkb, double tolerance, int decimals) {
    Geom g = from_wkb(wkb);
    if (!g) throw GisError("WKB: OGR cannot read the geometry");
    if (tolerance > 0 && wkbFlatten(g->getGeometryType()) != wkbPoint)
        if (OGRGeometry* simple = g->SimplifyPreserveTopology(tolerance)) g.reset(simple);
    const std::string precision = "COORDINATE_PRECISION=" + std::to_string(decimals);
    const char* options[] = {precision.c_str(), nullptr};
    char* text = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(g.get()), const_cast<char**>(options));
    if (!text) throw GisError("OGR cannot write the geometry as GeoJSON");
    std::string out(text);
    CPLFree(text);
    return out;
}

Wkb point_wkb(double x, double y) { return to_wkb(OGRPoint(x, y)); }

Wkb rectangle_wkb(double west, double south, double east, double north) {
    OGRLinearRing ring;
    ring.addPoint(west, south);
    ring.addPoint(east, south);
    ring.addPoint(east, north);
    ring.addPoint(west, north);
    ring.addPoint(west, south);
    OGRPolygon poly;
    poly.addRing(&ring);
    return to_wkb(poly);
}

std::optional<std::pair<double, double>> point_xy(const Wkb& wkb) {
    Geom g = from_wkb(wkb);
    if (!g || wkbFlatten(g->getGeometryType()) != wkbPoint || g->IsEmpty()) return std::nullopt;
    auto* p = g->toPoint();
    return std::make_pair(p->getX(), p->getY());
}

Wkb representative_point(const Wkb& wkb) {
    Geom g = from_wkb(wkb);
    if (!g) return {};
    if (wkbFlatten(g->getGeometryType()) == wkbPoint) return wkb;
    Geom p(OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(g.get()))));
    if (!p || p->IsEmpty()) {
        OGRPoint c;
        if (g->Centroid(&c) != OGRERR_NONE) return {};
        return to_wkb(c);
    }
    return to_wkb(*p);
}

std::optional<std::pair<double, double>> centroid_xy(const Wkb& wkb) {
    Geom g = from_wkb(wkb);
    if (!g || g->IsEmpty()) return std::nullopt;
    OGRPoint c;
    if (g->Centroid(&c) != OGRERR_NONE || c.IsEmpty()) return std::nullopt;
    return std::pair{c.getX(), c.getY()};
}

Wkb to_multi_polygon(const Wkb& wkb) {
    Geom g = from_wkb(wkb);
    if (!g) return wkb;
    if (wkbFlatten(g->getGeometryType()) == wkbPolygon) {
        Geom multi(OGRGeometryFactory::forceToMultiPolygon(g.release()));
        return to_wkb(*multi);
    }
    return wkb;
}

bool is_polygonal(const std::string& t) noexcept { return t == "POLYGON" || t == "MULTIPOLYGON"; }

} // namespace shisetsu::gis
