#pragma once
// The simplified VFM of ppp.md "Cash flows": the public's payments year by
// year under public delivery (PSC) and PPP/PFI delivery (BTO,
// service-purchase), their present values, the priority-consideration flag
// and the sensitivity table. Pure functions, no I/O.
#include "ppp/parameters.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace shisetsu::ppp {

// One project to screen (ppp.md "Parameters: Project").
struct Project {
    std::string id;                      // optional: site id, facility id …
    std::string name;
    std::string type = "new";            // new, new_complex, convert, rebuild, renovation (data/ppp/schemes.json)
    double construction_cost_yen = 0.0;  // C
    double annual_om_yen = 0.0;          // O
    double annual_fee_income_yen = 0.0;  // U
    Parameters parameters;               // the defaults with every override applied
};

// One line of a delivery's yearly table: year t at index t − 1.
struct CashLine {
    std::string key;                     // construction_cash, bond_repayment, om, fee_income, …
    std::vector<double> yen;
};

struct Delivery {
    std::vector<CashLine> lines;
    std::vector<double> total_yen;       // sum of the lines per year
    double present_value_yen = 0.0;
};

struct CashFlows {
    int years = 0;                       // Tc + max(T, n_b): both tables have this length
    Delivery psc, pfi;
    std::vector<double> discount_factor; // 1 / (1 + r)^t
};

// An annuity of principal P at rate i over n years: P·i / (1 − (1 + i)^−n),
// P/n when i = 0 (ppp.md "Cash flows").
double annuity_payment(double principal, double rate, int years);

// Σ_t cash_t / (1 + r)^t, year t at index t − 1.
double present_value(std::span<const double> cash, double rate);

// Both deliveries' yearly payments and present values under p.
CashFlows cash_flows(double construction_cost_yen, double annual_om_yen, double annual_fee_income_yen,
                     const Parameters& p);

struct Sensitivity {
    std::vector<double> construction_saving;          // rows
    std::vector<double> discount_rate;                // columns
    std::vector<std::optional<double>> vfm_percent;   // [row × columns + column]; nullopt when PSC ≤ 0
    std::vector<double> vfm_yen;

    std::optional<double> percent(std::size_t row, std::size_t column) const {
        return vfm_percent[row * discount_rate.size() + column];
    }
};

struct Screening {
    double total_project_cost_yen = 0.0;     // C + O·T
    double annual_operating_cost_yen = 0.0;  // O
    bool population_covered = true;          // population not given, or ≥ the threshold
    bool priority = false;
    std::vector<std::string> priority_reasons;  // total_project_cost, annual_operating_cost
    CashFlows flows;
    double psc_yen = 0.0;
    double pfi_lcc_yen = 0.0;
    double vfm_yen = 0.0;
    std::optional<double> vfm_percent;       // nullopt when PSC ≤ 0 (no meaningful share)
    Sensitivity sensitivity;
    // ppp.md "What a review board reads": the construction saving e_c* and
    // the O&M saving e_o* at which VFM = 0, every other parameter as set;
    // nullopt ("none") when no value in [0, 1] reaches it.
    std::optional<double> break_even_construction_saving;
    std::optional<double> break_even_om_saving;
};

// The saving s* in [0, 1] at which PFI-LCC equals PSC, from PFI-LCC at
// s = 0 and s = 1 (PFI-LCC is linear in each saving): one division. nullopt
// when PFI-LCC does not depend on s or s* lies outside [0, 1].
std::optional<double> break_even_saving(double psc_yen, double pfi_lcc_at_0, double pfi_lcc_at_1);

// VFM in % of PSC; nullopt when PSC ≤ 0.
std::optional<double> vfm_percent(double psc_yen, double pfi_lcc_yen);

// Screens one project: flag, cash flows, PVs, VFM and the sensitivity table
// over construction_saving × discount_rate.
Screening screen(const Project& project, std::span<const double> sensitivity_construction_saving,
                 std::span<const double> sensitivity_discount_rate);

} // namespace shisetsu::ppp
