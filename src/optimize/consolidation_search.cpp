// Model B's search aids (optimization.md "B"): the diagnosis of an
// infeasible plan, the local search that finds starting plans, and the
// per-service objective cuts. None of them is a bound on its own.
#include "optimize/consolidation.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "optimize/consolidation_detail.hpp"
#include "optimize/mip.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

namespace shisetsu::optimize::detail {

namespace {

std::string percent(double v) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(1) << v * 100 << " %";
    return o.str();
}

// "service library (2040): best reachable coverage is …"; the year only when
// the instance has several.
std::string coverage_shortfall(const ConsolidationService& svc, const YearGroups& years, std::size_t g, double reached) {
    const std::string year = years.size() > 1 ? " (" + std::to_string(years.years[g]) + ")" : "";
    return std::string(tr("機能 ", "service ")) + svc.key + year + tr(": 到達できる最大の充足率は ", ": best reachable coverage is ") +
           percent(reached) + " < " + tr("目標 ", "target ") + percent(svc.coverage_target) + tr(" (不足 ", " (short by ") +
           percent(svc.coverage_target - reached) + ")";
}

// The most demand of a capacitated service in one year that can be served
// within its catchment with every possible site hosting it (an LP: a
// transportation problem), as a share of the service's demand that year.
double capacitated_coverage(const ConsolidationInstance& in, std::size_t s, const Pairs& pairs, const YearGroups& years, std::size_t g) {
    const auto& svc = in.services[s];
    MipProblem lp;
    std::map<int, std::vector<std::pair<int, double>>> by_site;
    for (std::size_t i = 0; i < in.demand_ids.size(); ++i) {
        double w = in.weights[i][s];
        if (w <= 0 || years.of[i] != g) continue;
        std::vector<int> idx;
        std::vector<double> val;
        for (const auto& [j, d] : pairs.of[s][i]) {
            if (d > svc.catchment_m) break;
            int x = lp.add_col(0.0, 1.0, -w, false);
            idx.push_back(x);
            val.push_back(1.0);
            by_site[j].emplace_back(x, w);
        }
        if (!idx.empty()) lp.add_row(idx, val, -kInfinity, 1.0);
    }
    for (const auto& [j, xs] : by_site) {
        std::vector<int> idx;
        std::vector<double> val;
        for (const auto& [x, w] : xs) { idx.push_back(x); val.push_back(w); }
        lp.add_row(idx, val, -kInfinity, *svc.capacity);
    }
    double total = total_weight(in, years, s, g);
    if (lp.cols() == 0 || total <= 0) return total > 0 ? 0.0 : 1.0;
    MipSolution sol = solve_mip(lp);
    return sol.has_plan() ? -sol.objective / total : 0.0;
}

} // namespace

