#include "network/service_area.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/progress.hpp"
#include "network/graph_impl.hpp"

#include "gisio/gdal_env.hpp"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace shisetsu::network {

namespace {

using Interval = std::pair<double, double>;

void merge_into(std::vector<Interval>& intervals, std::vector<std::vector<Point>>& parts,
                const RoadNetwork::Impl& g, std::uint32_t e) {
    std::sort(intervals.begin(), intervals.end());
    std::vector<Interval> merged;
    for (const auto& iv : intervals) {
        if (!merged.empty() && iv.first <= merged.back().second) merged.back().second = std::max(merged.back().second, iv.second);
        else merged.push_back(iv);
    }
    for (const auto& [lo, hi] : merged) {
        auto part = g.polyline_part(e, lo, hi);
        if (part.size() >= 2) parts.push_back(std::move(part));
    }
}

struct SpatialRef {
    OGRSpatialReference srs;
    explicit SpatialRef(const std::string& crs) {
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) throw GisError("unknown CRS " + crs);
    }
};

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* ct) const noexcept { OCTDestroyCoordinateTransformation(ct); }
};

// The grid a service area is drawn on: cells of buffer / kCellsPerBuffer
// (12.5 m for the default 50 m), coarser where an area would need more than
// kMaxCells of them (200 × 200: a 2 km catchment's area gets cells of ~17 m,
// a 5 km one's, as wide as the sample ward, ~40 m). The grid is what service
// areas cost (proximity and contour, per cell).
constexpr double kMaxCells = 4e4;
constexpr double kCellsPerBuffer = 4.0;
// Douglas–Peucker (GEOS) within this share of a cell: the contour has a
// vertex at every cell edge the outline crosses, mostly along straight runs;
// more than half go (the sample ward's 514 areas: 398,000 → 177,000), and
// with them much of what the areas cost to transform, store and draw.
constexpr double kSimplifyCells = 0.2;

struct CslDeleter {
    void operator()(char** list) const noexcept { CSLDestroy(list); }
};
using CslList = std::unique_ptr<char*, CslDeleter>;

// The land within buffer_m of the lines, dissolved (network.md: the reachable
// network buffered and dissolved), drawn through GDAL on a grid: the lines
// rasterized, each cell's distance to the nearest line cell
// (GDALComputeProximity), and the polygon where that distance is at most
// buffer_m: the contour at buffer_m (GDALContourGenerateEx, interpolated
// between cell centres), closed lines made rings and holes by
// OGRGeometryFactory::organizePolygons — the contour polygonized by GDAL
// also builds the band beyond buffer_m, the rest of the grid, and took twice
// as long. The outline lies within about half a cell of the exact buffer's.
// The cost grows with the area, not with the number of road pieces in it: a
// union of the buffers of the thousands of pieces a 2 km catchment holds
// takes seconds (network.md "Service areas at city size").
struct Outline {
    std::unique_ptr<OGRGeometry> area;  // work CRS
    double cell_m = 0;                  // of the grid it was drawn on
};

