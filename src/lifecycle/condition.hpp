#pragma once
// Condition (健全度) of lifecycle.md "Condition": the part ratings A–D of a
// 劣化状況調査, the 健全度 computed from them, and urgency. The importer, the
// projection, the report and the export all use these; the points and the
// part weights are data (data/lifecycle/condition_grades.json).
#include "core/model.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace shisetsu::lifecycle {

inline constexpr std::size_t kPartCount = 5;

// The surveyed parts, in the order of Building::part_ratings.
struct Part {
    const char* key;       // roof, exterior, interior, electrical, mechanical
    const char* label_ja;  // 屋根・屋上, 外壁, 内部仕上, 電気設備, 機械設備
    const char* label_en;
};
const std::array<Part, kPartCount>& parts();

struct ConditionWeights {
    std::array<double, 4> points{};           // A, B, C, D
    std::array<double, kPartCount> weights{}; // cost shares of the parts, in parts() order
    std::string source;
};
// data/lifecycle/condition_grades.json, read once. Throws InputError naming
// the file when it is broken.
const ConditionWeights& condition_weights();

// One rating cell: A–D, also full-width (Ａ–Ｄ) and lower case, blanks
// around it ignored; nullopt for anything else.
std::optional<char> part_rating(std::string_view cell);

// H = Σ points(rating) × weight ÷ Σ weights (= 60 with the MEXT shares):
// 100 when every part is A, 10 when every part is D. `ratings` holds
// kPartCount letters A–D (Building::part_ratings).
double condition_from_ratings(std::string_view ratings, const ConditionWeights& weights = condition_weights());

// Whether any part is rated D.
bool has_d_part(std::string_view ratings) noexcept;

// lifecycle.md "Condition", urgency: a part rated D, or a 健全度 below the
// threshold (H = 39.9 is urgent at 40, H = 40 is not).
bool is_urgent(const Building& building, double urgent_condition) noexcept;

} // namespace shisetsu::lifecycle
