#pragma once
// Which roads a traveller may use, and in which direction (network.md
// "Network": profiles `walk` and `drive`). The tag lists are data
// (data/network/profiles.json), the rules that read them are here.
#include "core/model.hpp"

#include <set>
#include <string>

namespace shisetsu::network {

struct Profile {
    std::string name;                         // walk / drive
    bool honours_oneway = false;
    std::set<std::string> exclude_highway;
    std::set<std::string> exclude_highway_when_foot_no;
    std::set<std::string> exclude_access;
    std::set<std::string> exclude_foot;
};

// The profile `name` from data/network/profiles.json, or from a JSON file of
// the same shape. Throws UsageError for an unknown name.
Profile load_profile(const std::string& name);

struct RoadUse {
    bool forward = false;    // along the line's digitised direction
    bool backward = false;   // against it
    bool usable() const noexcept { return forward || backward; }
};

RoadUse road_use(const Road& road, const Profile& profile);

} // namespace shisetsu::network