Outline buffered_lines(const std::vector<std::vector<Point>>& parts, double buffer_m) {
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
    OGRMultiLineString lines;
    for (const auto& part : parts) {
        // Sized once and handed over: point by point, OGR reallocates the
        // line at every vertex, and the collection would copy it.
        auto line = std::make_unique<OGRLineString>();
        line->setNumPoints(static_cast<int>(part.size()), FALSE);
        for (int i = 0; const auto& p : part) {
            line->setPoint(i++, p.x, p.y);
            x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
        }
        lines.addGeometryDirectly(line.release());
    }
    double cell = buffer_m / kCellsPerBuffer;
    double pad = buffer_m + 3 * cell;
    cell = std::max(cell, std::sqrt((x1 - x0 + 2 * pad) * (y1 - y0 + 2 * pad) / kMaxCells));
    pad = buffer_m + 3 * cell;
    // Cell centres on multiples of the cell, so that neighbouring areas share
    // the grid.
    const double gx0 = (std::floor((x0 - pad) / cell) - 0.5) * cell, gy1 = (std::ceil((y1 + pad) / cell) + 0.5) * cell;
    const int nx = static_cast<int>(std::ceil((x1 + pad - gx0) / cell)), ny = static_cast<int>(std::ceil((gy1 - (y0 - pad)) / cell));

    gis::ensure_gdal();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* memory = GetGDALDriverManager()->GetDriverByName("Memory");
    if (!mem || !memory) throw GisError("GDAL has no MEM or Memory driver");
    // The grid's two bands (the lines, the distances) live in buffers this
    // thread keeps from one area to the next: allocating and zeroing them
    // afresh for each of a thousand areas costs as much as the drawing.
    thread_local std::vector<unsigned char> line_cells;
    thread_local std::vector<float> distances;
    const std::size_t cells = static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
    line_cells.assign(cells, 0);
    if (distances.size() < cells) distances.resize(cells);
    std::unique_ptr<GDALDataset> grid(mem->Create("", nx, ny, 0, GDT_Byte, nullptr));
    if (!grid) throw GisError("cannot create a service-area grid");
    for (auto [data, type] : {std::pair<void*, GDALDataType>{line_cells.data(), GDT_Byte}, {distances.data(), GDT_Float32}}) {
        char pointer[64];
        std::snprintf(pointer, sizeof pointer, "%p", data);
        CslList band(CSLSetNameValue(nullptr, "DATAPOINTER", pointer));
        if (grid->AddBand(type, band.get()) != CE_None) throw GisError("cannot create a service-area grid");
    }
    double transform[6] = {gx0, cell, 0, gy1, 0, -cell};
    grid->SetGeoTransform(transform);
    int band = 1;
    double burn = 1;
    OGRGeometryH handle = OGRGeometry::ToHandle(&lines);
    if (GDALRasterizeGeometries(grid.get(), 1, &band, 1, &handle, nullptr, nullptr, &burn, nullptr, nullptr, nullptr) != CE_None)
        throw GisError("cannot rasterize a service area");
    CslList near(CSLSetNameValue(nullptr, "VALUES", "1"));
    near.reset(CSLSetNameValue(near.release(), "DISTUNITS", "GEO"));
    GDALRasterBand* distance = grid->GetRasterBand(2);
    if (GDALComputeProximity(grid->GetRasterBand(1), distance, near.get(), nullptr, nullptr) != CE_None)
        throw GisError("cannot compute a service area's distances");

    std::unique_ptr<GDALDataset> shapes(memory->Create("", 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* layer = shapes ? shapes->CreateLayer("outline", nullptr, wkbLineString, nullptr) : nullptr;
    if (!layer) throw GisError("cannot create a service-area layer");
    CslList contour(CSLSetNameValue(nullptr, "FIXED_LEVELS", std::to_string(buffer_m).c_str()));
    if (GDALContourGenerateEx(distance, OGRLayer::ToHandle(layer), contour.get(), nullptr, nullptr) != CE_None)
        throw GisError("cannot draw a service area's outline");
    // The grid's border lies beyond buffer_m: every contour line is closed.
    std::vector<std::unique_ptr<OGRGeometry>> rings;
    for (auto& feature : *layer) {
        std::unique_ptr<OGRGeometry> g(feature->StealGeometry());
        if (!g || wkbFlatten(g->getGeometryType()) != wkbLineString || g->toLineString()->getNumPoints() < 4) continue;
        std::unique_ptr<OGRLinearRing> ring(OGRCurve::CastToLinearRing(g.release()->toCurve()));
        if (!ring) continue;
        auto polygon = std::make_unique<OGRPolygon>();
        polygon->addRingDirectly(ring.release());
        polygon->closeRings();
        rings.push_back(std::move(polygon));
    }
    if (rings.empty()) return {std::make_unique<OGRMultiPolygon>(), cell};
    std::vector<OGRGeometry*> handed;  // organizePolygons takes them over
    handed.reserve(rings.size());
    for (auto& r : rings) handed.push_back(r.release());
    // Nesting by containment (not by the rings' orientation), the method
    // named so that GDAL does not warn about areas of more than 100 rings.
    int valid = 0;
    const char* by_containment[] = {"METHOD=DEFAULT", nullptr};
    return {std::unique_ptr<OGRGeometry>(
                OGRGeometryFactory::organizePolygons(handed.data(), static_cast<int>(handed.size()), &valid, by_containment)),
            cell};
}

// The outline simplified and in EPSG:6668, unless simplifying makes it cross
// itself there (two rings of the contour nearly touching): then as drawn.
std::unique_ptr<OGRGeometry> to_project_crs(Outline outline, OGRCoordinateTransformation& to_project) {
    std::unique_ptr<OGRGeometry> area;
    if (outline.cell_m > 0) {
        gis::CplErrorCapture quiet;  // GEOS says where a simplified outline crosses itself: not news to the user
        area.reset(outline.area->Simplify(kSimplifyCells * outline.cell_m));
        if (area && (area->IsEmpty() || !area->IsValid() || area->transform(&to_project) != OGRERR_NONE || !area->IsValid()))
            area.reset();
    }
    if (!area) {
        area = std::move(outline.area);
        if (area->transform(&to_project) != OGRERR_NONE) throw GisError("cannot transform a service area to EPSG:6668");
    }
    if (auto* polygons = dynamic_cast<OGRMultiPolygon*>(area.get()); polygons && polygons->getNumGeometries() == 1)
        area.reset(polygons->getGeometryRef(0)->clone());
    return area;
}

} // namespace

std::vector<std::vector<Point>> reachable_parts_from(const RoadNetwork::Impl& g, const Location& at, const Search& search,
                                                     double budget) {
    std::vector<std::vector<Point>> parts;
    if (budget < 0) return parts;
    const auto& d = search.distances();
    // The edges at every node within the budget, and the site's own edge.
    std::vector<std::uint32_t> candidates = {at.edge};
    auto collect = [&](const Graph& graph, std::uint32_t v) {
        for (auto arc : boost::make_iterator_range(out_edges(static_cast<std::size_t>(v), graph)))
            candidates.push_back(graph[arc].edge);
    };
    for (std::uint32_t v : search.touched()) {
        if (d[v] > budget) continue;
        collect(g.forward, v);
        if (g.directed) collect(g.reverse, v);
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (std::uint32_t e : candidates) {
        const Edge& edge = g.edges[e];
        std::vector<Interval> reach;
        // A point at offset x reaches the site through the source node going
        // backwards, through the target going forwards, or along its own edge.
        if (edge.backward && d[edge.source] <= budget) reach.push_back({0.0, std::min(edge.length_m, budget - d[edge.source])});
        if (edge.forward && d[edge.target] <= budget)
            reach.push_back({std::max(0.0, edge.length_m - (budget - d[edge.target])), edge.length_m});
        if (e == at.edge) {
            if (edge.forward) reach.push_back({std::max(0.0, at.offset_m - budget), at.offset_m});
            if (edge.backward) reach.push_back({at.offset_m, std::min(edge.length_m, at.offset_m + budget)});
        }
        if (!reach.empty()) merge_into(reach, parts, g, e);
    }
    return parts;
}

std::vector<std::vector<Point>> reachable_parts(const RoadNetwork& network, Point site, double catchment_m,
                                                double max_snap_m) {
    const auto& g = network.impl();
    Location at = network.snap(site, max_snap_m);
    if (!at.reachable) return {};
    const double budget = catchment_m - at.access_m;
    if (budget < 0) return {};
    // Distances *to* the site: a resident walks (or drives) there.
    Search search(g.nodes.size());
    search.run(g.towards_seeds(), g.entries(at), budget);
    return reachable_parts_from(g, at, search, budget);
}

std::vector<ServiceArea> service_areas(const RoadNetwork* network, const std::vector<AreaJob>& jobs,
                                       const std::string& work_crs, double buffer_m, double max_snap_m,
                                       double detour_factor, unsigned threads) {
    std::vector<std::unique_ptr<OGRGeometry>> shapes(jobs.size());  // EPSG:6668
    std::atomic<std::size_t> next{0}, done{0};
    Progress progress(tr("到達圏を作成", "service areas"), jobs.size());
    std::exception_ptr failed;
    std::mutex failing;
    auto work_on = [&](bool report_progress) {
        try {
            // A transformation is not to be shared between threads.
            SpatialRef work(work_crs), project("EPSG:6668");
            std::unique_ptr<OGRCoordinateTransformation, TransformDeleter> to_project(
                OGRCreateCoordinateTransformation(&work.srs, &project.srs));
            if (!to_project) throw GisError("no transformation from " + work_crs + " to EPSG:6668");
            for (std::size_t k; (k = next++) < jobs.size();) {
                const AreaJob& job = jobs[k];
                Outline outline;
                if (network) {
                    std::vector<std::vector<Point>> searched;
                    if (!job.parts) searched = reachable_parts(*network, job.xy, job.catchment_m, max_snap_m);
                    const auto& parts = job.parts ? *job.parts : searched;
                    if (!parts.empty()) outline = buffered_lines(parts, buffer_m);
                } else {
                    OGRPoint centre(job.xy.x, job.xy.y);
                    outline.area.reset(centre.Buffer(job.catchment_m / detour_factor, 16));
                }
                if (outline.area && !outline.area->IsEmpty()) shapes[k] = to_project_crs(std::move(outline), *to_project);
                ++done;
                if (report_progress) progress.update(done);
            }
        } catch (...) {
            std::lock_guard lock(failing);
            if (!failed) failed = std::current_exception();
            next = jobs.size();
        }
    };
    unsigned n = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(jobs.size(), 1)));
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < n; ++i) pool.emplace_back(work_on, false);
    work_on(true);
    for (auto& t : pool) t.join();
    progress.finish();
    if (failed) std::rethrow_exception(failed);

    std::vector<ServiceArea> out;
    for (std::size_t k = 0; k < jobs.size(); ++k) {
        const auto& area = shapes[k];
        if (!area) continue;
        ServiceArea sa;
        sa.site_id = jobs[k].site_id;
        sa.service_key = jobs[k].service_key;
        sa.distance_m = jobs[k].catchment_m;
        sa.mode = network ? "network" : "straight_line";
        sa.geometry.resize(static_cast<std::size_t>(area->WkbSize()));
        area->exportToWkb(wkbNDR, sa.geometry.data(), wkbVariantIso);
        out.push_back(std::move(sa));
    }
    return out;
}

} // namespace shisetsu::network
