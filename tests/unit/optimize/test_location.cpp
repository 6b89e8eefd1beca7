// Location presets (optimization.md "B"): hand-worked cases and property
// tests against brute force (every subset of sites) on small instances.
#include "core/errors.hpp"
#include "optimize/location.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>

using namespace shisetsu;
using namespace shisetsu::optimize;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// Origins and sites on a line at the given positions; every pair listed.
LocationInstance line(const std::vector<double>& origins, const std::vector<double>& sites,
                      const std::vector<double>& weights = {}) {
    std::vector<OdEntry> pairs;
    for (std::size_t i = 0; i < origins.size(); ++i)
        for (std::size_t j = 0; j < sites.size(); ++j)
            pairs.push_back({"o" + std::to_string(i), "s" + std::to_string(j), std::abs(origins[i] - sites[j])});
    std::vector<std::pair<std::string, double>> w;
    for (std::size_t i = 0; i < weights.size(); ++i) w.emplace_back("o" + std::to_string(i), weights[i]);
    return make_instance(pairs, weights.empty() ? nullptr : &w);
}

LocationInstance random_instance(std::mt19937& rng, int n_origins, int n_sites, double density) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::uniform_int_distribution<int> dist(1, 30), weight(1, 9);
    std::vector<OdEntry> pairs;
    std::vector<std::pair<std::string, double>> w;
    for (int i = 0; i < n_origins; ++i) {
        w.emplace_back("o" + std::to_string(i), weight(rng));
        for (int j = 0; j < n_sites; ++j)
            if (u(rng) < density || j == i % n_sites) pairs.push_back({"o" + std::to_string(i), "s" + std::to_string(j), double(dist(rng))});
    }
    return make_instance(pairs, &w);
}

// Best objective over every subset of exactly k sites (or, for LSCP, any size).
double brute_force(const LocationInstance& in, const LocationRequest& req) {
    const int n = static_cast<int>(in.sites.size());
    double best = req.model == LocationModel::mclp ? -inf : inf;
    for (int mask = 0; mask < (1 << n); ++mask) {
        std::vector<int> open;
        for (int j = 0; j < n; ++j) if (mask >> j & 1) open.push_back(j);
        if (req.model != LocationModel::lscp && static_cast<int>(open.size()) != req.p) continue;
        bool has_required = true;
        for (const auto& id : req.required) {
            int j = static_cast<int>(std::find(in.sites.begin(), in.sites.end(), id) - in.sites.begin());
            if (!(mask >> j & 1)) has_required = false;
        }
        if (!has_required) continue;
        double v = location_objective(in, req, open);
        best = req.model == LocationModel::mclp ? std::max(best, v) : std::min(best, v);
    }
    return best;
}

void check_plan(const LocationInstance& in, const LocationRequest& req, const LocationResult& r) {
    // The reported objective is the plan's own; exactly p sites (but LSCP); required open.
    CHECK(r.objective == Approx(location_objective(in, req, r.open)));
    if (req.model != LocationModel::lscp) CHECK(static_cast<int>(r.open.size()) == req.p);
    for (const auto& id : req.required) {
        int j = static_cast<int>(std::find(in.sites.begin(), in.sites.end(), id) - in.sites.begin());
        CHECK(std::find(r.open.begin(), r.open.end(), j) != r.open.end());
    }
    if (req.model == LocationModel::mclp) CHECK(r.bound >= r.objective - 1e-9);
    else CHECK(r.bound <= r.objective + 1e-9);
}

} // namespace

TEST_CASE("p-median on a line, worked by hand", "[optimize][location]") {
    // Origins at 0, 1, 2, 10, 11; sites at 1, 5, 10.5. With p = 2 the best is
    // {1, 10.5}: 1 + 0 + 1 + 0.5 + 0.5 = 3.
    auto in = line({0, 1, 2, 10, 11}, {1, 5, 10.5});
    LocationRequest req;
    req.p = 2;
    auto r = solve_location(in, req);
    CHECK(r.status == "optimal");
    CHECK(r.objective == Approx(3.0));
    CHECK(r.open == std::vector<int>{0, 2});
    CHECK(r.assignment.size() == 5);
    // Site 5 required: {5, 10.5} → 5+4+3+0.5+0.5 = 13, {1, 5} → 1+0+1+5+6 = 13.
    req.required = {"s1"};
    r = solve_location(in, req);
    CHECK(r.objective == Approx(13.0));
}

TEST_CASE("MCLP, LSCP and p-center on a line, worked by hand", "[optimize][location]") {
    // Weights 5, 1, 1, 4, 4. Catchment 1: site 1 covers 0,1,2 (7); site 5
    // none; site 10.5 covers 10, 11 (8).
    auto in = line({0, 1, 2, 10, 11}, {1, 5, 10.5}, {5, 1, 1, 4, 4});
    LocationRequest req;
    req.model = LocationModel::mclp;
    req.catchment_m = 1.0;
    req.p = 1;
    auto r = solve_location(in, req);
    CHECK(r.objective == Approx(8.0));
    CHECK(r.open == std::vector<int>{2});
    CHECK(r.status == "optimal");
    req.model = LocationModel::lscp;
    r = solve_location(in, req);
    CHECK(r.objective == Approx(2.0));
    CHECK(r.open == std::vector<int>{0, 2});
    // p-center, p = 1: site 5 → largest distance 6 (from 11); site 1 → 10; 10.5 → 10.5.
    req.model = LocationModel::p_center;
    r = solve_location(in, req);
    CHECK(r.objective == Approx(6.0));
    CHECK(r.open == std::vector<int>{1});
    CHECK(r.status == "optimal");
}

