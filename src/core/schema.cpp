#include "core/schema.hpp"

#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <regex>
#include <sstream>

namespace shisetsu::schema {

using json = nlohmann::json;

namespace {

std::u32string code_points(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

// Optimal string alignment distance: insertions, deletions, substitutions
// and swaps of two neighbours ("levle" is one step from "level").
std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

std::string shown(const json& value) {
    std::string text = value.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
}

std::string join(const std::vector<std::string>& items, std::size_t most = 0) {
    std::string out;
    std::size_t n = 0;
    for (const auto& s : items) {
        if (most && n == most) {
            out += std::string(", … (") + std::to_string(items.size()) + tr(" 件)", " in all)");
            break;
        }
        out += (out.empty() ? "" : ", ") + s;
        ++n;
    }
    return out;
}

std::string join_or(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? tr(" または ", " or ") : tr("、", ", ")) + items[i];
    return out;
}

std::string number_text(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

const char* type_word(const std::string& type) {
    if (type == "object") return tr("オブジェクト {…}", "an object {…}");
    if (type == "array") return tr("配列 […]", "an array […]");
    if (type == "string") return tr("文字列", "a string");
    if (type == "number") return tr("数値", "a number");
    if (type == "integer") return tr("整数", "a whole number");
    if (type == "boolean") return tr("true か false", "true or false");
    if (type == "null") return "null";
    return "?";
}

bool has_type(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "number") return value.is_number() && std::isfinite(value.get<double>());
    if (type == "integer") {
        if (!value.is_number()) return false;
        double v = value.get<double>();
        return std::isfinite(v) && v == std::floor(v);
    }
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    return false;
}

std::vector<std::string> types_of(const json& node) {
    if (!node.contains("type")) return {};
    if (node["type"].is_string()) return {node["type"].get<std::string>()};
    return node["type"].get<std::vector<std::string>>();
}

// One run over a document: the schema, the context, where problems go.
class Checker {
public:
    Checker(const json& root, const std::string& file, const Context& context, std::vector<InputProblem>& problems)
        : root_(root), file_(file), context_(context), problems_(problems) {}

    void check(const json& node, json& value, const std::string& at) {
        const json& s = resolve(node);
        if (s.is_boolean()) {
            if (!s.get<bool>()) fail(at, tr("ここには何も置けません", "nothing is allowed here"));
            return;
        }
        if (s.contains("anyOf")) {
            any_of(s["anyOf"], value, at);
            return;
        }
        auto types = types_of(s);
        if (!types.empty() && std::none_of(types.begin(), types.end(), [&](const std::string& t) { return has_type(value, t); })) {
            std::vector<std::string> words;
            for (const auto& t : types) words.emplace_back(type_word(t));
            fail(at, std::string(tr("", "expected ")) + join_or(words) + tr(" が必要です。値: ", ", got ") + shown(value));
            return;
        }
        if (s.contains("enum")) {
            const json& allowed = s["enum"];
            if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
                std::vector<std::string> names;
                for (const auto& a : allowed) names.push_back(a.is_string() ? a.get<std::string>() : a.dump());
                std::string message = std::string(tr("使えない値です: ", "unknown value ")) + shown(value) +
                                      tr("。使える値: ", "; accepted: ") + join(names);
                if (value.is_string())
                    if (auto near = nearest(value.get<std::string>(), names); !near.empty())
                        message += std::string(tr(" (もしかして ", " (did you mean ")) + near + tr(")", "?)");
                fail(at, message);
                return;
            }
        }
        if (value.is_number()) range(s, value, at);
        if (value.is_string()) {
            if (s.contains("x-id")) id(s["x-id"].get<std::string>(), value, at);
            if (s.contains("x-path")) path(value.get<std::string>(), at);
        }
        if (value.is_array()) array(s, value, at);
        if (value.is_object()) object(s, value, at);
    }

private:
    const json& resolve(const json& node) {
        const json* n = &node;
        for (int depth = 0; n->is_object() && n->contains("$ref") && depth < 32; ++depth) {
            std::string ref = (*n)["$ref"].get<std::string>();
            if (ref.rfind("#", 0) != 0) throw std::logic_error("schema: only local $ref: " + ref);
            n = &root_.at(json::json_pointer(ref.substr(1)));
        }
        return *n;
    }

    void fail(const std::string& at, std::string message) { problems_.push_back({file_, 0, at, std::move(message)}); }

    void range(const json& s, const json& value, const std::string& at) {
        const double v = value.get<double>();
        const bool lo_open = s.contains("exclusiveMinimum"), hi_open = s.contains("exclusiveMaximum");
        std::optional<double> lo, hi;
        if (s.contains("minimum")) lo = s["minimum"].get<double>();
        if (lo_open) lo = s["exclusiveMinimum"].get<double>();
        if (s.contains("maximum")) hi = s["maximum"].get<double>();
        if (hi_open) hi = s["exclusiveMaximum"].get<double>();
        bool bad = (lo && (v < *lo || (lo_open && v == *lo))) || (hi && (v > *hi || (hi_open && v == *hi)));
        if (!bad) return;
        std::string expected = std::string(lo_open ? "(" : "[") + (lo ? number_text(*lo) : "−∞") + ", " +
                               (hi ? number_text(*hi) : "∞") + (hi_open ? ")" : "]");
        fail(at, std::string(tr("範囲外の値です ", "out of range ")) + shown(value) + tr("、範囲 ", ", expected ") + expected);
    }

