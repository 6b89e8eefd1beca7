#include "network/service_area.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/progress.hpp"
#include "network/graph_impl.hpp"

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <atomic>
#include <memory>
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

} // namespace

std::vector<std::vector<Point>> reachable_parts(const RoadNetwork& network, Point site, double catchment_m,
                                                double max_snap_m) {
    std::vector<std::vector<Point>> parts;
    const auto& g = network.impl();
    Location at = network.snap(site, max_snap_m);
    if (!at.reachable) return parts;
    const double budget = catchment_m - at.access_m;
    if (budget < 0) return parts;
    // Distances *to* the site: a resident walks (or drives) there.
    Search search(g.nodes.size());
    const auto& d = search.run(g.towards_seeds(), g.entries(at), budget);

    std::vector<char> seen(g.edges.size(), 0);
    std::vector<std::uint32_t> candidates = {at.edge};
    seen[at.edge] = 1;
    auto collect = [&](const Graph& graph, std::uint32_t v) {
        for (auto arc : boost::make_iterator_range(out_edges(static_cast<std::size_t>(v), graph))) {
            std::uint32_t e = graph[arc].edge;
            if (!seen[e]) {
                seen[e] = 1;
                candidates.push_back(e);
            }
        }
    };
    for (std::uint32_t v : search.touched()) {
        if (d[v] > budget) continue;
        collect(g.forward, v);
        if (g.directed) collect(g.reverse, v);
    }
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

std::vector<ServiceArea> service_areas(const RoadNetwork* network, const std::vector<AreaJob>& jobs,
                                       const std::string& work_crs, double buffer_m, double max_snap_m,
                                       double detour_factor, unsigned threads) {
    SpatialRef work(work_crs), project("EPSG:6668");
    std::unique_ptr<OGRCoordinateTransformation, TransformDeleter> to_project(
        OGRCreateCoordinateTransformation(&work.srs, &project.srs));
    if (!to_project) throw GisError("no transformation from " + work_crs + " to EPSG:6668");

    // Each reachable piece is buffered on its own and the buffers dissolved
    // with a cascaded union: several times faster than buffering the whole
    // multilinestring at once, whose offset curves all overlap at junctions.
    constexpr int kQuadrantSegments = 4;
    std::vector<std::unique_ptr<OGRGeometry>> shapes(jobs.size());
    std::atomic<std::size_t> next{0}, done{0};
    Progress progress(tr("到達圏を作成", "service areas"), jobs.size());
    auto work_on = [&](bool report_progress) {
        for (std::size_t k; (k = next++) < jobs.size();) {
            const AreaJob& job = jobs[k];
            if (network) {
                auto parts = reachable_parts(*network, job.xy, job.catchment_m, max_snap_m);
                if (!parts.empty()) {
                    OGRMultiPolygon buffers;
                    for (const auto& part : parts) {
                        OGRLineString line;
                        for (const auto& p : part) line.addPoint(p.x, p.y);
                        std::unique_ptr<OGRGeometry> b(line.Buffer(buffer_m, kQuadrantSegments));
                        if (b && wkbFlatten(b->getGeometryType()) == wkbPolygon) buffers.addGeometry(b.get());
                    }
                    shapes[k].reset(buffers.UnionCascaded());
                }
            } else {
                OGRPoint centre(job.xy.x, job.xy.y);
                shapes[k].reset(centre.Buffer(job.catchment_m / detour_factor, 16));
            }
            ++done;
            if (report_progress) progress.update(done);
        }
    };
    unsigned n = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(jobs.size(), 1)));
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < n; ++i) pool.emplace_back(work_on, false);
    work_on(true);
    for (auto& t : pool) t.join();
    progress.finish();

    std::vector<ServiceArea> out;
    for (std::size_t k = 0; k < jobs.size(); ++k) {
        auto& area = shapes[k];
        if (!area || area->IsEmpty()) continue;
        if (area->transform(to_project.get()) != OGRERR_NONE)
            throw GisError("cannot transform a service area to EPSG:6668");
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