// Why no plan exists: each target that cannot be met, and by how much.
void explain_infeasible(const ConsolidationInstance& in, const Pairs& pairs) {
    // 1. A service that misses its target even with every site hosting it.
    ConsolidationPlan all;
    all.open.assign(in.sites.size(), 1);
    all.hosts.assign(in.sites.size(), std::vector<char>(in.services.size(), 0));
    for (std::size_t j = 0; j < in.sites.size(); ++j)
        for (const auto& h : in.sites[j].hosts) all.hosts[j][static_cast<std::size_t>(h.service)] = 1;
    const YearGroups years = year_groups(in);
    auto reachable = plan_coverage(in, all, pairs, years);
    for (std::size_t s = 0; s < in.services.size(); ++s)
        for (std::size_t g = 0; g < years.size(); ++g)
            if (reachable[s][g] + 1e-12 < in.services[s].coverage_target)
                throw SolverError(coverage_shortfall(in.services[s], years, g, reachable[s][g]), true);
    // 2. A capacitated service: at most Q_s people per site.
    for (std::size_t s = 0; s < in.services.size(); ++s) {
        const auto& svc = in.services[s];
        if (!svc.capacity || svc.coverage_target <= 0) continue;
        for (std::size_t g = 0; g < years.size(); ++g) {
            double reached = capacitated_coverage(in, s, pairs, years, g);
            if (reached + 1e-9 < svc.coverage_target)
                throw SolverError(coverage_shortfall(svc, years, g, reached) + tr(" — 1 施設あたりの容量 ", " — with a capacity of ") +
                                      std::to_string(static_cast<long long>(*svc.capacity)) + tr(" 人のため", " people per site"),
                                  true);
        }
    }
    // 3. Each target alone can be met, not all together: the plan that comes
    // closest (least total shortfall, costs ignored) says which fall short.
    ConsolidationInstance relaxed = in;
    for (auto& site : relaxed.sites) {
        site.closing_cost_yen = 0.0;
        for (auto& h : site.hosts) h.cost_yen = h.vacate_cost_yen = 0.0;
    }
    relaxed.sigma = 0.0;
    relaxed.lambda = 0.0;
    ConsolidationOptions o;
    o.time_limit_s = 30;
    o.elastic = true;
    std::string detail;
    try {
        auto r = solve_consolidation(relaxed, o);
        for (std::size_t s = 0; s < in.services.size(); ++s)
            for (std::size_t g = 0; g < years.size(); ++g)
                if (r.coverage_by_year[s][g] + 1e-9 < in.services[s].coverage_target)
                    detail += std::string(detail.empty() ? "" : tr("、", ", ")) + in.services[s].key +
                              (years.size() > 1 ? " (" + std::to_string(years.years[g]) + ")" : std::string()) + " " +
                              percent(r.coverage_by_year[s][g]) + " < " + percent(in.services[s].coverage_target);
        if (in.floor_area_target) {
            double area = 0.0;
            for (std::size_t j = 0; j < in.sites.size(); ++j)
                for (const auto& h : in.sites[j].hosts)
                    if (r.plan.hosts[j][static_cast<std::size_t>(h.service)]) area += h.area_m2;
            double allowed = (1 - *in.floor_area_target) * in.current_floor_area_m2;
            if (area > allowed + 1e-6)
                detail += std::string(detail.empty() ? "" : tr("、", ", ")) + tr("延床面積 ", "floor area ") +
                          std::to_string(static_cast<long long>(std::ceil(area))) + " m² > " + tr("目標 ", "target ") +
                          std::to_string(static_cast<long long>(allowed)) + " m²";
        }
        if (r.status != "optimal" && !detail.empty()) detail += tr(" (時間内の最善)", " (best found in time)");
    } catch (const SolverError&) {
        // Compatibility or site floor areas alone: no plan even with shortfalls allowed.
    }
    throw SolverError(std::string(tr("統廃合: 充足率・容量・面積・両立性の条件をすべて同時には満たせません",
                                     "consolidation: the coverage, capacity, floor-area and compatibility constraints cannot all be met together")) +
                          (detail.empty() ? std::string()
                                          : std::string(tr("。不足が最も小さい計画でも: ", "; the plan that comes closest still misses: ")) + detail),
                      true);
}

