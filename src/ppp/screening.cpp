#include "ppp/screening.hpp"

#include <algorithm>
#include <cmath>

namespace shisetsu::ppp {

double annuity_payment(double principal, double rate, int years) {
    if (years <= 0) return 0.0;
    if (rate == 0.0) return principal / years;
    return principal * rate / (1.0 - std::pow(1.0 + rate, -years));
}

double present_value(std::span<const double> cash, double rate) {
    double pv = 0.0, factor = 1.0;
    for (double c : cash) {
        factor /= 1.0 + rate;
        pv += c * factor;
    }
    return pv;
}

namespace {

void add_line(Delivery& d, std::string key, std::vector<double> yen) {
    for (std::size_t t = 0; t < yen.size(); ++t) d.total_yen[t] += yen[t];
    d.lines.push_back({std::move(key), std::move(yen)});
}

} // namespace

// ppp.md "Cash flows". Year t is index t − 1; construction years 1 … Tc,
// operation years Tc+1 … Tc+T; the bond is repaid in Tc+1 … Tc+n_b.
CashFlows cash_flows(double C, double O, double U, const Parameters& p) {
    const int Tc = p.construction_years, T = p.operation_years, nb = p.bond_years;
    CashFlows f;
    f.years = Tc + std::max(T, nb);
    const auto n = static_cast<std::size_t>(f.years);
    const double B = (1.0 - p.subsidy_share) * C;  // the subsidy g·C is the state's money in both
    auto zeros = [n] { return std::vector<double>(n, 0.0); };
    auto operation = [&](double amount) {
        auto v = zeros();
        for (int t = Tc + 1; t <= Tc + T; ++t) v[static_cast<std::size_t>(t - 1)] = amount;
        return v;
    };

    f.psc.total_yen = zeros();
    auto cash = zeros();
    for (int t = 1; t <= Tc; ++t) cash[static_cast<std::size_t>(t - 1)] = (1.0 - p.bond_share) * B / Tc;
    add_line(f.psc, "construction_cash", std::move(cash));
    auto bond = zeros();
    double bond_payment = annuity_payment(p.bond_share * B, p.bond_rate, nb);
    for (int t = Tc + 1; t <= Tc + nb; ++t) bond[static_cast<std::size_t>(t - 1)] = bond_payment;
    add_line(f.psc, "bond_repayment", std::move(bond));
    add_line(f.psc, "om", operation(O));
    add_line(f.psc, "fee_income", operation(-U));

    f.pfi.total_yen = zeros();
    auto advisory = zeros();
    advisory[0] = p.advisory_yen;
    add_line(f.pfi, "advisory", std::move(advisory));
    add_line(f.pfi, "facility_payment",
             operation(annuity_payment((1.0 - p.construction_saving) * B + p.spc_setup_yen, p.private_rate, T)));
    add_line(f.pfi, "om_payment", operation((1.0 - p.om_saving) * O * (1.0 + p.private_return)));
    add_line(f.pfi, "spc_payment", operation(p.spc_annual_yen * (1.0 + p.private_return)));
    add_line(f.pfi, "monitoring", operation(p.monitoring_annual_yen));
    add_line(f.pfi, "fee_income", operation(-U));

    f.discount_factor.resize(n);
    double factor = 1.0;
    for (auto& d : f.discount_factor) d = factor /= 1.0 + p.discount_rate;
    f.psc.present_value_yen = present_value(f.psc.total_yen, p.discount_rate);
    f.pfi.present_value_yen = present_value(f.pfi.total_yen, p.discount_rate);
    return f;
}

std::optional<double> vfm_percent(double psc_yen, double pfi_lcc_yen) {
    if (!(psc_yen > 0.0)) return std::nullopt;
    return 100.0 * (psc_yen - pfi_lcc_yen) / psc_yen;
}

std::optional<double> break_even_saving(double psc, double pfi_at_0, double pfi_at_1) {
    const double slope = pfi_at_0 - pfi_at_1;  // PFI-LCC falls by this from s = 0 to s = 1
    if (!(std::abs(slope) > 1e-9 * std::max(1.0, std::abs(pfi_at_0)))) return std::nullopt;
    const double s = (pfi_at_0 - psc) / slope;
    if (!(s >= 0.0 && s <= 1.0)) return std::nullopt;
    return s;
}

Screening screen(const Project& project, std::span<const double> sens_ec, std::span<const double> sens_r) {
    const Parameters& p = project.parameters;
    const double C = project.construction_cost_yen, O = project.annual_om_yen, U = project.annual_fee_income_yen;
    Screening s;

    // ppp.md: total cost C + O·T, annual cost O; the population threshold
    // applies only when the population is given.
    s.total_project_cost_yen = C + O * p.operation_years;
    s.annual_operating_cost_yen = O;
    s.population_covered = !p.population || *p.population >= p.population_threshold;
    if (s.population_covered) {
        if (s.total_project_cost_yen >= p.total_cost_threshold_yen) s.priority_reasons.emplace_back("total_project_cost");
        if (s.annual_operating_cost_yen >= p.annual_cost_threshold_yen) s.priority_reasons.emplace_back("annual_operating_cost");
    }
    s.priority = !s.priority_reasons.empty();

    s.flows = cash_flows(C, O, U, p);
    s.psc_yen = s.flows.psc.present_value_yen;
    s.pfi_lcc_yen = s.flows.pfi.present_value_yen;
    s.vfm_yen = s.psc_yen - s.pfi_lcc_yen;
    s.vfm_percent = vfm_percent(s.psc_yen, s.pfi_lcc_yen);

    // Break-even savings: PFI-LCC at a saving of 0 and of 1, the rest as set.
    auto pfi_with = [&](double Parameters::*saving, double value) {
        Parameters q = p;
        q.*saving = value;
        return cash_flows(C, O, U, q).pfi.present_value_yen;
    };
    s.break_even_construction_saving = break_even_saving(
        s.psc_yen, pfi_with(&Parameters::construction_saving, 0.0), pfi_with(&Parameters::construction_saving, 1.0));
    s.break_even_om_saving =
        break_even_saving(s.psc_yen, pfi_with(&Parameters::om_saving, 0.0), pfi_with(&Parameters::om_saving, 1.0));

    s.sensitivity.construction_saving.assign(sens_ec.begin(), sens_ec.end());
    s.sensitivity.discount_rate.assign(sens_r.begin(), sens_r.end());
    Parameters q = p;
    for (double ec : sens_ec) {
        q.construction_saving = ec;
        CashFlows g = cash_flows(C, O, U, q);  // independent of r: discount per column
        for (double r : sens_r) {
            double psc = present_value(g.psc.total_yen, r), pfi = present_value(g.pfi.total_yen, r);
            s.sensitivity.vfm_yen.push_back(psc - pfi);
            s.sensitivity.vfm_percent.push_back(vfm_percent(psc, pfi));
        }
    }
    return s;
}

} // namespace shisetsu::ppp
