// Capacitated location with fixed costs (optimization.md, "Capacitated
// location with fixed costs"): a case worked by hand, and property tests
// against brute force on tiny instances — every set of open sites with the
// cheapest split assignment found by a min-cost flow (Boost), and every
// single-source assignment enumerated.
#include "core/errors.hpp"
#include "optimize/location.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>

using namespace shisetsu;
using namespace shisetsu::optimize;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

struct Tiny {
    LocationInstance in;
    LocationRequest req;
};

// Demands 1–9, per-unit costs 1–30 (c_ij = w_i·d_ij, the cost of serving all
// of i's demand), fixed costs 0–60, capacities 5–25; some pairs missing.
Tiny random_cflp(std::mt19937& rng, int n_origins, int n_sites, double density) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::uniform_int_distribution<int> unit_cost(1, 30), weight(1, 9), fixed(0, 60), capacity(5, 25);
    Tiny t;
    std::vector<OdEntry> pairs;
    std::vector<std::pair<std::string, double>> w;
    for (int i = 0; i < n_origins; ++i) {
        double wi = weight(rng);
        w.emplace_back("o" + std::to_string(i), wi);
        for (int j = 0; j < n_sites; ++j)
            if (u(rng) < density || j == i % n_sites)
                pairs.push_back({"o" + std::to_string(i), "s" + std::to_string(j), wi * unit_cost(rng)});
    }
    t.in = make_instance(pairs, &w);
    t.req.model = LocationModel::cflp;
    for (std::size_t j = 0; j < t.in.sites.size(); ++j) {
        t.req.fixed_cost.push_back(fixed(rng));
        t.req.capacity.push_back(capacity(rng));
    }
    return t;
}

// The cheapest split assignment to the open sites, by min-cost flow
// (integral demands and capacities: the transportation LP has an integral
// optimal flow, so unit flows are exact). +inf when the demand cannot all flow.
double transport_cost(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& open) {
    using namespace boost;
    using Traits = adjacency_list_traits<vecS, vecS, directedS>;
    using Graph = adjacency_list<vecS, vecS, directedS, no_property,
                                 property<edge_capacity_t, long,
                                          property<edge_residual_capacity_t, long,
                                                   property<edge_reverse_t, Traits::edge_descriptor,
                                                            property<edge_weight_t, double>>>>>;
    const std::size_t m = in.origins.size(), n = in.sites.size();
    Graph g(m + n + 2);
    const auto source = static_cast<int>(m + n), sink = static_cast<int>(m + n + 1);
    auto cap = get(edge_capacity, g);
    auto rev = get(edge_reverse, g);
    auto weight = get(edge_weight, g);
    auto add = [&](int a, int b, long c, double cost) {
        auto e = add_edge(static_cast<std::size_t>(a), static_cast<std::size_t>(b), g).first;
        auto r = add_edge(static_cast<std::size_t>(b), static_cast<std::size_t>(a), g).first;
        cap[e] = c; cap[r] = 0;
        weight[e] = cost; weight[r] = -cost;
        rev[e] = r; rev[r] = e;
    };
    long demand = 0;
    for (std::size_t i = 0; i < m; ++i) {
        auto wi = std::lround(in.weight[i]);
        if (wi <= 0) continue;
        demand += wi;
        add(source, static_cast<int>(i), wi, 0.0);
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
            if (open[static_cast<std::size_t>(in.site[k])])
                add(static_cast<int>(i), static_cast<int>(m) + in.site[k], wi, in.distance_m[k] / in.weight[i]);
    }
    for (std::size_t j = 0; j < n; ++j)
        if (open[j]) add(static_cast<int>(m + j), sink, std::lround(req.capacity[j]), 0.0);
    successive_shortest_path_nonnegative_weights(g, static_cast<std::size_t>(source), static_cast<std::size_t>(sink));
    long flow = 0;
    auto res = get(edge_residual_capacity, g);
    for (auto [e, end] = out_edges(static_cast<std::size_t>(source), g); e != end; ++e) flow += cap[*e] - res[*e];
    if (flow < demand) return inf;
    double cost = 0.0;
    for (auto [e, end] = edges(g); e != end; ++e)
        if (cap[*e] > 0) cost += static_cast<double>(cap[*e] - res[*e]) * weight[*e];
    return cost;
}