TEST_CASE("LSCP: an origin out of every catchment is infeasible (exit 3)", "[optimize][location]") {
    auto in = line({0, 20}, {1});
    LocationRequest req;
    req.model = LocationModel::lscp;
    req.catchment_m = 2.0;
    try {
        solve_location(in, req);
        FAIL("no error");
    } catch (const SolverError& e) {
        CHECK(e.infeasible());
        CHECK(std::string(e.what()).find("o1") != std::string::npos);
    }
}

TEST_CASE("every preset equals brute force on random small instances", "[optimize][location][property]") {
    std::mt19937 rng(12345);
    for (int trial = 0; trial < 40; ++trial) {
        int n_sites = 4 + trial % 6;
        auto in = random_instance(rng, 6 + trial % 7, n_sites, trial % 2 ? 0.6 : 1.0);
        for (auto model : {LocationModel::p_median, LocationModel::mclp, LocationModel::lscp, LocationModel::p_center}) {
            LocationRequest req;
            req.model = model;
            req.p = 1 + trial % 3;
            req.catchment_m = 12.0;
            if (trial % 5 == 0) req.required = {in.sites[static_cast<std::size_t>(trial % n_sites)]};
            double expected = brute_force(in, req);
            INFO("trial " << trial << " model " << model_name(model));
            if (expected == inf) {
                CHECK_THROWS_AS(solve_location(in, req), SolverError);
                continue;
            }
            auto r = solve_location(in, req);
            check_plan(in, req, r);
            CHECK(r.status == "optimal");
            CHECK(r.objective == Approx(expected));
            if (model == LocationModel::p_median) {
                req.textbook = true;
                auto t = solve_location(in, req);
                CHECK(t.objective == Approx(expected));
            }
        }
    }
}

TEST_CASE("p-median: larger random instances, fast method equals the textbook MILP", "[optimize][location][property]") {
    std::mt19937 rng(777);
    for (int trial = 0; trial < 4; ++trial) {
        auto in = random_instance(rng, 40, 25, 1.0);
        LocationRequest req;
        req.p = 3 + 4 * trial;
        auto fast = solve_location(in, req);
        req.textbook = true;
        auto plain = solve_location(in, req);
        CHECK(fast.status == "optimal");
        CHECK(plain.status == "optimal");
        CHECK(fast.objective == Approx(plain.objective));
        req.textbook = false;
        check_plan(in, req, fast);
    }
}

TEST_CASE("OD CSV: repeated pair, the last wins, bad rows name row and column", "[optimize][location]") {
    std::string path = (std::filesystem::temp_directory_path() / "shisetsu_test_od.csv").string();
    {
        std::ofstream out(path);
        out << "origin_id,destination_id,distance_m\n1,A,5\n1,A,7\n2,A,3\n";
    }
    auto in = make_instance(read_od_csv(path));
    REQUIRE(in.pair_count() == 2);
    CHECK(in.distance_m[0] == 7.0);
    {
        std::ofstream out(path);
        out << "origin_id,destination_id,distance_m\n1,A,x\n";
    }
    try {
        read_od_csv(path);
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].row == 2);
        CHECK(e.problems()[0].column == "distance_m");
    }
}

TEST_CASE("OR-Library pmed1 and pmed2: the published optima, proven", "[optimize][location][orlib]") {
    // Independent distances: Floyd–Warshall here, a repeated edge's last line wins.
    for (auto [name, expected] : {std::pair{"pmed1", 5819.0}, std::pair{"pmed2", 4093.0}}) {
        std::ifstream in(std::string(SHISETSU_TEST_DATA) + "/orlib_pmed/" + name + ".txt");
        int n = 0, m = 0, p = 0;
        in >> n >> m >> p;
        std::vector<double> d(static_cast<std::size_t>(n * n), inf);
        for (int i = 0; i < n; ++i) d[static_cast<std::size_t>(i * n + i)] = 0;
        for (int e = 0; e < m; ++e) {
            int i = 0, j = 0;
            double c = 0;
            in >> i >> j >> c;
            d[static_cast<std::size_t>((i - 1) * n + j - 1)] = d[static_cast<std::size_t>((j - 1) * n + i - 1)] = c;
        }
        for (int k = 0; k < n; ++k)
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j)
                    d[static_cast<std::size_t>(i * n + j)] = std::min(d[static_cast<std::size_t>(i * n + j)], d[static_cast<std::size_t>(i * n + k)] + d[static_cast<std::size_t>(k * n + j)]);
        std::vector<OdEntry> pairs;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) pairs.push_back({std::to_string(i + 1), std::to_string(j + 1), d[static_cast<std::size_t>(i * n + j)]});
        auto inst = make_instance(pairs);
        LocationRequest req;
        req.p = p;
        auto r = solve_location(inst, req);
        INFO(name);
        CHECK(r.objective == expected);
        CHECK(r.bound == expected);
        CHECK(r.status == "optimal");
        check_plan(inst, req, r);
    }
}
