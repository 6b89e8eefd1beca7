#include "network/demand.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"

#include <algorithm>
#include <regex>

namespace shisetsu::network {

namespace {

// An open top band (85歳以上) is taken to reach this age when split.
constexpr int kOldestAge = 99;

// Share of a band's people inside the cohort: the years they share over the
// band's years (people spread evenly within a band).
double share_in(const Cohort& c, int band_from, int band_to) {
    if (c.to_age < 0 && band_from >= c.from_age) return 1.0;
    const int band_hi = band_to < 0 ? std::max(band_from, kOldestAge) : band_to;
    const int cohort_hi = c.to_age < 0 ? std::max(c.from_age, kOldestAge) : c.to_age;
    const int lo = std::max(c.from_age, band_from), hi = std::min(cohort_hi, band_hi);
    if (hi < lo) return 0.0;
    return static_cast<double>(hi - lo + 1) / static_cast<double>(band_hi - band_from + 1);
}

bool has_broad(const Demand& d) { return d.age_0_14 || d.age_15_64 || d.age_65_over; }

} // namespace

std::optional<Cohort> parse_cohort(const std::string& key) {
    if (key == "total") return Cohort{};
    static const std::regex range(R"(age_(\d{1,3})_(\d{1,3}))"), over(R"(age_(\d{1,3})_over)");
    std::smatch m;
    if (std::regex_match(key, m, range)) {
        Cohort c{false, std::stoi(m[1]), std::stoi(m[2])};
        if (c.to_age < c.from_age) return std::nullopt;
        return c;
    }
    if (std::regex_match(key, m, over)) return Cohort{false, std::stoi(m[1]), -1};
    return std::nullopt;
}

const char* cohort_source_name(CohortSource source) noexcept {
    switch (source) {
    case CohortSource::age_bands: return "age_bands";
    case CohortSource::broad_age_groups: return "broad_age_groups";
    case CohortSource::total: break;
    }
    return "total";
}

double cohort_people(const Demand& d, const Cohort& c, CohortSource source) {
    if (c.total || source == CohortSource::total) return d.total.value_or(0.0);
    double people = 0.0;
    if (source == CohortSource::age_bands && !d.age_bands.empty()) {
        for (const auto& b : d.age_bands) people += b.people * share_in(c, b.from_age, b.to_age);
        return people;
    }
    // The broad groups: the source itself, or a unit of a banded layer that
    // came without bands.
    people += d.age_0_14.value_or(0.0) * share_in(c, 0, 14);
    people += d.age_15_64.value_or(0.0) * share_in(c, 15, 64);
    people += d.age_65_over.value_or(0.0) * share_in(c, 65, -1);
    return people;
}

DemandWeights demand_weights(const std::vector<Demand>& demand, const std::string& cohort_key) {
    auto cohort = parse_cohort(cohort_key);
    if (!cohort)
        throw InputError(std::string(tr("不明な対象人口です: ", "unknown demand cohort: ")) + cohort_key +
                         tr(" (total, age_6_11 のような年齢範囲, age_65_over のような年齢以上)",
                            " (total, an age range such as age_6_11, or age_65_over)"));
    DemandWeights out;
    if (!cohort->total) {
        if (std::any_of(demand.begin(), demand.end(), [](const Demand& d) { return !d.age_bands.empty(); }))
            out.source = CohortSource::age_bands;
        else if (std::any_of(demand.begin(), demand.end(), has_broad))
            out.source = CohortSource::broad_age_groups;
        else
            out.fallback = true;
    }
    out.weights.reserve(demand.size());
    for (const auto& d : demand) out.weights.emplace_back(d.demand_id, cohort_people(d, *cohort, out.source) * d.weight);
    return out;
}

} // namespace shisetsu::network
