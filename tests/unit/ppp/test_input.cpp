// Projects files and parameters (ppp.md "Command and JSON"): defaults, the
// file's parameters, each project's own; bad input names project and field.
#include "ppp/projects.hpp"

#include "core/errors.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace shisetsu;
using namespace shisetsu::ppp;
using json = nlohmann::json;

namespace {

ProjectSet parse(const json& doc) {
    const Defaults d = load_defaults();
    return parse_projects(doc, "p.json", d, load_schemes(), d.parameters);
}

// Every problem of a bad file, as file:column: message lines.
std::vector<std::string> problems(const json& doc) {
    try {
        parse(doc);
    } catch (const InputError& e) {
        std::vector<std::string> out;
        for (const auto& p : e.problems()) out.push_back(p.file + ":" + p.column);
        return out;
    }
    return {};
}

json good() {
    return json::parse(R"({"parameters": {"discount_rate": 0.02, "operation_years": 20},
      "projects": [{"name": "市民体育館", "construction_cost_yen": 3.0e9, "annual_om_yen": 1.2e8},
                   {"name": "図書館", "type": "rebuild", "construction_cost_yen": 1.0e9, "annual_om_yen": 5e7,
                    "annual_fee_income_yen": 1e6, "construction_years": 3,
                    "parameters": {"subsidy_share": 0.5, "population": 150000}}]})");
}

} // namespace

TEST_CASE("projects file: defaults, file parameters, per-project parameters", "[ppp]") {
    ProjectSet set = parse(good());
    REQUIRE(set.projects.size() == 2);
    CHECK(set.common.discount_rate == 0.02);
    CHECK(set.common.operation_years == 20);
    CHECK(set.common.bond_share == 0.75);  // default kept
    const Project& a = set.projects[0].project;
    CHECK(a.name == "市民体育館");
    CHECK(a.type == "new");
    CHECK(a.annual_fee_income_yen == 0.0);
    CHECK(a.parameters.discount_rate == 0.02);
    CHECK(a.parameters.construction_years == 2);
    const Project& b = set.projects[1].project;
    CHECK(b.type == "rebuild");
    CHECK(b.annual_fee_income_yen == 1e6);
    CHECK(b.parameters.construction_years == 3);  // direct key
    CHECK(b.parameters.subsidy_share == 0.5);     // nested "parameters"
    CHECK(b.parameters.population == 150000);
    CHECK(b.parameters.operation_years == 20);    // from the file
    // Every parameter is written with its value.
    json written = to_json(b.parameters);
    for (const auto& name : parameter_names()) CHECK(written.contains(name));
    CHECK(written["construction_years"] == 3);
}

TEST_CASE("bad input names the project and the field", "[ppp]") {
    SECTION("negative cost") {
        json doc = good();
        doc["projects"][0]["construction_cost_yen"] = -1;
        CHECK(problems(doc) == std::vector<std::string>{"p.json:/projects/0/construction_cost_yen"});
    }
    SECTION("rate out of range, in the file and per project") {
        json doc = good();
        doc["parameters"]["discount_rate"] = 1.5;
        doc["projects"][1]["private_rate"] = -0.2;
        doc["projects"][1]["parameters"]["bond_share"] = 1.2;
        CHECK(problems(doc) == std::vector<std::string>{"p.json:/parameters/discount_rate",
                                                        "p.json:/projects/1/parameters/bond_share",
                                                        "p.json:/projects/1/private_rate"});
    }
    SECTION("unknown parameter name") {
        json doc = good();
        doc["parameters"]["discount"] = 0.01;
        doc["projects"][0]["bond_rat"] = 0.01;
        doc["projects"][1]["parameters"]["spc_setup"] = 1;
        CHECK(problems(doc) == std::vector<std::string>{"p.json:/parameters/discount",
                                                        "p.json:/projects/0/bond_rat",
                                                        "p.json:/projects/1/parameters/spc_setup"});
    }
    SECTION("missing field") {
        json doc = good();
        doc["projects"][0].erase("annual_om_yen");
        doc["projects"][1].erase("name");
        CHECK(problems(doc) == std::vector<std::string>{"p.json:/projects/0/annual_om_yen",
                                                        "p.json:/projects/1/name"});
    }
    SECTION("years must be whole numbers ≥ 1; types must be known") {
        json doc = good();
        doc["projects"][0]["construction_years"] = 1.5;
        doc["projects"][1]["operation_years"] = 0;
        doc["projects"][1]["type"] = "stadium";
        CHECK(problems(doc) == std::vector<std::string>{"p.json:/projects/0/construction_years",
                                                        "p.json:/projects/1/operation_years",
                                                        "p.json:/projects/1/type"});
    }
    SECTION("wrong types and no projects") {
        json doc = good();
        doc["projects"][0]["annual_om_yen"] = "1億";
        CHECK(problems(doc) == std::vector<std::string>{"p.json:/projects/0/annual_om_yen"});
        CHECK(problems(json::parse(R"({"parameters": {}})")) == std::vector<std::string>{"p.json:/projects"});
    }
    SECTION("the message says what is wrong") {
        json doc = good();
        doc["projects"][0]["construction_cost_yen"] = -5;
        try {
            parse(doc);
            FAIL("no error");
        } catch (const InputError& e) {
            std::string what = e.what();
            CHECK(what.find("市民体育館") != std::string::npos);
            CHECK(what.find("construction_cost_yen") != std::string::npos);
        }
    }
}

TEST_CASE("a broken defaults file is refused, naming the key", "[ppp]") {
    auto dir = std::filesystem::temp_directory_path() / "shisetsu_ppp_defaults";
    std::filesystem::create_directories(dir);
    std::ifstream in(std::string(SHISETSU_SOURCE_DIR) + "/data/ppp/parameters.json");
    json doc = json::parse(in);
    doc["parameters"].erase("bond_years");
    doc["parameters"]["discount_rate"]["value"] = 0.9;  // above its own max 0.2
    std::string path = (dir / "parameters.json").string();
    std::ofstream(path) << doc.dump();
    try {
        load_defaults(path);
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 1);  // the missing default stops the range checks
        CHECK(e.problems()[0].column == "/parameters/bond_years");
    }
    doc["parameters"]["bond_years"] = {{"value", 20}, {"min", 1}, {"max", 50}, {"integer", true}};
    std::ofstream(path) << doc.dump();
    try {
        load_defaults(path);
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].column == "/parameters/discount_rate");
    }
}
