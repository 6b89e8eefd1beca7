// `shisetsu locate --model cflp` from the outside (optimization.md,
// "Capacitated location with fixed costs"): a case worked by hand, the
// OR-Library instances cap41 and cap71 at their published optima with the
// plan checked against every constraint, and bad input named by file and row.
#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

using e2e::fixture;
using e2e::shisetsu;

namespace {

// An OR-Library capacitated instance read here on its own (Beasley's format:
// "m n", m × "capacity fixed_cost", per customer "demand" and m costs of
// serving all of its demand), written as the three CSV files of locate.
struct CapInstance {
    std::vector<double> capacity, fixed, demand;
    std::vector<std::vector<double>> cost;  // [customer][warehouse]
};

CapInstance read_cap(const std::string& path) {
    std::ifstream in(path);
    CapInstance c;
    int m = 0, n = 0;
    in >> m >> n;
    c.capacity.resize(static_cast<std::size_t>(m));
    c.fixed.resize(static_cast<std::size_t>(m));
    for (int j = 0; j < m; ++j) in >> c.capacity[static_cast<std::size_t>(j)] >> c.fixed[static_cast<std::size_t>(j)];
    c.demand.resize(static_cast<std::size_t>(n));
    c.cost.assign(static_cast<std::size_t>(n), std::vector<double>(static_cast<std::size_t>(m)));
    for (int i = 0; i < n; ++i) {
        in >> c.demand[static_cast<std::size_t>(i)];
        for (int j = 0; j < m; ++j) in >> c.cost[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
    }
    REQUIRE(in);
    return c;
}

std::string write_csvs(const CapInstance& c, const std::string& dir) {
    std::ofstream od(dir + "/od.csv"), w(dir + "/w.csv"), sites(dir + "/sites.csv");
    od.precision(17);
    w.precision(17);
    sites.precision(17);
    od << "origin_id,destination_id,distance_m\n";
    w << "origin_id,weight\n";
    sites << "site_id,fixed_cost,capacity\n";
    for (std::size_t i = 0; i < c.demand.size(); ++i) {
        w << "c" << i + 1 << ',' << c.demand[i] << '\n';
        for (std::size_t j = 0; j < c.fixed.size(); ++j) od << "c" << i + 1 << ",w" << j + 1 << ',' << c.cost[i][j] << '\n';
    }
    for (std::size_t j = 0; j < c.fixed.size(); ++j) sites << "w" << j + 1 << ',' << c.fixed[j] << ',' << c.capacity[j] << '\n';
    return " --od " + dir + "/od.csv --demand " + dir + "/w.csv --sites " + dir + "/sites.csv";
}

// The result's plan against every constraint; returns its objective
// recomputed from the instance: Σ f over open + Σ c·share.
double check_and_cost(const CapInstance& c, const nlohmann::json& j, bool single_source) {
    auto index = [](const std::string& id) { return static_cast<std::size_t>(std::stoi(id.substr(1)) - 1); };
    std::vector<char> open(c.fixed.size(), 0);
    double cost = 0.0;
    for (const auto& s : j["open"]) {
        open[index(s.get<std::string>())] = 1;
        cost += c.fixed[index(s.get<std::string>())];
    }
    std::vector<double> served(c.demand.size(), 0.0), load(c.fixed.size(), 0.0);
    for (const auto& a : j["assignment"]) {
        REQUIRE(a.size() == 3);
        auto i = index(a[0].get<std::string>()), s = index(a[1].get<std::string>());
        double x = a[2].get<double>();
        CHECK(open[s]);
        CHECK(x > 0.0);
        CHECK(x <= 1.0 + 1e-9);
        if (single_source) CHECK(x == 1.0);
        served[i] += x;
        load[s] += c.demand[i] * x;
        cost += c.cost[i][s] * x;
    }
    for (double x : served) CHECK(x == Approx(1.0).margin(1e-9));
    for (std::size_t s = 0; s < load.size(); ++s) CHECK(load[s] <= c.capacity[s] * (1 + 1e-9));
    return cost;
}

} // namespace

TEST_CASE("locate cflp on two sites worked by hand: split and single source", "[e2e][optimize][cflp]") {
    // tests/data/optimize/cflp: A (fixed 10, capacity 6), B (30, 10); o1 and
    // o2 with demand 4 each; all of o1 costs 8 at A, 40 at B, all of o2 12 at
    // A, 20 at B. Split: A takes o1 and half of o2, B the other half:
    // 10 + 30 + 8 + 6 + 10 = 64. Single source: o1 at A, o2 at B = 68.
    auto dir = e2e::temp_dir("locate_cflp_hand");
    std::string files = " --od " + fixture("optimize/cflp/od.csv") + " --demand " + fixture("optimize/cflp/w.csv") + " --sites " +
                        fixture("optimize/cflp/sites.csv");
    auto r = shisetsu("--quiet locate --model cflp" + files + " --json " + dir + "/split.json");
    REQUIRE(r.exit_code == 0);
    auto j = e2e::read_json(dir + "/split.json");
    CHECK(j["model"] == "cflp");
    CHECK(j["objective"].get<double>() == Approx(64.0));
    CHECK(j["bound"].get<double>() == Approx(64.0));
    CHECK(j["gap"].get<double>() == 0.0);
    CHECK(j["status"] == "optimal");
    CHECK(j["p"] == 2);
    CHECK(j["single_source"] == false);
    CHECK(j["fixed_cost"].get<double>() == Approx(40.0));
    CHECK(j["assignment_cost"].get<double>() == Approx(24.0));
    CHECK(j["open"] == nlohmann::json::array({"A", "B"}));
    REQUIRE(j["assignment"].size() == 3);
    CHECK(j["assignment"][0] == nlohmann::json::array({"o1", "A", 1.0}));
    CHECK(j["assignment"][1][2].get<double>() == Approx(0.5));
    CHECK(j["assignment"][2][2].get<double>() == Approx(0.5));
    r = shisetsu("--quiet locate --model cflp --single-source" + files + " --json " + dir + "/single.json");
    REQUIRE(r.exit_code == 0);
    j = e2e::read_json(dir + "/single.json");
    CHECK(j["objective"].get<double>() == Approx(68.0));
    CHECK(j["status"] == "optimal");
    CHECK(j["single_source"] == true);
    CHECK(j["assignment"] == nlohmann::json::parse(R"([["o1", "A", 1.0], ["o2", "B", 1.0]])"));
    // --p 1: only B holds both, 30 + 40 + 20 = 90.
    r = shisetsu("--quiet locate --model cflp --p 1" + files + " --json " + dir + "/p1.json");
    REQUIRE(r.exit_code == 0);
    CHECK(e2e::read_json(dir + "/p1.json")["objective"].get<double>() == Approx(90.0));
}

TEST_CASE("locate cflp: OR-Library cap41 and cap71 at their published optima, proven", "[e2e][optimize][cflp][orlib]") {
    // Published optima (tests/data/orlib_cap/cap_optimal.csv, from Beasley's capopt.txt).
    std::map<std::string, double> optimum;
    {
        std::ifstream in(fixture("orlib_cap/cap_optimal.csv"));
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) optimum[line.substr(0, line.find(','))] = std::stod(line.substr(line.find(',') + 1));
    }
    REQUIRE(optimum.size() == 2);
    for (const auto& [name, expected] : optimum) {
        INFO(name);
        auto dir = e2e::temp_dir("locate_cflp_" + name);
        auto c = read_cap(fixture("orlib_cap/" + name + ".txt"));
        std::string files = write_csvs(c, dir);
        auto r = shisetsu("--quiet locate --model cflp" + files + " --json " + dir + "/r.json");
        REQUIRE(r.exit_code == 0);
        auto j = e2e::read_json(dir + "/r.json");
        CHECK(std::abs(j["objective"].get<double>() - expected) <= 1e-3);  // capopt.txt: three decimals
        CHECK(j["status"] == "optimal");
        CHECK(j["bound"].get<double>() <= j["objective"].get<double>());
        CHECK(j["bound"].get<double>() >= expected - 1e-3);
        CHECK(check_and_cost(c, j, false) == Approx(j["objective"].get<double>()).epsilon(1e-12));
        // Single source. cap41: customers 11 and 34 need more than any
        // warehouse holds (5,495 and 12,912 > 5,000), so no plan exists and
        // the demand file names them. cap71: every capacity holds all the
        // demand, so one warehouse per customer is optimal anyway: the same optimum.
        r = shisetsu("--quiet --lang en locate --model cflp --single-source --time-limit 60" + files + " --json " + dir + "/s.json");
        if (name == "cap41") {
            CHECK(r.exit_code == 1);
            CHECK(r.err.find("w.csv:12:origin_id") != std::string::npos);
            CHECK(r.err.find("w.csv:35:origin_id") != std::string::npos);
            continue;
        }
        REQUIRE(r.exit_code == 0);
        auto s = e2e::read_json(dir + "/s.json");
        CHECK(check_and_cost(c, s, true) == Approx(s["objective"].get<double>()).epsilon(1e-12));
        CHECK(std::abs(s["objective"].get<double>() - expected) <= 1e-3);
        CHECK(s["status"] == "optimal");
    }
}

