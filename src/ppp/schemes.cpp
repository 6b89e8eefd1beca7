#include "ppp/schemes.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace shisetsu::ppp {

using json = nlohmann::json;

std::string Scheme::name() const { return language() == Lang::ja ? name_ja : name_en; }
std::string Scheme::why() const { return language() == Lang::ja ? why_ja : why_en; }

std::string SchemeTable::type_label(const std::string& type) const {
    auto it = type_labels.find(type);
    if (it == type_labels.end()) return type;
    return language() == Lang::ja ? it->second.first : it->second.second;
}

std::string SchemeTable::accepted_types() const {
    std::string out;
    for (const auto& [k, v] : type_labels) out += (out.empty() ? "" : ", ") + k + " (" + v.first + ")";
    return out;
}

std::vector<const Scheme*> SchemeTable::candidates(const Project& project) const {
    std::vector<const Scheme*> out;
    for (const auto& s : schemes) {
        if (std::find(s.project_types.begin(), s.project_types.end(), project.type) == s.project_types.end()) continue;
        if (s.min_fee_income_share_of_om &&
            !(project.annual_fee_income_yen > 0.0 &&
              project.annual_fee_income_yen >= *s.min_fee_income_share_of_om * project.annual_om_yen))
            continue;
        out.push_back(&s);
    }
    return out;
}

SchemeTable load_schemes() { return load_schemes(data_path("ppp/schemes.json")); }

SchemeTable load_schemes(const std::string& path) {
    json doc = read_json_file(path);
    SchemeTable t;
    std::string key = "project_types";
    try {
        t.source = doc.value("source", std::string());
        for (const auto& [type, label] : doc.at("project_types").items())
            t.type_labels[type] = {label.at("ja").get<std::string>(), label.at("en").get<std::string>()};
        std::size_t i = 0;
        for (const auto& s : doc.at("schemes")) {
            key = "schemes[" + std::to_string(i++) + "]";
            Scheme x;
            x.key = s.at("key").get<std::string>();
            x.name_ja = s.at("name_ja").get<std::string>();
            x.name_en = s.at("name_en").get<std::string>();
            x.why_ja = s.at("why_ja").get<std::string>();
            x.why_en = s.at("why_en").get<std::string>();
            x.project_types = s.at("project_types").get<std::vector<std::string>>();
            if (s.contains("min_fee_income_share_of_om"))
                x.min_fee_income_share_of_om = s["min_fee_income_share_of_om"].get<double>();
            for (const auto& type : x.project_types)
                if (!t.known_type(type))
                    throw InputError({{path, 0, key, std::string(tr("不明な事業の種類です: ", "unknown project type: ")) + type}});
            t.schemes.push_back(std::move(x));
        }
    } catch (const json::exception& e) {
        throw InputError({{path, 0, key, std::string(tr("読めません: ", "cannot be read: ")) + e.what()}});
    }
    return t;
}

} // namespace shisetsu::ppp
