#include "network/profile.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/paths.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace shisetsu::network {

using json = nlohmann::json;

namespace {

std::set<std::string> strings(const json& j, const char* key) {
    std::set<std::string> out;
    if (j.contains(key))
        for (const auto& v : j.at(key)) out.insert(v.get<std::string>());
    return out;
}

} // namespace

Profile load_profile(const std::string& name) {
    std::string path = data_path("network/profiles.json");
    std::string key = name;
    if (std::filesystem::path(name).extension() == ".json") {
        path = name;
        key.clear();
    }
    const json all = read_json_file(path);
    if (key.empty()) {
        // A file of its own: one profile object, or the first one in it.
        for (const auto& [k, v] : all.items())
            if (k.front() != '_' && v.is_object()) {
                key = k;
                break;
            }
    }
    if (!all.contains(key) || !all.at(key).is_object())
        throw UsageError(std::string(tr("プロファイルは walk か drive です: ", "the profile must be walk or drive: ")) +
                         name);
    const json& p = all.at(key);
    Profile profile;
    profile.name = key;
    profile.honours_oneway = p.value("oneway", false);
    profile.exclude_highway = strings(p, "exclude_highway");
    profile.exclude_highway_when_foot_no = strings(p, "exclude_highway_when_foot_no");
    profile.exclude_access = strings(p, "exclude_access");
    profile.exclude_foot = strings(p, "exclude_foot");
    return profile;
}

RoadUse road_use(const Road& road, const Profile& profile) {
    if (profile.exclude_highway.contains(road.highway)) return {};
    if (road.foot == "no" && profile.exclude_highway_when_foot_no.contains(road.highway)) return {};
    if (profile.exclude_access.contains(road.access)) return {};
    if (profile.exclude_foot.contains(road.foot)) return {};
    if (!profile.honours_oneway) return {true, true};
    // OSM oneway: yes/true/1 along the line, -1/reverse against it.
    const std::string& o = road.oneway;
    if (o == "yes" || o == "true" || o == "1") return {true, false};
    if (o == "-1" || o == "reverse") return {false, true};
    // Roundabouts and motorways are one-way by definition in OSM.
    if (o.empty() && (road.highway == "motorway" || road.highway == "motorway_link")) return {true, false};
    return {true, true};
}

} // namespace shisetsu::network
