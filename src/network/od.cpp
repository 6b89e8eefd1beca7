#include "network/od.hpp"

#include "core/lang.hpp"
#include "core/progress.hpp"
#include "network/graph_impl.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>
#include <tuple>

namespace shisetsu::network {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Found {
    std::uint32_t origin, destination;
    double distance_m;
};

unsigned thread_count(unsigned wanted, std::size_t work) {
    unsigned n = wanted ? wanted : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(work, 1)));
}

std::vector<OdPair> to_pairs(std::vector<Found>& found, const std::vector<Place>& origins,
                             const std::vector<Place>& destinations) {
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
        return std::tie(a.origin, a.destination) < std::tie(b.origin, b.destination);
    });
    std::vector<OdPair> pairs;
    pairs.reserve(found.size());
    for (const Found& f : found) pairs.push_back({origins[f.origin].id, destinations[f.destination].id, f.distance_m});
    return pairs;
}

} // namespace

OdMatrix od_by_network(const RoadNetwork& network, const std::vector<Place>& origins,
                       const std::vector<Place>& destinations, const OdOptions& options) {
    const auto& g = network.impl();
    OdMatrix out;
    out.mode = "network";

    auto t0 = Clock::now();
    auto snap_all = [&](const std::vector<Place>& places, bool is_origin) {
        std::vector<Location> at;
        at.reserve(places.size());
        for (const auto& p : places) {
            at.push_back(network.snap(p.xy, options.max_snap_m));
            if (!at.back().reachable)
                out.unsnapped.push_back({p.id, is_origin, at.back().edge < g.edges.size() ? at.back().access_m : -1});
        }
        return at;
    };
    const auto from = snap_all(origins, true);
    const auto to = snap_all(destinations, false);
    out.snap_s = seconds_since(t0);

    // Search from the smaller side: per destination over the reversed arcs
    // (distance *to* it), or per origin over the arcs (distance *from* it).
    const bool per_destination = destinations.size() <= origins.size();
    out.searched_from = per_destination ? "destinations" : "origins";
    const auto& sources = per_destination ? to : from;
    const auto& targets = per_destination ? from : to;
    const Graph& graph = per_destination ? g.towards_seeds() : g.forward;
    // How each target joins the searched distances: an origin leaves by its
    // exits, a destination is entered by its entries.
    std::vector<std::vector<Seed>> joins(targets.size());
    for (std::size_t k = 0; k < targets.size(); ++k)
        if (targets[k].reachable) joins[k] = per_destination ? g.exits(targets[k]) : g.entries(targets[k]);

    const bool with_areas = per_destination && !options.area_catchments.empty();
    if (with_areas) out.area_parts.resize(destinations.size());

    t0 = Clock::now();
    std::atomic<std::size_t> next{0}, done{0};
    std::vector<Found> found;
    std::mutex merge;
    Progress progress(tr("道路網で距離を計算", "network distances"), sources.size());
    auto work = [&](bool report_progress) {
        Search search(g.nodes.size());
        std::vector<Found> local;
        for (std::size_t s; (s = next++) < sources.size();) {
            const Location& src = sources[s];
            if (src.reachable) {
                const double budget = options.cutoff_m - src.access_m;
                // A catchment beyond the cut-off needs a longer search.
                double area_budget = budget;
                if (with_areas)
                    for (double c : options.area_catchments[s]) area_budget = std::max(area_budget, c - src.access_m);
                const auto& d = search.run(graph, per_destination ? g.entries(src) : g.exits(src), area_budget);
                if (with_areas)
                    for (double c : options.area_catchments[s])
                        out.area_parts[s].push_back(reachable_parts_from(g, src, search, c - src.access_m));
                for (std::size_t k = 0; k < targets.size(); ++k) {
                    const Location& t = targets[k];
                    if (!t.reachable) continue;
                    double n = per_destination ? g.along_edge(t, src) : g.along_edge(src, t);
                    for (const Seed& j : joins[k]) n = std::min(n, d[j.node] + j.distance_m);
                    const double total = src.access_m + n + t.access_m;
                    if (total <= options.cutoff_m) {
                        auto o = static_cast<std::uint32_t>(per_destination ? k : s);
                        auto q = static_cast<std::uint32_t>(per_destination ? s : k);
                        local.push_back({o, q, total});
                    }
                }
            }
            ++done;
            if (report_progress) progress.update(done);
        }
        std::lock_guard lock(merge);
        found.insert(found.end(), local.begin(), local.end());
    };
    const unsigned n_threads = thread_count(options.threads, sources.size());
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < n_threads; ++i) threads.emplace_back(work, false);
    work(true);
    for (auto& t : threads) t.join();
    progress.finish();
    out.searches = static_cast<long long>(sources.size());
    out.pairs = to_pairs(found, origins, destinations);
    out.search_s = seconds_since(t0);
    return out;
}

OdMatrix od_by_straight_line(const std::vector<Place>& origins, const std::vector<Place>& destinations,
                             const OdOptions& options) {
    OdMatrix out;
    out.mode = "straight_line";
    auto t0 = Clock::now();
    std::vector<Found> found;
    for (std::uint32_t o = 0; o < origins.size(); ++o)
        for (std::uint32_t q = 0; q < destinations.size(); ++q) {
            const double d = std::hypot(origins[o].xy.x - destinations[q].xy.x, origins[o].xy.y - destinations[q].xy.y) *
                             options.detour_factor;
            if (d <= options.cutoff_m) found.push_back({o, q, d});
        }
    out.pairs = to_pairs(found, origins, destinations);
    out.search_s = seconds_since(t0);
    return out;
}

} // namespace shisetsu::network
