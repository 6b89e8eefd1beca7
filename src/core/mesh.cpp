// JIS X 0410 standard mesh codes (inventory.md "Reading rules", population
// by mesh): the cell is computed from the code, no lookup table.
#include "core/mesh.hpp"

#include "core/lang.hpp"
#include "core/text.hpp"

namespace shisetsu {

namespace {

std::optional<MeshCell> fail(std::string* why, const char* reason) {
    if (why) *why = reason;
    return std::nullopt;
}

} // namespace

std::optional<MeshCell> decode_mesh(std::string_view code, std::string* why) {
    const std::string s = text::trim(text::to_half_width(code));
    if (s.empty()) return fail(why, tr("メッシュコードが空です", "mesh code is empty"));
    for (char c : s)
        if (c < '0' || c > '9')
            return fail(why, tr("メッシュコードに数字以外の文字があります", "mesh code has a non-digit"));

    int level = 0;
    switch (s.size()) {
    case 4: level = 1; break;
    case 6: level = 2; break;
    case 8: level = 3; break;
    case 9: level = 4; break;
    case 10: level = 5; break;
    case 11: level = 6; break;
    default:
        return fail(why, tr("メッシュコードは4・6・8・9・10・11桁です",
                            "mesh code must have 4, 6, 8, 9, 10 or 11 digits"));
    }
    auto digit = [&](std::size_t i) { return s[i] - '0'; };

    // 1st level "pquv": south = pq / 1.5°, west = uv + 100°, 40′ × 1°.
    MeshCell cell;
    cell.level = level;
    cell.south = (digit(0) * 10 + digit(1)) / 1.5;
    cell.west = 100.0 + digit(2) * 10 + digit(3);
    cell.height_deg = 2.0 / 3.0;
    cell.width_deg = 1.0;

    // 2nd level: 8 × 8 cells of 5′ × 7.5′.
    if (level >= 2) {
        if (digit(4) > 7 || digit(5) > 7)
            return fail(why, tr("2次メッシュの2桁（5・6桁目）は0〜7です",
                                "2nd-level digits (5th and 6th) must be 0 to 7"));
        cell.height_deg = 5.0 / 60.0;
        cell.width_deg = 7.5 / 60.0;
        cell.south += digit(4) * cell.height_deg;
        cell.west += digit(5) * cell.width_deg;
    }
    // 3rd level: 10 × 10 cells of 30″ × 45″.
    if (level >= 3) {
        cell.height_deg = 30.0 / 3600.0;
        cell.width_deg = 45.0 / 3600.0;
        cell.south += digit(6) * cell.height_deg;
        cell.west += digit(7) * cell.width_deg;
    }
    // 4th–6th levels: halves, numbered 1 SW, 2 SE, 3 NW, 4 NE.
    for (int k = 4; k <= level; ++k) {
        const int d = digit(static_cast<std::size_t>(k + 4));
        if (d < 1 || d > 4)
            return fail(why, tr("分割メッシュの桁（9桁目以降）は1〜4です",
                                "sub-mesh digits (9th onwards) must be 1 to 4"));
        cell.height_deg /= 2;
        cell.width_deg /= 2;
        if (d >= 3) cell.south += cell.height_deg;
        if (d % 2 == 0) cell.west += cell.width_deg;
    }
    if (why) why->clear();
    return cell;
}

} // namespace shisetsu