bool allowed(const Tiny& t, int mask) {
    const int n = static_cast<int>(t.in.sites.size());
    if (t.req.p > 0 && __builtin_popcount(static_cast<unsigned>(mask)) != t.req.p) return false;
    for (const auto& id : t.req.required) {
        int j = static_cast<int>(std::find(t.in.sites.begin(), t.in.sites.end(), id) - t.in.sites.begin());
        if (j < n && !(mask >> j & 1)) return false;
    }
    return true;
}

// Split demand: every allowed set of open sites.
double brute_split(const Tiny& t) {
    const int n = static_cast<int>(t.in.sites.size());
    double best = inf;
    for (int mask = 0; mask < (1 << n); ++mask) {
        if (!allowed(t, mask)) continue;
        std::vector<char> open(static_cast<std::size_t>(n));
        double fixed = 0.0;
        for (int j = 0; j < n; ++j)
            if ((open[static_cast<std::size_t>(j)] = mask >> j & 1)) fixed += t.req.fixed_cost[static_cast<std::size_t>(j)];
        best = std::min(best, fixed + transport_cost(t.in, t.req, open));
    }
    return best;
}

// Single source: every assignment of each origin to one listed site within
// the capacities; the open sites are those used (with the required ones),
// and with p the cheapest others up to p (fixed costs are ≥ 0).
double brute_single(const Tiny& t) {
    const std::size_t m = t.in.origins.size(), n = t.in.sites.size();
    std::vector<std::size_t> choice(m, 0);
    double best = inf;
    for (;;) {
        std::vector<double> load(n, 0.0);
        double cost = 0.0;
        std::vector<char> open(n, 0);
        for (const auto& id : t.req.required) open[static_cast<std::size_t>(std::find(t.in.sites.begin(), t.in.sites.end(), id) - t.in.sites.begin())] = 1;
        for (std::size_t i = 0; i < m; ++i) {
            std::size_t k = t.in.first[i] + choice[i];
            auto j = static_cast<std::size_t>(t.in.site[k]);
            load[j] += t.in.weight[i];
            cost += t.in.distance_m[k];
            open[j] = 1;
        }
        bool fits = true;
        for (std::size_t j = 0; j < n; ++j) fits = fits && load[j] <= t.req.capacity[j] + 1e-9;
        auto count = static_cast<int>(std::count(open.begin(), open.end(), 1));
        if (fits && (t.req.p == 0 || count <= t.req.p)) {
            std::vector<double> others;
            for (std::size_t j = 0; j < n; ++j) {
                if (open[j]) cost += t.req.fixed_cost[j];
                else others.push_back(t.req.fixed_cost[j]);
            }
            std::sort(others.begin(), others.end());
            if (t.req.p > 0)
                for (int e = 0; e < t.req.p - count; ++e) cost += others[static_cast<std::size_t>(e)];
            best = std::min(best, cost);
        }
        std::size_t i = 0;
        while (i < m && ++choice[i] == t.in.first[i + 1] - t.in.first[i]) choice[i++] = 0;
        if (i == m) break;
    }
    return best;
}

// The reported plan meets every constraint and its objective is its own.
void check_plan(const Tiny& t, const LocationResult& r) {
    const auto& in = t.in;
    std::vector<char> open(in.sites.size(), 0);
    for (int j : r.open) open[static_cast<std::size_t>(j)] = 1;
    std::vector<double> served(in.origins.size(), 0.0), load(in.sites.size(), 0.0);
    double cost = 0.0;
    for (int j : r.open) cost += t.req.fixed_cost[static_cast<std::size_t>(j)];
    for (const auto& s : r.shares) {
        auto i = static_cast<std::size_t>(s.origin);
        CHECK(open[static_cast<std::size_t>(s.site)]);
        bool listed = false;
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
            if (in.site[k] == s.site) { listed = true; cost += in.distance_m[k] * s.share; }
        CHECK(listed);
        if (t.req.single_source) CHECK(s.share == Approx(1.0));
        served[i] += s.share;
        load[static_cast<std::size_t>(s.site)] += in.weight[i] * s.share;
    }
    for (std::size_t i = 0; i < in.origins.size(); ++i)
        if (in.weight[i] > 0) CHECK(served[i] == Approx(1.0).margin(1e-7));
    for (std::size_t j = 0; j < in.sites.size(); ++j) CHECK(load[j] <= t.req.capacity[j] + 1e-6);
    if (t.req.p > 0) CHECK(static_cast<int>(r.open.size()) == t.req.p);
    for (const auto& id : t.req.required)
        CHECK(open[static_cast<std::size_t>(std::find(in.sites.begin(), in.sites.end(), id) - in.sites.begin())]);
    CHECK(r.objective == Approx(cost).epsilon(1e-9));
    CHECK(r.fixed_cost + r.assignment_cost == Approx(r.objective).epsilon(1e-9));
    CHECK(r.bound <= r.objective + 1e-9 * std::abs(r.objective));
}

} // namespace