// Local search on a plan (λ = 0, no capacities): drop a service from a site,
// add one, or move one from a site to another, whenever that lowers the
// objective and keeps every constraint; first improvement until none is
// left or the time is up. Only a start for CBC — nothing here is a bound.
std::vector<std::vector<char>> improve_plan(const ConsolidationInstance& in, const Pairs& pairs, std::vector<std::vector<char>> on, double time_s) {
    const std::size_t J = in.sites.size(), S = in.services.size(), I = in.demand_ids.size();
    for (std::size_t s = 0; s < S; ++s)
        if (uses_assignment(in, s)) return on;
    auto t_end = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(time_s));
    std::vector<std::vector<const HostOption*>> opt(J, std::vector<const HostOption*>(S, nullptr));
    for (std::size_t j = 0; j < J; ++j)
        for (const auto& h : in.sites[j].hosts) opt[j][static_cast<std::size_t>(h.service)] = &h;
    // Coverage bookkeeping: how many hosting sites reach each demand point;
    // covered and needed people per service and population year.
    const YearGroups years = year_groups(in);
    const std::size_t G = years.size();
    std::vector<std::vector<std::vector<int>>> reaches(S, std::vector<std::vector<int>>(J));  // [s][j] → demand points within D_s
    std::vector<std::vector<int>> count(S, std::vector<int>(I, 0));
    std::vector<std::vector<double>> covered(S, std::vector<double>(G, 0.0)), needed(S, std::vector<double>(G, 0.0));
    for (std::size_t s = 0; s < S; ++s) {
        for (std::size_t g = 0; g < G; ++g) {
            const double total = total_weight(in, years, s, g);
            needed[s][g] = in.services[s].coverage_target * total - 1e-9 * std::max(1.0, total);
        }
        for (std::size_t i = 0; i < I; ++i)
            for (const auto& [j, d] : pairs.of[s][i]) {
                if (d > in.services[s].catchment_m) break;
                reaches[s][static_cast<std::size_t>(j)].push_back(static_cast<int>(i));
            }
        for (std::size_t j = 0; j < J; ++j)
            if (on[j][s])
                for (int i : reaches[s][j]) count[s][static_cast<std::size_t>(i)]++;
        for (std::size_t i = 0; i < I; ++i)
            if (count[s][i] > 0) covered[s][years.of[i]] += in.weights[i][s];
    }
    // Site j's part of the objective when it hosts `hosted`: its services,
    // or its closing cost when it hosts none (y_j as the model would set it).
    auto site_cost = [&](std::size_t j, const std::vector<char>& hosted) {
        const auto& site = in.sites[j];
        double c = hosting_cost_yen(site, hosted, in.sigma) + vacate_cost_yen(site, hosted);
        if (!site.keep && std::none_of(hosted.begin(), hosted.end(), [](char h) { return h != 0; }))
            c += in.close_empty_sites ? site.closing_cost_yen : std::min(0.0, site.closing_cost_yen);
        return c;
    };
    auto area_of = [&](std::size_t j, const std::vector<char>& hosted) {
        double a = 0.0;
        for (std::size_t s = 0; s < S; ++s)
            if (hosted[s]) a += opt[j][s]->area_m2;
        return a;
    };
    double total_area = 0.0;
    for (std::size_t j = 0; j < J; ++j) total_area += area_of(j, on[j]);
    const double area_cap = in.floor_area_target ? (1 - *in.floor_area_target) * in.current_floor_area_m2 + 1e-6 : kInfinity;
    // Coverage of s in every year after dropping it from j / adding it at j.
    auto still_covered_without = [&](std::size_t s, std::size_t j) {
        std::vector<double> left = covered[s];
        for (int i : reaches[s][j])
            if (count[s][static_cast<std::size_t>(i)] == 1) left[years.of[static_cast<std::size_t>(i)]] -= in.weights[static_cast<std::size_t>(i)][s];
        for (std::size_t g = 0; g < G; ++g)
            if (left[g] < needed[s][g]) return false;
        return true;
    };
    auto covered_with = [&](std::size_t s, std::size_t j) {
        std::vector<double> more = covered[s];
        for (int i : reaches[s][j])
            if (count[s][static_cast<std::size_t>(i)] == 0) more[years.of[static_cast<std::size_t>(i)]] += in.weights[static_cast<std::size_t>(i)][s];
        for (std::size_t g = 0; g < G; ++g)
            if (more[g] < needed[s][g]) return false;
        return true;
    };
    auto set = [&](std::size_t s, std::size_t j, bool value) {
        double before = area_of(j, on[j]);
        on[j][s] = value;
        total_area += area_of(j, on[j]) - before;
        for (int i : reaches[s][j]) {
            auto& c = count[s][static_cast<std::size_t>(i)];
            const double w = in.weights[static_cast<std::size_t>(i)][s];
            if (value && c++ == 0) covered[s][years.of[static_cast<std::size_t>(i)]] += w;
            if (!value && --c == 0) covered[s][years.of[static_cast<std::size_t>(i)]] -= w;
        }
    };
    const double eps = 1e-9;
    bool improved = true;
    while (improved && std::chrono::steady_clock::now() < t_end) {
        improved = false;
        for (std::size_t s = 0; s < S; ++s)
            for (std::size_t j = 0; j < J; ++j) {
                if (!opt[j][s] || (on[j][s] && opt[j][s]->pinned)) continue;  // a pinned service stays
                const double now_j = site_cost(j, on[j]);
                std::vector<char> flipped = on[j];
                flipped[s] = !flipped[s];
                const double delta = site_cost(j, flipped) - now_j;
                if (on[j][s]) {
                    double scale = std::max(1.0, std::abs(now_j));
                    if (delta < -eps * scale && still_covered_without(s, j)) { set(s, j, false); improved = true; continue; }
                    // Move s from j to another site k.
                    set(s, j, false);
                    bool moved = false;
                    for (std::size_t k = 0; k < J && !moved; ++k) {
                        if (k == j || !opt[k][s] || on[k][s]) continue;
                        std::vector<char> with = on[k];
                        with[s] = 1;
                        if (!hosting_allowed(in, in.sites[k], with) || total_area + opt[k][s]->area_m2 > area_cap) continue;
                        double d = delta + site_cost(k, with) - site_cost(k, on[k]);
                        if (d < -eps * scale && covered_with(s, k)) { set(s, k, true); moved = true; }
                    }
                    if (moved) improved = true;
                    else set(s, j, true);
                } else if (delta < -eps * std::max(1.0, std::abs(now_j)) && hosting_allowed(in, in.sites[j], flipped) && total_area + opt[j][s]->area_m2 <= area_cap) {
                    set(s, j, true);
                    improved = true;
                }
            }
    }
    return on;
}