    void id(const std::string& kind, json& value, const std::string& at) {
        auto set = context_.ids.find(kind);
        if (set == context_.ids.end()) return;  // not known here (no database yet)
        const IdSet& ids = set->second;
        const std::string v = value.get<std::string>();
        if (std::find(ids.ids.begin(), ids.ids.end(), v) != ids.ids.end()) return;
        if (auto alias = ids.aliases.find(v); alias != ids.aliases.end()) {
            value = alias->second;
            return;
        }
        std::vector<std::string> known;
        std::vector<std::string> names = ids.ids;
        for (const auto& i : ids.ids) {
            std::string label = i;
            for (const auto& [alias, target] : ids.aliases)
                if (target == i) {
                    label += " (" + alias + ")";
                    names.push_back(alias);
                    break;
                }
            known.push_back(label);
        }
        std::string message = std::string(tr("不明な", "unknown ")) + (language() == Lang::ja ? ids.label_ja : ids.label_en) +
                              ": " + shown(value) + tr("。使える値: ", "; known: ") + join(known, 12);
        if (auto near = nearest(v, names); !near.empty())
            message += std::string(tr(" (もしかして ", " (did you mean ")) + near + tr(")", "?)");
        fail(at, message);
    }

    void path(const std::string& file, const std::string& at) {
        if (file.empty()) return;
        std::filesystem::path p(file);
        if (p.is_relative() && !context_.base_dir.empty()) p = std::filesystem::path(context_.base_dir) / p;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(p, ec))
            fail(at, std::string(tr("ファイルがありません: ", "no such file: ")) + p.string());
    }

    void array(const json& s, json& value, const std::string& at) {
        if (s.contains("minItems") && value.size() < s["minItems"].get<std::size_t>())
            fail(at, std::string(tr("要素が ", "at least ")) + std::to_string(s["minItems"].get<std::size_t>()) +
                         tr(" 個以上必要です", " entries are expected"));
        if (s.contains("maxItems") && value.size() > s["maxItems"].get<std::size_t>())
            fail(at, std::string(tr("要素は ", "at most ")) + std::to_string(s["maxItems"].get<std::size_t>()) +
                         tr(" 個までです", " entries are allowed"));
        // prefixItems: a tuple, one schema per position ([site, service]).
        const std::size_t fixed = s.contains("prefixItems") ? s["prefixItems"].size() : 0;
        for (std::size_t i = 0; i < value.size() && i < fixed; ++i) check(s["prefixItems"][i], value[i], pointer(at, i));
        if (!s.contains("items")) return;
        for (std::size_t i = fixed; i < value.size(); ++i) {
            const std::size_t before = problems_.size();
            check(s["items"], value[i], pointer(at, i));
            // An entry with a name is named in its messages: /projects/0 is 市民体育館.
            if (value[i].is_object() && value[i].contains("name") && value[i]["name"].is_string())
                for (std::size_t k = before; k < problems_.size(); ++k)
                    problems_[k].message += std::string(tr("（", " (")) + value[i]["name"].get<std::string>() + tr("）", ")");
        }
    }

    void object(const json& s, json& value, const std::string& at) {
        if (s.contains("x-select")) {
            const json& sel = s["x-select"];
            const std::string property = sel["property"].get<std::string>();
            const json& cases = sel["cases"];
            if (!value.contains(property)) {
                fail(pointer(at, property), tr("必須の項目がありません", "required key is missing"));
                return;
            }
            std::vector<std::string> names;
            for (const auto& [k, v] : cases.items()) names.push_back(k);
            const json& which = value[property];
            if (!which.is_string() || !cases.contains(which.get<std::string>())) {
                std::string message = std::string(tr("使えない値です: ", "unknown value ")) + shown(which) +
                                      tr("。使える値: ", "; accepted: ") + join(names);
                if (which.is_string())
                    if (auto near = nearest(which.get<std::string>(), names); !near.empty())
                        message += std::string(tr(" (もしかして ", " (did you mean ")) + near + tr(")", "?)");
                fail(pointer(at, property), message);
                return;
            }
            check(cases[which.get<std::string>()], value, at);
        }
        if (s.contains("required"))
            for (const auto& key : s["required"])
                if (!value.contains(key.get<std::string>()))
                    fail(pointer(at, key.get<std::string>()), tr("必須の項目がありません", "required key is missing"));
        const json empty = json::object();
        const json& properties = s.contains("properties") ? s["properties"] : empty;
        std::vector<std::pair<std::regex, const json*>> patterns;
        if (s.contains("patternProperties"))
            for (const auto& [pattern, sub] : s["patternProperties"].items()) patterns.emplace_back(std::regex(pattern), &sub);
        std::vector<std::string> accepted;
        for (const auto& [k, v] : properties.items()) accepted.push_back(k);
        std::vector<std::pair<std::string, std::string>> renames;  // alias key → id
        for (auto& [key, member] : value.items()) {
            const std::string at_key = pointer(at, key);
            if (s.contains("propertyNames")) {
                json name = key;
                check(s["propertyNames"], name, at_key);
                if (name.is_string() && name.get<std::string>() != key) renames.emplace_back(key, name.get<std::string>());
            }
            if (properties.contains(key)) {
                check(properties[key], member, at_key);
                continue;
            }
            bool matched = false;
            for (const auto& [re, sub] : patterns)
                if (std::regex_search(key, re)) {
                    check(*sub, member, at_key);
                    matched = true;
                }
            if (matched) continue;
            if (s.contains("additionalProperties")) {
                const json& extra = s["additionalProperties"];
                if (extra.is_boolean() && !extra.get<bool>()) fail(at_key, unknown_key_message(key, accepted));
                else if (!extra.is_boolean()) check(extra, member, at_key);
            }
        }
        for (const auto& [from, to] : renames) {
            json moved = std::move(value[from]);
            value.erase(from);
            value[to] = std::move(moved);
        }
    }

