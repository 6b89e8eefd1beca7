#pragma once
// Population layers by year (network.md "Demand by year and by age", revision
// 2): a project may hold several — the 2015 and 2020 census, a 2040
// projection — each a set of demand rows with its year; rows imported without
// a year are undated (year 0) and count as older than every dated layer.
#include "core/model.hpp"

#include <optional>
#include <vector>

namespace shisetsu {

// The distinct years of the rows, ascending (0 = undated first).
std::vector<int> population_years(const std::vector<Demand>& demand);

// The layer to use: `requested` when given (InputError naming the years the
// project holds when it has no such layer); otherwise the latest year not
// after `start_year`, and when every layer lies after it, the earliest.
// InputError when there is no population at all.
int choose_population_year(const std::vector<Demand>& demand, std::optional<int> requested, int start_year);

// The rows of one year.
std::vector<Demand> population_layer(std::vector<Demand> demand, int year);

} // namespace shisetsu