TEST_CASE("CFLP worked by hand: a cheap site too small, the demand split", "[optimize][cflp]") {
    // Sites A (fixed 10, capacity 6) and B (fixed 30, capacity 10); origins
    // o1 (demand 4) and o2 (demand 4). Serving all of o1 costs 8 at A, 40 at
    // B; all of o2 costs 12 at A, 20 at B. Together they need 8 > 6, so A
    // alone cannot do; B alone: 30 + 40 + 20 = 90; both: A takes o1 whole and
    // half of o2 (4 + 2 = 6), B the other half: 10 + 30 + 8 + 6 + 10 = 64.
    std::vector<OdEntry> pairs{{"o1", "A", 8}, {"o1", "B", 40}, {"o2", "A", 12}, {"o2", "B", 20}};
    std::vector<std::pair<std::string, double>> w{{"o1", 4}, {"o2", 4}};
    Tiny t{make_instance(pairs, &w), {}};
    t.req.model = LocationModel::cflp;
    t.req.fixed_cost = {10, 30};
    t.req.capacity = {6, 10};
    auto r = solve_location(t.in, t.req);
    CHECK(r.objective == Approx(64.0));
    CHECK(r.status == "optimal");
    CHECK(r.open == std::vector<int>{0, 1});
    check_plan(t, r);
    // Single source: o2 cannot join o1 at A (8 > 6): o1 at A, o2 at B costs
    // 10 + 30 + 8 + 20 = 68; B alone 90; o1 at B, o2 at A 30 + 10 + 40 + 12 = 92.
    t.req.single_source = true;
    r = solve_location(t.in, t.req);
    CHECK(r.objective == Approx(68.0));
    CHECK(r.status == "optimal");
    check_plan(t, r);
    // With p = 1 only B can hold both: 90.
    t.req.p = 1;
    r = solve_location(t.in, t.req);
    CHECK(r.objective == Approx(90.0));
    CHECK(r.open == std::vector<int>{1});
}

TEST_CASE("CFLP equals brute force on random tiny instances, split and single source", "[optimize][cflp][property]") {
    std::mt19937 rng(2024);
    int infeasible = 0;
    for (int trial = 0; trial < 60; ++trial) {
        int n_sites = 3 + trial % 4;
        auto t = random_cflp(rng, 4 + trial % 3, n_sites, trial % 2 ? 0.6 : 1.0);
        t.req.p = trial % 4 == 3 ? 1 + trial % 3 : 0;
        if (trial % 5 == 0) t.req.required = {t.in.sites[static_cast<std::size_t>(trial % n_sites)]};
        for (bool single : {false, true}) {
            t.req.single_source = single;
            double expected = single ? brute_single(t) : brute_split(t);
            INFO("trial " << trial << (single ? " single source" : " split") << " p " << t.req.p);
            if (expected == inf) {
                ++infeasible;
                try {
                    solve_location(t.in, t.req);
                    FAIL("a plan where none exists");
                } catch (const SolverError& e) {
                    CHECK(e.infeasible());
                }
                continue;
            }
            auto r = solve_location(t.in, t.req);
            CHECK(r.status == "optimal");
            CHECK(r.objective == Approx(expected).epsilon(1e-9));
            check_plan(t, r);
            t.req.textbook = true;
            auto plain = solve_location(t.in, t.req);
            t.req.textbook = false;
            CHECK(plain.objective == Approx(expected).epsilon(1e-9));
            // Split: the cheapest assignment to the same sites costs the same.
            if (!single) CHECK(location_objective(t.in, t.req, r.open) == Approx(r.objective).epsilon(1e-9));
        }
    }
    CHECK(infeasible > 0);  // the generator makes both kinds of case
}

TEST_CASE("CFLP: larger random instances, the fast method equals CBC on the plain model", "[optimize][cflp][property]") {
    std::mt19937 rng(99);
    for (int trial = 0; trial < 4; ++trial) {
        auto t = random_cflp(rng, 40, 15, 0.7);
        for (auto& q : t.req.capacity) q *= 4;
        t.req.single_source = trial % 2 == 1;
        auto fast = solve_location(t.in, t.req);
        t.req.textbook = true;
        auto plain = solve_location(t.in, t.req);
        t.req.textbook = false;
        INFO("trial " << trial);
        CHECK(fast.status == "optimal");
        CHECK(plain.status == "optimal");
        CHECK(fast.objective == Approx(plain.objective).epsilon(1e-9));
        check_plan(t, fast);
    }
}

