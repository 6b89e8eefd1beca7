#include "network/service_area.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "core/progress.hpp"
#include "network/graph_impl.hpp"

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <memory>

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
                                       double detour_factor) {
    SpatialRef work(work_crs), project("EPSG:6668");
    std::unique_ptr<OGRCoordinateTransformation, TransformDeleter> to_project(
        OGRCreateCoordinateTransformation(&work.srs, &project.srs));
    if (!to_project) throw GisError("no transformation from " + work_crs + " to EPSG:6668");
    std::vector<ServiceArea> out;
    Progress progress(tr("到達圏を作成", "service areas"), jobs.size());
    std::size_t done = 0;
    for (const auto& job : jobs) {
        progress.update(++done);
        std::unique_ptr<OGRGeometry> area;
        if (network) {
            auto parts = reachable_parts(*network, job.xy, job.catchment_m, max_snap_m);
            if (parts.empty()) continue;
            OGRMultiLineString lines;
            for (const auto& part : parts) {
                auto* line = new OGRLineString;
                for (const auto& p : part) line->addPoint(p.x, p.y);
                lines.addGeometryDirectly(line);
            }
            // One buffer of all parts is already dissolved.
            area.reset(lines.Buffer(buffer_m, 8));
        } else {
            OGRPoint centre(job.xy.x, job.xy.y);
            area.reset(centre.Buffer(job.catchment_m / detour_factor, 16));
        }
        if (!area || area->IsEmpty()) continue;
        if (area->transform(to_project.get()) != OGRERR_NONE)
            throw GisError("cannot transform a service area to EPSG:6668");
        ServiceArea sa;
        sa.site_id = job.site_id;
        sa.service_key = job.service_key;
        sa.distance_m = job.catchment_m;
        sa.mode = network ? "network" : "straight_line";
        sa.geometry.resize(static_cast<std::size_t>(area->WkbSize()));
        area->exportToWkb(wkbNDR, sa.geometry.data(), wkbVariantIso);
        out.push_back(std::move(sa));
    }
    progress.finish();
    return out;
}

} // namespace shisetsu::network
