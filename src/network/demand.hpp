#pragma once
// Who a service is for (network.md "Demand by year and by age", revision 2):
// a cohort of data/services.json — `total`, ages A to B (`age_6_11`) or A and
// over (`age_65_over`) — cut from each demand unit's age groups: the
// population file's own bands (5-year …) when it has them, else the census's
// three broad groups 0–14 / 15–64 / 65+, people split evenly over the years
// of a band (an open top band, 85歳以上, counts as reaching age 99); without
// age groups the total stands in, and every result says which.
#include "core/model.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace shisetsu::network {

struct Cohort {
    bool total = true;
    int from_age = 0;
    int to_age = -1;   // < 0: and over
};

// "total", "age_6_11", "age_65_over"; nullopt for anything else.
std::optional<Cohort> parse_cohort(const std::string& key);

enum class CohortSource { total, age_bands, broad_age_groups };
const char* cohort_source_name(CohortSource source) noexcept;  // total / age_bands / broad_age_groups

// People of one unit in the cohort (before the unit's weight), from the
// given source; 0 when the unit lacks that source's figures.
double cohort_people(const Demand& demand, const Cohort& cohort, CohortSource source);

struct DemandWeights {
    std::vector<std::pair<std::string, double>> weights;  // (demand id, people of the cohort × weight)
    CohortSource source = CohortSource::total;
    bool fallback = false;  // an age cohort, but the population has no age groups: total used
};

// Every unit's people of the cohort. The source is the finest the layer
// has: age bands if any unit has them, else broad groups if any unit has
// one, else the total. Throws InputError for an unknown cohort key.
DemandWeights demand_weights(const std::vector<Demand>& demand, const std::string& cohort);

} // namespace shisetsu::network
