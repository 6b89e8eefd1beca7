#pragma once
// JIS X 0410 standard mesh codes (地域メッシュ): cells built from the code.
#include <optional>
#include <string>
#include <string_view>

namespace shisetsu {

struct MeshCell {
    int level = 0;          // 1 (80 km) 2 (10 km) 3 (1 km) 4 (500 m) 5 (250 m) 6 (125 m)
    double south = 0.0;     // latitude of the south edge, degrees (JGD2011)
    double west = 0.0;      // longitude of the west edge, degrees
    double height_deg = 0;  // cell size in latitude
    double width_deg = 0;   // cell size in longitude
    double north() const noexcept { return south + height_deg; }
    double east() const noexcept { return west + width_deg; }
    double centre_lat() const noexcept { return south + height_deg / 2; }
    double centre_lon() const noexcept { return west + width_deg / 2; }
};

// Decodes 4 (1st level), 6 (2nd), 8 (3rd), 9 (4th, 1/2), 10 (5th, 1/4) or
// 11 (6th, 1/8) digit codes. Returns nullopt with a reason for anything else
// (wrong length, non-digit, 2nd-level digit 8/9, sub-mesh digit not 1–4).
std::optional<MeshCell> decode_mesh(std::string_view code, std::string* why = nullptr);

} // namespace shisetsu
