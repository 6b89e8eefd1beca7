#pragma once
// Configuration files checked like data (overview.md "Configuration files
// are checked like data"): one validator for run configs, plans, scenarios,
// PPP parameters and projects. Each kind of file has a schema, a JSON
// document in a subset of JSON Schema (draft 2020-12) kept in data/schema/:
//   type (one or a list), properties, required, additionalProperties (false
//   or a schema), patternProperties, items, minItems, maxItems, enum,
//   propertyNames, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
//   anyOf, $defs,
//   $ref ("#/$defs/NAME"), description (ignored)
// and three extensions:
//   "x-select": {"property": "step", "cases": {"import": SCHEMA, …}} — the
//       object's schema chosen by one of its properties (a run config step);
//   "x-id": "service" — a string that must name a known id of that kind;
//       ids the caller does not know (no database yet) are not checked; a
//       known alias (a service's Japanese name) is replaced by its key;
//   "x-path": "input" — a file that must exist (relative to the base folder).
// Debian's only C++ JSON-schema library (valijson 1.0) reports one unknown
// key per object, in English only, with no expected type, and pulls in Qt,
// Poco and yaml-cpp; the messages here are the user's interface, so they
// are written here: every problem of a file at once, at its JSON pointer,
// in the user's language, an unknown key with the accepted ones and the
// nearest.
#include "core/errors.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace shisetsu::schema {

// Ids of one kind (site, service, facility, category …) that a file may name.
struct IdSet {
    std::string label_ja, label_en;              // 施設・用地 ID / facility or site id
    std::vector<std::string> ids;                // accepted as they are
    std::map<std::string, std::string> aliases;  // other accepted names → id (service 図書館 → library)
};

struct Context {
    std::map<std::string, IdSet> ids;  // by the schema's "x-id" name; absent = not checked
    std::string base_dir;              // for "x-path"; empty = the current folder
};

class Schema {
public:
    Schema() = default;
    Schema(nlohmann::json document, std::string name);

    // Appends every problem of `doc` as (file, JSON pointer, message);
    // replaces aliases of ids by the ids. `at` is where `doc` sits in its
    // file (a part checked on its own: "/steps/3/parameters").
    void check(nlohmann::json& doc, const std::string& file, const Context& context,
               std::vector<InputProblem>& problems, const std::string& at = "") const;
    // The same, throwing InputError when there is a problem.
    void validate(nlohmann::json& doc, const std::string& file, const Context& context = {}) const;

    const nlohmann::json& document() const noexcept { return doc_; }
    // The keys an object schema accepts at a JSON pointer of the schema ("" = root).
    std::vector<std::string> property_names(const std::string& schema_pointer = "") const;

private:
    nlohmann::json doc_;
    std::string name_;
};

// data/schema/NAME.json, read once.
const Schema& load(const std::string& name);

// "unknown key; accepted: a, b, c (nearest: stratgy → strategy)" in the
// current language.
std::string unknown_key_message(const std::string& key, const std::vector<std::string>& accepted);
// The candidate nearest to `word` by edit distance, when it is close enough
// to be what was meant (at most a third of the word's letters differ); else "".
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

// "/services/0" from an outer pointer and a key or index.
std::string pointer(const std::string& parent, const std::string& key);
std::string pointer(const std::string& parent, std::size_t index);

} // namespace shisetsu::schema
