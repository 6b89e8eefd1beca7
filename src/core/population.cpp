#include "core/population.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace shisetsu {

std::vector<int> population_years(const std::vector<Demand>& demand) {
    std::set<int> years;
    for (const auto& d : demand) years.insert(d.year);
    return {years.begin(), years.end()};
}

int choose_population_year(const std::vector<Demand>& demand, std::optional<int> requested, int start_year) {
    const auto years = population_years(demand);
    if (years.empty())
        throw InputError(tr("需要 (人口) がありません。先に population を取り込んでください", "no demand: import population first"));
    auto listed = [&] {
        std::string out;
        for (int y : years) out += (out.empty() ? "" : ", ") + (y == 0 ? std::string(tr("年なし", "undated")) : std::to_string(y));
        return out;
    };
    if (requested) {
        if (std::find(years.begin(), years.end(), *requested) == years.end())
            throw InputError(std::string(tr("その年の人口がありません: ", "no population layer for the year ")) +
                             std::to_string(*requested) + tr(" (取り込み済み: ", " (the project holds: ") + listed() + ")");
        return *requested;
    }
    int chosen = years.front();
    for (int y : years)
        if (y <= start_year) chosen = y;
    return chosen;
}

std::vector<Demand> population_layer(std::vector<Demand> demand, int year) {
    demand.erase(std::remove_if(demand.begin(), demand.end(), [&](const Demand& d) { return d.year != year; }), demand.end());
    return demand;
}

} // namespace shisetsu
