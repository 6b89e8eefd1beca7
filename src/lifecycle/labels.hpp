#pragma once
// Labels and number text shared by the writers (private to the module).
#include "lifecycle/comparison.hpp"
#include "lifecycle/projection.hpp"

#include <string>

namespace shisetsu::lifecycle::detail {

// 大分類 name (or asset type name) of a projection category, current language.
std::string category_label(const Projection& p, std::size_t category);
// Same for a category key of the scenario; the key when unknown.
std::string category_label(const Scenario& s, const std::string& key);
// Strategy of a building for output: its key, or "none".
std::string strategy_key(const Projection& p, const BuildingResult& b);

// Label of a strategy key for tables: its label in the current language,
// なし for "none".
std::string strategy_label(const Projection& p, const std::string& key);

// A compared strategy's label in the current language (its key when it has none).
std::string strategy_text(const ComparedProjection& side);

// Shortest text that reads back as the same double (no rounding before
// the output, lifecycle.md "Output").
std::string number_text(double value);

} // namespace shisetsu::lifecycle::detail