    void any_of(const json& alternatives, json& value, const std::string& at) {
        struct Try {
            json value;
            std::vector<InputProblem> problems;
            bool type_fits = true;
        };
        std::vector<Try> tries;
        for (const auto& alternative : alternatives) {
            Try t{value, {}, true};
            const json& s = resolve(alternative);
            auto types = types_of(s);
            t.type_fits = types.empty() || std::any_of(types.begin(), types.end(), [&](const std::string& ty) { return has_type(value, ty); });
            Checker inner(root_, file_, context_, t.problems);
            inner.check(alternative, t.value, at);
            if (t.problems.empty()) {
                value = std::move(t.value);
                return;
            }
            tries.push_back(std::move(t));
        }
        // The alternative of the value's own type says best what is wrong.
        auto fits = std::count_if(tries.begin(), tries.end(), [](const Try& t) { return t.type_fits; });
        if (fits == 1) {
            for (auto& t : tries)
                if (t.type_fits) problems_.insert(problems_.end(), t.problems.begin(), t.problems.end());
            return;
        }
        std::vector<std::string> words;
        for (const auto& alternative : alternatives)
            for (const auto& t : types_of(resolve(alternative))) words.emplace_back(type_word(t));
        fail(at, std::string(tr("", "expected ")) + join_or(words) + tr(" が必要です。値: ", ", got ") + shown(value));
    }

    const json& root_;
    const std::string& file_;
    const Context& context_;
    std::vector<InputProblem>& problems_;
};

} // namespace

std::string pointer(const std::string& parent, const std::string& key) {
    std::string escaped;
    for (char c : key) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return parent + "/" + escaped;
}

std::string pointer(const std::string& parent, std::size_t index) { return parent + "/" + std::to_string(index); }

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
    const std::u32string w = code_points(word);
    std::string best;
    std::size_t best_distance = std::string::npos;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(w, code_points(c));
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    if (!best.empty() && best_distance > 0 && best_distance <= std::max<std::size_t>(1, w.size() / 3)) return best;
    // A word cut short or run on: "coverage" for "coverage_target".
    if (w.size() >= 3)
        for (const auto& c : candidates)
            if (c != word && (c.rfind(word, 0) == 0 || word.rfind(c, 0) == 0)) return c;
    return "";
}

std::string unknown_key_message(const std::string& key, const std::vector<std::string>& accepted) {
    std::string message = std::string(tr("不明なキーです。使えるキー: ", "unknown key; accepted keys: ")) + join(accepted);
    if (auto near = nearest(key, accepted); !near.empty())
        message += std::string(tr(" (もしかして ", " (did you mean ")) + near + tr(")", "?)");
    return message;
}

Schema::Schema(json document, std::string name) : doc_(std::move(document)), name_(std::move(name)) {}

void Schema::check(json& doc, const std::string& file, const Context& context, std::vector<InputProblem>& problems,
                   const std::string& at) const {
    Checker(doc_, file, context, problems).check(doc_, doc, at);
}

void Schema::validate(json& doc, const std::string& file, const Context& context) const {
    std::vector<InputProblem> problems;
    check(doc, file, context, problems);
    if (!problems.empty()) throw InputError(std::move(problems));
}

std::vector<std::string> Schema::property_names(const std::string& schema_pointer) const {
    std::vector<std::string> out;
    const json& node = doc_.at(json::json_pointer(schema_pointer));
    if (node.contains("properties"))
        for (const auto& [k, v] : node["properties"].items()) out.push_back(k);
    return out;
}

const Schema& load(const std::string& name) {
    static std::mutex mutex;
    static std::map<std::string, Schema> cache;
    std::lock_guard lock(mutex);
    auto it = cache.find(name);
    if (it == cache.end()) it = cache.emplace(name, Schema(read_json_file(data_path("schema/" + name + ".json")), name)).first;
    return it->second;
}

} // namespace shisetsu::schema
