#pragma once
// Screening every project of a set and the JSON document of ppp.md
// "Command and JSON" (also what is stored in the project database).
#include "ppp/projects.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace shisetsu::ppp {

struct Report {
    ProjectSet set;
    std::vector<Screening> screenings;   // one per project, same order
    double screen_s = 0.0;               // time to screen every project, sensitivity included
    // ppp.md "Which projects": by default only projects that meet a
    // threshold are screened; `--all` screens the others too.
    bool all = false;
    bool screened(std::size_t i) const { return all || screenings[i].priority; }
};

// Screens every project with the sensitivity grid of `defaults`.
Report screen_all(ProjectSet set, const Defaults& defaults);

// ppp.md "Output": per project name, psc_yen, pfi_lcc_yen, vfm_yen,
// vfm_percent, priority, priority_reasons, cashflows {psc, pfi},
// sensitivity, break_even_construction_saving, break_even_om_saving and
// screened (a project below every threshold and not screened has no
// numbers) — plus every parameter used, the lines of the cash flows, the
// candidate schemes and where the project came from. No sum of VFM: each
// project is its own decision.
nlohmann::json to_json(const Report& report, const Defaults& defaults, const SchemeTable& schemes);

} // namespace shisetsu::ppp
