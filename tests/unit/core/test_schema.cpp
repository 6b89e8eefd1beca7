// The one validator of configuration files (core/schema.hpp): every problem
// at its JSON pointer, unknown keys with the nearest accepted one, wrong
// types and ranges, unknown ids, aliases mapped to keys.
#include "core/schema.hpp"

#include "core/lang.hpp"

#include <catch2/catch.hpp>

using namespace shisetsu;
using json = nlohmann::json;

namespace {

const schema::Schema& plan_like() {
    static const schema::Schema s(json::parse(R"({
      "type": "object", "additionalProperties": false, "required": ["services"],
      "patternProperties": {"^_": true},
      "properties": {
        "services": {"type": "array", "minItems": 1, "items": {"anyOf": [
            {"type": "string", "x-id": "service"},
            {"type": "object", "additionalProperties": false, "required": ["key"],
             "properties": {"key": {"type": "string", "x-id": "service"},
                            "coverage_target": {"type": "number", "minimum": 0, "maximum": 1}}}]}},
        "strategy": {"type": "string"},
        "horizon": {"type": "integer", "minimum": 1, "maximum": 200},
        "sigma": {"type": "number", "minimum": 0, "exclusiveMaximum": 1},
        "keep": {"type": "array", "items": {"type": "string", "x-id": "site"}},
        "pin": {"type": "array", "items": {"type": "array", "minItems": 2, "maxItems": 2,
                "prefixItems": [{"type": "string", "x-id": "site"}, {"type": "string", "x-id": "service"}]}},
        "mode": {"enum": ["budget", "peak"]},
        "discount_rate": {"type": ["number", "null"]}
      }})"), "test");
    return s;
}

std::vector<std::string> problems(json doc, const schema::Context& context = {}) {
    std::vector<InputProblem> out;
    plan_like().check(doc, "plan.json", context, out);
    std::vector<std::string> lines;
    for (const auto& p : out) lines.push_back(p.to_string());
    return lines;
}

bool has(const std::vector<std::string>& lines, const std::string& text) {
    for (const auto& l : lines)
        if (l.find(text) != std::string::npos) return true;
    return false;
}

} // namespace

TEST_CASE("a good file has no problem, comments (_keys) are allowed", "[core][schema]") {
    CHECK(problems(json::parse(R"({"_note": "x", "services": ["library", {"key": "nursery", "coverage_target": 0.9}],
                                   "horizon": 40.0, "discount_rate": null, "mode": "peak"})")).empty());
}

TEST_CASE("every problem at its JSON pointer, with what was expected", "[core][schema]") {
    set_language(Lang::en);
    auto lines = problems(json::parse(R"({"stratgy": "x", "services": [3, {"key": "library", "coverage_target": 1.5}],
                                         "horizon": 2.5, "sigma": 1, "keep": "S1", "mode": "peek"})"));
    CAPTURE(lines);
    CHECK(lines.size() == 7);
    CHECK(has(lines, "plan.json:/stratgy: unknown key; accepted keys: "));
    CHECK(has(lines, "(did you mean strategy?)"));
    CHECK(has(lines, "plan.json:/services/0: expected a string or an object {…}, got 3"));
    CHECK(has(lines, "plan.json:/services/1/coverage_target: out of range 1.5, expected [0, 1]"));
    CHECK(has(lines, "plan.json:/horizon: expected a whole number, got 2.5"));
    CHECK(has(lines, "plan.json:/sigma: out of range 1, expected [0, 1)"));
    CHECK(has(lines, "plan.json:/keep: expected an array […], got \"S1\""));
    CHECK(has(lines, "plan.json:/mode: unknown value \"peek\"; accepted: budget, peak (did you mean peak?)"));
    set_language(Lang::ja);
}

TEST_CASE("a missing required key and a key cut short", "[core][schema]") {
    set_language(Lang::en);
    auto lines = problems(json::parse(R"({"horizn": 40})"));
    CHECK(has(lines, "plan.json:/services: required key is missing"));
    CHECK(has(lines, "plan.json:/horizn: unknown key; accepted keys: ") );
    CHECK(has(lines, "(did you mean horizon?)"));
    CHECK(schema::nearest("coverage", {"catchment_m", "coverage_target"}) == "coverage_target");
    CHECK(schema::nearest("stratgy", {"start_year", "strategy"}) == "strategy");
    CHECK(schema::nearest("zzz", {"strategy"}).empty());
    CHECK(schema::nearest("levle", {"lifecycle", "level", "ppp"}) == "level");  // two letters swapped: one step
    set_language(Lang::ja);
}

TEST_CASE("ids: unknown ones listed with the known, aliases become keys, unchecked without a list", "[core][schema]") {
    set_language(Lang::en);
    schema::Context context;
    context.ids["service"] = {"サービス", "service", {"library", "nursery"}, {{"図書館", "library"}, {"保育園", "nursery"}}};
    context.ids["site"] = {"施設・用地 ID", "facility or site id", {"F1", "S1"}, {}};
    json doc = json::parse(R"({"services": ["図書館", {"key": "保育園"}], "keep": ["F1", "X9"]})");
    std::vector<InputProblem> out;
    plan_like().check(doc, "plan.json", context, out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].to_string() == "plan.json:/keep/1: unknown facility or site id: \"X9\"; known: F1, S1");
    CHECK(doc["services"][0] == "library");
    CHECK(doc["services"][1]["key"] == "nursery");
    auto lines = problems(json::parse(R"({"services": ["libary"]})"), context);
    CHECK(has(lines, "unknown service: \"libary\"; known: library (図書館), nursery (保育園) (did you mean library?)"));
    // No list of sites (no database yet): not checked.
    CHECK(problems(json::parse(R"({"services": ["x"], "keep": ["X9"]})")).empty());
    set_language(Lang::ja);
}

TEST_CASE("a tuple (prefixItems): each position its own schema, ids and aliases included", "[core][schema]") {
    set_language(Lang::en);
    schema::Context context;
    context.ids["service"] = {"サービス", "service", {"library", "nursery"}, {{"図書館", "library"}}};
    context.ids["site"] = {"施設・用地 ID", "facility or site id", {"F1", "S1"}, {}};
    json doc = json::parse(R"({"services": ["library"], "pin": [["F1", "図書館"], ["X9", "library"], ["F1", "libary"], ["F1"], ["F1", 3]]})");
    std::vector<InputProblem> out;
    plan_like().check(doc, "plan.json", context, out);
    std::vector<std::string> lines;
    for (const auto& p : out) lines.push_back(p.to_string());
    CHECK(lines.size() == 4);
    CHECK(has(lines, "plan.json:/pin/1/0: unknown facility or site id: \"X9\""));
    CHECK(has(lines, "plan.json:/pin/2/1: unknown service: \"libary\""));
    CHECK(has(lines, "plan.json:/pin/3: at least 2 entries are expected"));
    CHECK(has(lines, "plan.json:/pin/4/1: expected a string, got 3"));
    CHECK(doc["pin"][0][1] == "library");  // the alias became the key
    set_language(Lang::ja);
}

TEST_CASE("messages in Japanese", "[core][schema]") {
    set_language(Lang::ja);
    auto lines = problems(json::parse(R"({"services": ["a"], "horizon": 0})"));
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] == "plan.json:/horizon: 範囲外の値です 0、範囲 [1, 200]");
}