TEST_CASE("locate cflp: bad input names the file and row, exit 1, usage errors exit 2", "[e2e][optimize][cflp]") {
    std::string od = " --od " + fixture("optimize/cflp/od.csv");
    std::string sites = " --sites " + fixture("optimize/cflp/sites.csv");
    std::string w = " --demand " + fixture("optimize/cflp/w.csv");
    // A site without cost (row 2) and one without capacity (row 3), both in one run.
    auto r = shisetsu("--lang en locate --model cflp" + od + w + " --sites " + fixture("optimize/cflp/sites_incomplete.csv"));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("sites_incomplete.csv:2:fixed_cost") != std::string::npos);
    CHECK(r.err.find("sites_incomplete.csv:3:capacity") != std::string::npos);
    // A negative demand.
    r = shisetsu("--lang en locate --model cflp" + od + sites + " --demand " + fixture("optimize/cflp/w_negative.csv"));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("w_negative.csv:3:weight") != std::string::npos);
    // An origin (o3, row 4) with demand and no usable site.
    r = shisetsu("--lang en locate --model cflp" + od + sites + " --demand " + fixture("optimize/cflp/w_unserved.csv"));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("w_unserved.csv:4:origin_id") != std::string::npos);
    CHECK(r.err.find("o3") != std::string::npos);
    // Capacities 5 + 2 < demand 8: no feasible plan (exit 3), and why.
    r = shisetsu("--lang en locate --model cflp" + od + w + " --sites " + fixture("optimize/cflp/sites_small.csv"));
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("total usable capacity 7 is less than the total demand 8") != std::string::npos);
    // A required site that is not in the instance.
    r = shisetsu("--lang en locate --model cflp" + od + w + sites + " --required " + fixture("optimize/line_required.txt"));
    CHECK(r.exit_code == 1);
    r = shisetsu("--lang en locate --model cflp" + od + w);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--sites") != std::string::npos);
    r = shisetsu("--lang en locate --model p-median --p 1 --single-source" + od);
    CHECK(r.exit_code == 2);
}