TEST_CASE("SITES.csv and the CFLP files: every problem named by file and row", "[optimize][cflp]") {
    auto dir = std::filesystem::temp_directory_path() / "shisetsu_test_cflp";
    std::filesystem::create_directories(dir);
    auto write = [&](const char* name, const char* text) {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    };
    std::string sites = write("sites.csv", "site_id,fixed_cost,capacity\nA,10,\nB,-1,5\nC,3,0\nD,4,7\n");
    try {
        read_sites_csv(sites);
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 3);
        CHECK(e.problems()[0].row == 2);
        CHECK(e.problems()[0].column == "capacity");
        CHECK(e.problems()[1].row == 3);
        CHECK(e.problems()[1].column == "fixed_cost");
        CHECK(e.problems()[2].row == 4);
        CHECK(e.problems()[2].column == "capacity");
    }
    // A project's service capacity stands in for an empty capacity, and only there.
    sites = write("sites.csv", "site_id,fixed_cost,capacity\nA,10,\nD,4,7\n");
    auto with_default = read_sites_csv(sites, 40.0);
    REQUIRE(with_default.size() == 2);
    CHECK(with_default[0].capacity == 40.0);
    CHECK(with_default[1].capacity == 7.0);
    // A row for a site the OD table never names is an unknown id (row 3).
    {
        std::string od1 = write("od1.csv", "origin_id,destination_id,distance_m\no1,A,5\n");
        auto p1 = read_od_csv(od1);
        auto in1 = make_instance(p1);
        LocationRequest r1;
        r1.model = LocationModel::cflp;
        try {
            attach_sites(in1, p1, nullptr, with_default, {od1, "", sites, {}}, r1);
            FAIL("no error");
        } catch (const InputError& e) {
            REQUIRE(e.problems().size() == 1);
            CHECK(e.problems()[0].file == sites);
            CHECK(e.problems()[0].row == 3);
            CHECK(e.problems()[0].column == "site_id");
        }
    }
    // Origin o3 (W.csv row 4) has no pair at all: no usable site, named by
    // its row before any site is looked at.
    std::string od = write("od.csv", "origin_id,destination_id,distance_m\no1,D,5\no2,E,6\no2,D,1\n");
    std::string wf = write("w.csv", "origin_id,weight\no1,2\no2,3\no3,1\n");
    auto pairs = read_od_csv(od);
    std::vector<long> rows;
    auto weights = read_weights_csv(wf, &rows);
    try {
        make_instance(pairs, &weights, wf, &rows);
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].file == wf);
        CHECK(e.problems()[0].row == 4);
        CHECK(e.problems()[0].message.find("o3") != std::string::npos);
    }
    // D is the only site with terms; the OD table also names E (row 3).
    wf = write("w.csv", "origin_id,weight\no1,2\no2,3\n");
    sites = write("sites.csv", "site_id,fixed_cost,capacity\nD,4,7\n");
    rows.clear();
    weights = read_weights_csv(wf, &rows);
    auto in = make_instance(pairs, &weights, wf, &rows);
    LocationRequest req;
    req.model = LocationModel::cflp;
    try {
        attach_sites(in, pairs, &weights, read_sites_csv(sites), {od, wf, sites, rows}, req);
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].file == od);
        CHECK(e.problems()[0].row == 3);
        CHECK(e.problems()[0].message.find("E") != std::string::npos);
    }
    // Single source: o2's demand 3 does not fit a site of capacity 2.
    od = write("od.csv", "origin_id,destination_id,distance_m\no1,D,5\no2,D,1\n");
    wf = write("w.csv", "origin_id,weight\no1,2\no2,3\n");
    sites = write("sites.csv", "site_id,fixed_cost,capacity\nD,4,2\n");
    pairs = read_od_csv(od);
    rows.clear();
    weights = read_weights_csv(wf, &rows);
    in = make_instance(pairs, &weights);
    req.single_source = true;
    try {
        attach_sites(in, pairs, &weights, read_sites_csv(sites), {od, wf, sites, rows}, req);
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].file == wf);
        CHECK(e.problems()[0].row == 3);
    }
    std::filesystem::remove_all(dir);
}
