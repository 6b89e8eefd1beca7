#pragma once
// The entities of inventory.md as plain values. Storage, import, lifecycle and
// the later modules all speak these types; geometry travels as WKB in the
// project CRS (EPSG:6668 unless the project says otherwise).
#include <optional>
#include <string>
#include <vector>

namespace shisetsu {

using Wkb = std::vector<unsigned char>;

struct Facility {
    std::string facility_id;
    std::string name;
    std::string category;               // category key (lifecycle.md), empty = not given
    std::vector<std::string> services;  // service keys it provides
    Wkb location;                       // point (WKB), may be empty
    Wkb site;                           // site polygon (WKB), may be empty
    std::string address;
    std::optional<double> site_area_m2;
    std::optional<bool> land_owned;
    std::optional<double> annual_users;
    std::optional<double> operating_cost_yen;  // annual O&M
    std::optional<double> revenue_yen;         // fees
    std::string management;
    std::string district;
    std::string extra_json = "{}";      // unknown columns, kept as {"header": "value"}
};

struct Building {
    std::string building_id;
    std::string facility_id;
    std::string name;
    double floor_area_m2 = 0.0;
    int year_built = 0;                 // fiscal year
    std::string structure;              // RC, SRC, S, W, CB, LGS, other
    std::optional<int> floors;
    std::string seismic;                // new_standard / retrofitted / not_retrofitted / unknown
    std::optional<int> last_renovation_year;
    std::optional<double> concrete_strength;  // N/mm²
    std::optional<double> condition;          // 健全度 0–100
    // Part ratings A–D of a 劣化状況調査 (inventory.md), one letter per part in
    // the order roof, exterior, interior, electrical, mechanical ("ABBCD");
    // empty when the building has not been surveyed part by part.
    std::string part_ratings;
    std::optional<bool> life_extension;       // override
    std::string status = "in_use";            // in_use / closed / demolish
    std::optional<int> demolish_year;
    std::string extra_json = "{}";
    // Joined from the facility for lifecycle work; not stored on the building.
    std::string category;
};

struct Service {
    std::string key;
    std::string name;
    std::optional<double> catchment_m;
    std::optional<double> coverage_target;        // 0–1
    std::optional<double> standard_floor_area_m2;
    std::optional<double> capacity;               // people per site
    std::string demand_cohort;                    // total / age_6_11 (ages 6–11) / age_65_over (network/demand.hpp)
    std::vector<std::string> compatible;          // service keys
    std::string extra_json = "{}";
};

// A demand unit: a census mesh cell, a point or a polygon (inventory.md).
// People of one age band of a population file: ages from_age..to_age
// inclusive (to_age < 0: and older, e.g. 85歳以上).
struct AgeBand {
    int from_age = 0;
    int to_age = -1;
    double people = 0.0;
};

struct Demand {
    std::string demand_id;              // mesh code for mesh cells
    std::string kind;                   // mesh / point / polygon
    int year = 0;                       // census or projection year; 0 = undated
    std::optional<double> total;        // empty = suppressed (秘匿)
    std::optional<double> age_0_14;
    std::optional<double> age_15_64;
    std::optional<double> age_65_over;
    double weight = 1.0;                // share counted in the study area
    Wkb geometry;                       // cell polygon, point or polygon
    std::string extra_json = "{}";
    std::vector<AgeBand> age_bands;     // finer bands (5-year …), when the file has them
};

struct Boundary {
    std::string name;
    std::string code;
    Wkb geometry;                       // (multi)polygon
};

struct Site {
    std::string site_id;
    std::string name;
    std::optional<double> area_m2;
    std::optional<double> max_floor_area_ratio;  // 容積率 as a ratio (2.0 = 200 %)
    std::optional<double> land_value_yen;
    Wkb geometry;
    std::string extra_json = "{}";
};

// Roads, bridges and pipes of lifecycle.md "Infrastructure".
struct InfraAsset {
    std::string asset_id;
    std::string asset_type;             // road, cycle_path, bridge, water_pipe, sewer_pipe
    std::string name;
    double quantity = 0.0;              // m² (road, cycle_path, bridge) or m (pipes)
    std::optional<int> year_built;      // year built / laid
    std::optional<double> unit_cost_yen;  // per m² or per m; overrides the default
    std::string method;                 // sewer: "" or "rehabilitation" (更生管)
    std::string extra_json = "{}";
};

// A road line as imported (network.md "Network"): the tags that decide its use
// under a profile, kept so the profile can be chosen when distances are run.
struct Road {
    long long road_id = 0;
    std::string highway;                // OSM highway value, or the layer's road class
    std::string name;
    std::string osm_id;
    std::string oneway;                 // OSM oneway: "", yes, -1, no, …
    std::string access;                 // OSM access
    std::string foot;                   // OSM foot
    double length_m = 0.0;              // projected length in the work CRS
    Wkb geometry;                       // LINESTRING, EPSG:6668
};

// The area reachable from a site within a service's catchment (network.md
// "Service areas").
struct ServiceArea {
    std::string site_id;
    std::string service_key;
    double distance_m = 0.0;
    std::string mode;                   // network / straight_line
    Wkb geometry;                       // MULTIPOLYGON, EPSG:6668
};

} // namespace shisetsu
