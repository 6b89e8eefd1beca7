#pragma once
// Figures as a planner reads them: 億円 and 万㎡ in Japanese, bn yen and m²
// in English (outputs.md: Japanese conventions).
#include <string>

namespace shisetsu::pipeline {

std::string money_text(double yen);
std::string area_text(double m2);

} // namespace shisetsu::pipeline