// Per-service objective cuts (exact: they remove no plan). The objective is
// bounded below by a sum of per-service parts, Φ_s(z_·s) + K_s:
//   c_js z_js − σ c_js u_js ≥ (1 − σ) c_js z_js        (u_js ≤ z_js)
//   v_js (1 − z_js)                      (its own service's term)
//   e_j (1 − y_j) ≥ e_j (1 − Σ_s z_js)   if e_j ≥ 0 and y_j ≤ Σ_s z_js (close_empty_sites)
//   e_j (1 − y_j) ≥ 0                    if e_j ≥ 0 otherwise (y_j = 1 is allowed)
//   e_j (1 − y_j) ≥ Σ_s (e_j/|H_j|)(1 − z_js)   if e_j < 0 (y_j ≥ each z_js)
// and y_j = 1 for keep sites. Each service's part, minimised under that
// service's own constraints (coverage, capacity, F_j, the total floor-area
// cap), is a one-service instance of this model: its proven bound gives the
// valid inequality Φ_s(z_·s) ≥ bound_s − K_s. The services of the model are
// tied only through shared sites, so these cuts close most of the gap the LP
// leaves and the branch and bound no longer multiplies the services' trees.
std::optional<ServiceCut> service_cut(const ConsolidationInstance& in, std::size_t s, const std::vector<std::vector<char>>& has_saving,
                                      double time_limit_s) {
    ConsolidationInstance sub;
    sub.sigma = 0.0;
    sub.lambda = 0.0;
    sub.assignment_cutoff_m = in.assignment_cutoff_m;
    sub.floor_area_target = in.floor_area_target;
    sub.current_floor_area_m2 = in.current_floor_area_m2;
    sub.close_empty_sites = true;
    sub.services = {in.services[s]};
    sub.demand_ids = in.demand_ids;
    sub.demand_years = in.demand_years;
    sub.weights.reserve(in.weights.size());
    for (const auto& w : in.weights) sub.weights.push_back({w[s]});
    ServiceCut cut;
    double constant = 0.0;
    std::vector<int> sub_of(in.sites.size(), -1);
    for (std::size_t j = 0; j < in.sites.size(); ++j) {
        const auto& site = in.sites[j];
        auto h = std::find_if(site.hosts.begin(), site.hosts.end(), [&](const HostOption& o) { return static_cast<std::size_t>(o.service) == s; });
        if (h == site.hosts.end()) continue;
        double cost = h->cost_yen * (has_saving[j][s] ? 1.0 - in.sigma : 1.0);
        double e = 0.0;  // the share of e_j (1 − y_j) this service carries: e (1 − z_js)
        if (!site.keep) {
            if (site.closing_cost_yen < 0) e = site.closing_cost_yen / static_cast<double>(site.hosts.size());
            else if (in.close_empty_sites) e = site.closing_cost_yen;
        }
        ConsolidationSite t;
        t.id = site.id;
        t.keep = site.keep;
        t.max_floor_area_m2 = site.max_floor_area_m2;
        t.closing_cost_yen = e;
        HostOption only{0, h->area_m2, cost, h->existing};
        only.vacate_cost_yen = h->existing ? h->vacate_cost_yen : 0.0;
        only.pinned = h->pinned;
        t.hosts = {only};
        sub_of[j] = static_cast<int>(sub.sites.size());
        sub.sites.push_back(std::move(t));
        cut.site.push_back(static_cast<int>(j));
        // v (1 − z_js) = v − v z_js; keep sites: y = 1, e = 0.
        cut.coef.push_back(cost - e - only.vacate_cost_yen);
        constant += e + only.vacate_cost_yen;
    }
    for (const auto& d : in.distances)
        if (sub_of[static_cast<std::size_t>(d.site)] >= 0) sub.distances.push_back({d.demand, sub_of[static_cast<std::size_t>(d.site)], d.distance_m});
    ConsolidationOptions o;
    o.time_limit_s = time_limit_s;
    try {
        auto r = solve_consolidation(sub, o);
        cut.rhs = r.bound_yen - constant;
        cut.bound_yen = r.bound_yen;
        for (std::size_t k = 0; k < sub.sites.size(); ++k)
            if (r.plan.hosts[k][0]) cut.hosting.push_back(cut.site[k]);
    } catch (const SolverError&) {
        return std::nullopt;  // the full model will find (and explain) it
    }
    return cut;
}

} // namespace shisetsu::optimize::detail
