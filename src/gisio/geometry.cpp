#include "gisio/geometry.hpp"

#include "core/errors.hpp"

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

} // namespace

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
