// Consolidation and co-location, optimization.md "B", as written:
//   min Σ c_js z_js − σ Σ c_js u_js + Σ e_j (1 − y_j)
//       + λ Σ_i Σ_s w_is (Σ_j d_ij x_ijs + L (1 − Σ_j x_ijs))
// Exact reductions: for a service with λ = 0 and no capacity, the x_ijs of
// one demand point only matter through "some open site hosting s within
// D_s", so they are summed into v_is ≤ Σ_{j: d_ij ≤ D_s} z_js (the same LP),
// and demand points with the same set of reachable sites share one v
// (weights summed). The current plan, when feasible, is the starting plan.
#include "optimize/consolidation.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "optimize/mip.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>
#include <unordered_map>

namespace shisetsu::optimize {

using json = nlohmann::json;

namespace {

// Sites that may host up to this many services get the configuration
// formulation (2^n − 1 columns); larger ones the u/m linearisation.
constexpr std::size_t kMaxConfigurationServices = 6;

struct Pairs {
    // by service: per demand, the (site, distance) pairs of sites that may host s within L
    std::vector<std::vector<std::vector<std::pair<int, double>>>> of;  // [s][i] → pairs
};

Pairs pairs_by_service(const ConsolidationInstance& in) {
    const std::size_t S = in.services.size(), I = in.demand_ids.size();
    std::vector<std::vector<char>> may(in.sites.size(), std::vector<char>(S, 0));
    for (std::size_t j = 0; j < in.sites.size(); ++j)
        for (const auto& h : in.sites[j].hosts) may[j][static_cast<std::size_t>(h.service)] = 1;
    Pairs p;
    p.of.assign(S, std::vector<std::vector<std::pair<int, double>>>(I));
    for (const auto& d : in.distances) {
        if (d.distance_m > in.assignment_cutoff_m) continue;
        for (std::size_t s = 0; s < S; ++s)
            if (may[static_cast<std::size_t>(d.site)][s]) p.of[s][static_cast<std::size_t>(d.demand)].emplace_back(d.site, d.distance_m);
    }
    for (auto& by_demand : p.of)
        for (auto& v : by_demand) std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return p;
}

double total_weight(const ConsolidationInstance& in, std::size_t s) {
    double t = 0.0;
    for (const auto& w : in.weights) t += w[s];
    return t;
}

bool uses_assignment(const ConsolidationInstance& in, std::size_t s) { return in.lambda > 0 || in.services[s].capacity.has_value(); }

std::string percent(double v) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(1) << v * 100 << " %";
    return o.str();
}

// Coverage per service of a plan: share of w_is within D_s of an open site
// hosting s (through the assignment when the plan has one for s).
std::vector<double> plan_coverage(const ConsolidationInstance& in, const ConsolidationPlan& plan, const Pairs& pairs) {
    const std::size_t S = in.services.size();
    std::vector<double> covered(S, 0.0);
    std::vector<char> has_assignment(S, 0);
    for (const auto& a : plan.assignment) has_assignment[static_cast<std::size_t>(a.service)] = 1;
    std::map<std::pair<int, int>, double> dist;
    if (!plan.assignment.empty())
        for (const auto& d : in.distances) dist[{d.demand, d.site}] = d.distance_m;
    for (const auto& a : plan.assignment) {
        double d = dist.count({a.demand, a.site}) ? dist[{a.demand, a.site}] : 1e300;
        if (d <= in.services[static_cast<std::size_t>(a.service)].catchment_m)
            covered[static_cast<std::size_t>(a.service)] += in.weights[static_cast<std::size_t>(a.demand)][static_cast<std::size_t>(a.service)] * a.share;
    }
    for (std::size_t s = 0; s < S; ++s) {
        if (has_assignment[s]) continue;
        for (std::size_t i = 0; i < in.demand_ids.size(); ++i)
            for (const auto& [j, d] : pairs.of[s][i]) {
                if (d > in.services[s].catchment_m) break;
                if (plan.open[static_cast<std::size_t>(j)] && plan.hosts[static_cast<std::size_t>(j)][s]) { covered[s] += in.weights[i][s]; break; }
            }
    }
    for (std::size_t s = 0; s < S; ++s) {
        double t = total_weight(in, s);
        covered[s] = t > 0 ? covered[s] / t : 1.0;
    }
    return covered;
}

std::string coverage_shortfall(const ConsolidationService& svc, double reached) {
    return std::string(tr("機能 ", "service ")) + svc.key + tr(": 到達できる最大の充足率は ", ": best reachable coverage is ") + percent(reached) +
           " < " + tr("目標 ", "target ") + percent(svc.coverage_target) + tr(" (不足 ", " (short by ") +
           percent(svc.coverage_target - reached) + ")";
}

// The most demand of a capacitated service that can be served within its
// catchment with every possible site hosting it (an LP: a transportation
// problem), as a share of the service's demand.
double capacitated_coverage(const ConsolidationInstance& in, std::size_t s, const Pairs& pairs) {
    const auto& svc = in.services[s];
    MipProblem lp;
    std::map<int, std::vector<std::pair<int, double>>> by_site;
    for (std::size_t i = 0; i < in.demand_ids.size(); ++i) {
        double w = in.weights[i][s];
        if (w <= 0) continue;
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
    double total = total_weight(in, s);
    if (lp.cols() == 0 || total <= 0) return total > 0 ? 0.0 : 1.0;
    MipSolution sol = solve_mip(lp);
    return sol.has_plan() ? -sol.objective / total : 0.0;
}

// Why no plan exists: each target that cannot be met, and by how much.
[[noreturn]] void explain_infeasible(const ConsolidationInstance& in, const Pairs& pairs) {
    // 1. A service that misses its target even with every site hosting it.
    ConsolidationPlan all;
    all.open.assign(in.sites.size(), 1);
    all.hosts.assign(in.sites.size(), std::vector<char>(in.services.size(), 0));
    for (std::size_t j = 0; j < in.sites.size(); ++j)
        for (const auto& h : in.sites[j].hosts) all.hosts[j][static_cast<std::size_t>(h.service)] = 1;
    auto reachable = plan_coverage(in, all, pairs);
    for (std::size_t s = 0; s < in.services.size(); ++s)
        if (reachable[s] + 1e-12 < in.services[s].coverage_target) throw SolverError(coverage_shortfall(in.services[s], reachable[s]), true);
    // 2. A capacitated service: at most Q_s people per site.
    for (std::size_t s = 0; s < in.services.size(); ++s) {
        const auto& svc = in.services[s];
        if (!svc.capacity || svc.coverage_target <= 0) continue;
        double reached = capacitated_coverage(in, s, pairs);
        if (reached + 1e-9 < svc.coverage_target)
            throw SolverError(coverage_shortfall(svc, reached) + tr(" — 1 施設あたりの容量 ", " — with a capacity of ") +
                                  std::to_string(static_cast<long long>(*svc.capacity)) + tr(" 人のため", " people per site"),
                              true);
    }
    // 3. Each target alone can be met, not all together: the plan that comes
    // closest (least total shortfall, costs ignored) says which fall short.
    ConsolidationInstance relaxed = in;
    for (auto& site : relaxed.sites) {
        site.closing_cost_yen = 0.0;
        for (auto& h : site.hosts) h.cost_yen = 0.0;
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
            if (r.coverage[s] + 1e-9 < in.services[s].coverage_target)
                detail += std::string(detail.empty() ? "" : tr("、", ", ")) + in.services[s].key + " " + percent(r.coverage[s]) + " < " +
                          percent(in.services[s].coverage_target);
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
    // Coverage bookkeeping: how many hosting sites reach each demand point.
    std::vector<std::vector<std::vector<int>>> reaches(S, std::vector<std::vector<int>>(J));  // [s][j] → demand points within D_s
    std::vector<std::vector<int>> count(S, std::vector<int>(I, 0));
    std::vector<double> covered(S, 0.0), needed(S, 0.0);
    for (std::size_t s = 0; s < S; ++s) {
        needed[s] = in.services[s].coverage_target * total_weight(in, s) - 1e-9 * std::max(1.0, total_weight(in, s));
        for (std::size_t i = 0; i < I; ++i)
            for (const auto& [j, d] : pairs.of[s][i]) {
                if (d > in.services[s].catchment_m) break;
                reaches[s][static_cast<std::size_t>(j)].push_back(static_cast<int>(i));
            }
        for (std::size_t j = 0; j < J; ++j)
            if (on[j][s])
                for (int i : reaches[s][j]) count[s][static_cast<std::size_t>(i)]++;
        for (std::size_t i = 0; i < I; ++i)
            if (count[s][i] > 0) covered[s] += in.weights[i][s];
    }
    // Site j's part of the objective when it hosts `hosted`: its services,
    // or its closing cost when it hosts none (y_j as the model would set it).
    auto site_cost = [&](std::size_t j, const std::vector<char>& hosted) {
        const auto& site = in.sites[j];
        double c = hosting_cost_yen(site, hosted, in.sigma);
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
    auto loss_if_dropped = [&](std::size_t s, std::size_t j) {
        double l = 0.0;
        for (int i : reaches[s][j]) if (count[s][static_cast<std::size_t>(i)] == 1) l += in.weights[static_cast<std::size_t>(i)][s];
        return l;
    };
    auto gain_if_added = [&](std::size_t s, std::size_t j) {
        double g = 0.0;
        for (int i : reaches[s][j]) if (count[s][static_cast<std::size_t>(i)] == 0) g += in.weights[static_cast<std::size_t>(i)][s];
        return g;
    };
    auto set = [&](std::size_t s, std::size_t j, bool value) {
        double before = area_of(j, on[j]);
        on[j][s] = value;
        total_area += area_of(j, on[j]) - before;
        for (int i : reaches[s][j]) {
            auto& c = count[s][static_cast<std::size_t>(i)];
            if (value && c++ == 0) covered[s] += in.weights[static_cast<std::size_t>(i)][s];
            if (!value && --c == 0) covered[s] -= in.weights[static_cast<std::size_t>(i)][s];
        }
    };
    const double eps = 1e-9;
    bool improved = true;
    while (improved && std::chrono::steady_clock::now() < t_end) {
        improved = false;
        for (std::size_t s = 0; s < S; ++s)
            for (std::size_t j = 0; j < J; ++j) {
                if (!opt[j][s]) continue;
                const double now_j = site_cost(j, on[j]);
                std::vector<char> flipped = on[j];
                flipped[s] = !flipped[s];
                const double delta = site_cost(j, flipped) - now_j;
                if (on[j][s]) {
                    double scale = std::max(1.0, std::abs(now_j));
                    if (delta < -eps * scale && covered[s] - loss_if_dropped(s, j) >= needed[s]) { set(s, j, false); improved = true; continue; }
                    // Move s from j to another site k.
                    set(s, j, false);
                    bool moved = false;
                    for (std::size_t k = 0; k < J && !moved; ++k) {
                        if (k == j || !opt[k][s] || on[k][s]) continue;
                        std::vector<char> with = on[k];
                        with[s] = 1;
                        if (!hosting_allowed(in, in.sites[k], with) || total_area + opt[k][s]->area_m2 > area_cap) continue;
                        double d = delta + site_cost(k, with) - site_cost(k, on[k]);
                        if (d < -eps * scale && covered[s] + gain_if_added(s, k) >= needed[s]) { set(s, k, true); moved = true; }
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
//   e_j (1 − y_j) ≥ e_j (1 − Σ_s z_js)   if e_j ≥ 0 and y_j ≤ Σ_s z_js (close_empty_sites)
//   e_j (1 − y_j) ≥ 0                    if e_j ≥ 0 otherwise (y_j = 1 is allowed)
//   e_j (1 − y_j) ≥ Σ_s (e_j/|H_j|)(1 − z_js)   if e_j < 0 (y_j ≥ each z_js)
// and y_j = 1 for keep sites. Each service's part, minimised under that
// service's own constraints (coverage, capacity, F_j, the total floor-area
// cap), is a one-service instance of this model: its proven bound gives the
// valid inequality Φ_s(z_·s) ≥ bound_s − K_s. The services of the model are
// tied only through shared sites, so these cuts close most of the gap the LP
// leaves and the branch and bound no longer multiplies the services' trees.
struct ServiceCut {
    std::vector<int> site;       // j
    std::vector<double> coef;    // φ_js
    double rhs = 0.0;            // bound_s − K_s
    std::vector<int> hosting;    // sites hosting s in the one-service plan
};

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
        t.hosts = {{0, h->area_m2, cost, h->existing}};
        sub_of[j] = static_cast<int>(sub.sites.size());
        sub.sites.push_back(std::move(t));
        cut.site.push_back(static_cast<int>(j));
        cut.coef.push_back(cost - e);  // keep sites: y = 1, e = 0
        constant += e;
    }
    for (const auto& d : in.distances)
        if (sub_of[static_cast<std::size_t>(d.site)] >= 0) sub.distances.push_back({d.demand, sub_of[static_cast<std::size_t>(d.site)], d.distance_m});
    ConsolidationOptions o;
    o.time_limit_s = time_limit_s;
    try {
        auto r = solve_consolidation(sub, o);
        cut.rhs = r.bound_yen - constant;
        for (std::size_t k = 0; k < sub.sites.size(); ++k)
            if (r.plan.hosts[k][0]) cut.hosting.push_back(cut.site[k]);
    } catch (const SolverError&) {
        return std::nullopt;  // the full model will find (and explain) it
    }
    return cut;
}

} // namespace

double hosting_cost_yen(const ConsolidationSite& site, const std::vector<char>& hosted, double sigma) {
    double cost = 0.0, saving = 0.0;
    int n = 0;
    for (const auto& h : site.hosts) {
        if (!hosted[static_cast<std::size_t>(h.service)]) continue;
        ++n;
        cost += h.cost_yen;
        if (h.cost_yen > 0) saving += sigma * h.cost_yen;
    }
    return n >= 2 ? cost - saving : cost;
}

bool hosting_allowed(const ConsolidationInstance& in, const ConsolidationSite& site, const std::vector<char>& hosted) {
    double area = 0.0;
    for (const auto& h : site.hosts)
        if (hosted[static_cast<std::size_t>(h.service)]) area += h.area_m2;
    if (site.max_floor_area_m2 && area > *site.max_floor_area_m2 + 1e-9) return false;
    for (const auto& [a, b] : in.incompatible)
        if (hosted[static_cast<std::size_t>(a)] && hosted[static_cast<std::size_t>(b)]) return false;
    return true;
}

ConsolidationResult solve_consolidation(const ConsolidationInstance& in, const ConsolidationOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    const std::size_t J = in.sites.size(), S = in.services.size(), I = in.demand_ids.size();
    Pairs pairs = pairs_by_service(in);
    MipProblem mip;

    std::vector<int> y(J), m(J, -1);
    std::vector<std::vector<int>> z(J, std::vector<int>(S, -1)), u(J, std::vector<int>(S, -1));
    std::vector<std::vector<const HostOption*>> host(J, std::vector<const HostOption*>(S, nullptr));
    std::vector<std::vector<std::pair<unsigned, int>>> configuration(J);  // (mask over site.hosts, column)
    for (std::size_t j = 0; j < J; ++j) {
        const auto& site = in.sites[j];
        // Σ e_j (1 − y_j) = Σ e_j − Σ e_j y_j
        y[j] = mip.add_col(site.keep ? 1.0 : 0.0, 1.0, -site.closing_cost_yen, true);
        mip.objective_offset += site.closing_cost_yen;
        for (const auto& h : site.hosts) {
            auto s = static_cast<std::size_t>(h.service);
            host[j][s] = &h;
            z[j][s] = mip.add_binary(h.cost_yen);
            mip.add_row({{z[j][s], 1.0}, {y[j], -1.0}}, -kInfinity, 0.0);  // z ≤ y
        }
        if (site.hosts.size() >= 2 && site.hosts.size() <= kMaxConfigurationServices) {
            // The site's cost as a choice among its configurations K ⊆ H_j
            // (exact, and the LP's cost of a fractional z is then the convex
            // envelope of the true cost instead of the u/m linearisation):
            //   z_js = Σ_{K ∋ s} w_jK,  Σ_K w_jK ≤ 1,
            //   cost(K) = Σ_{s∈K} c_js − σ·Σ_{s∈K, c_js>0} c_js·[|K| ≥ 2],
            // the c_js move from z onto w. Infeasible K (F_j, incompatible pairs) are left out.
            const std::size_t n = site.hosts.size();
            std::vector<std::vector<std::pair<int, double>>> z_rows(n);
            std::vector<int> all;
            std::vector<double> ones;
            for (unsigned mask = 1; mask < (1u << n); ++mask) {
                std::vector<char> hosted(S, 0);
                for (std::size_t k = 0; k < n; ++k)
                    if (mask >> k & 1u) hosted[static_cast<std::size_t>(site.hosts[k].service)] = 1;
                if (!hosting_allowed(in, site, hosted)) continue;
                int w = mip.add_col(0.0, 1.0, hosting_cost_yen(site, hosted, in.sigma), false);
                configuration[j].emplace_back(mask, w);
                all.push_back(w);
                ones.push_back(1.0);
                for (std::size_t k = 0; k < n; ++k)
                    if (mask >> k & 1u) z_rows[k].emplace_back(w, -1.0);
            }
            for (std::size_t k = 0; k < n; ++k) {
                auto sk = static_cast<std::size_t>(site.hosts[k].service);
                mip.objective[static_cast<std::size_t>(z[j][sk])] = 0.0;
                std::vector<int> idx{z[j][sk]};
                std::vector<double> val{1.0};
                for (const auto& [w, v] : z_rows[k]) { idx.push_back(w); val.push_back(v); }
                mip.add_row(idx, val, 0.0, 0.0);
            }
            if (!all.empty()) mip.add_row(all, ones, -kInfinity, 1.0);
        } else if (site.hosts.size() >= 2) {
            m[j] = mip.add_binary(0.0);
            std::vector<int> idx{m[j]};
            std::vector<double> val{2.0};
            for (std::size_t s = 0; s < S; ++s)
                if (z[j][s] >= 0) { idx.push_back(z[j][s]); val.push_back(-1.0); }
            mip.add_row(idx, val, -kInfinity, 0.0);  // 2 m ≤ Σ z
            for (std::size_t s = 0; s < S; ++s) {
                if (z[j][s] < 0 || host[j][s]->cost_yen <= 0 || in.sigma <= 0) continue;
                u[j][s] = mip.add_col(0.0, 1.0, -in.sigma * host[j][s]->cost_yen, false);
                mip.add_row({{u[j][s], 1.0}, {z[j][s], -1.0}}, -kInfinity, 0.0);
                mip.add_row({{u[j][s], 1.0}, {m[j], -1.0}}, -kInfinity, 0.0);
                // Valid inequality (same integer plans, tighter LP): the saving
                // on s needs another service at the site, u_js ≤ Σ_{s'≠s} z_js'.
                std::vector<int> idx2{u[j][s]};
                std::vector<double> val2{1.0};
                for (std::size_t t = 0; t < S; ++t)
                    if (t != s && z[j][t] >= 0) { idx2.push_back(z[j][t]); val2.push_back(-1.0); }
                mip.add_row(idx2, val2, -kInfinity, 0.0);
            }
        }
        if (in.close_empty_sites && !site.keep) {
            std::vector<int> idx{y[j]};
            std::vector<double> val{1.0};
            for (std::size_t s = 0; s < S; ++s)
                if (z[j][s] >= 0) { idx.push_back(z[j][s]); val.push_back(-1.0); }
            mip.add_row(idx, val, -kInfinity, 0.0);
        }
        if (site.max_floor_area_m2) {
            std::vector<int> idx{y[j]};
            std::vector<double> val{-*site.max_floor_area_m2};
            for (std::size_t s = 0; s < S; ++s)
                if (z[j][s] >= 0) { idx.push_back(z[j][s]); val.push_back(host[j][s]->area_m2); }
            mip.add_row(idx, val, -kInfinity, 0.0);
        }
        for (const auto& [a, b] : in.incompatible)
            if (z[j][static_cast<std::size_t>(a)] >= 0 && z[j][static_cast<std::size_t>(b)] >= 0)
                mip.add_row({{z[j][static_cast<std::size_t>(a)], 1.0}, {z[j][static_cast<std::size_t>(b)], 1.0}}, -kInfinity, 1.0);
    }
    if (in.floor_area_target) {
        std::vector<int> idx;
        std::vector<double> val;
        for (std::size_t j = 0; j < J; ++j)
            for (std::size_t s = 0; s < S; ++s)
                if (z[j][s] >= 0) { idx.push_back(z[j][s]); val.push_back(host[j][s]->area_m2); }
        if (options.elastic && in.current_floor_area_m2 > 0) {
            // Excess floor area as a share of today's.
            idx.push_back(mip.add_col(0.0, kInfinity, 1.0 / in.current_floor_area_m2, false));
            val.push_back(-1.0);
        }
        mip.add_row(idx, val, -kInfinity, (1 - *in.floor_area_target) * in.current_floor_area_m2);
    }

    // Service: coverage (and travel, capacity).
    struct XCol { int col, demand, site, service; };
    std::vector<XCol> xcols;
    for (std::size_t s = 0; s < S; ++s) {
        const auto& svc = in.services[s];
        double demand_total = total_weight(in, s);
        std::vector<int> cidx;
        std::vector<double> cval;
        if (!uses_assignment(in, s)) {
            std::map<std::vector<int>, double> groups;  // reachable sites within D_s → weight
            for (std::size_t i = 0; i < I; ++i) {
                if (in.weights[i][s] <= 0) continue;
                std::vector<int> reach;
                for (const auto& [j, d] : pairs.of[s][i]) {
                    if (d > svc.catchment_m) break;
                    reach.push_back(j);
                }
                if (reach.empty()) continue;
                std::sort(reach.begin(), reach.end());
                groups[reach] += in.weights[i][s];
            }
            if (svc.coverage_target <= 0) continue;
            for (const auto& [reach, w] : groups) {
                int v = mip.add_col(0.0, 1.0, 0.0, false);
                std::vector<int> idx{v};
                std::vector<double> val{1.0};
                for (int j : reach) { idx.push_back(z[static_cast<std::size_t>(j)][s]); val.push_back(-1.0); }
                mip.add_row(idx, val, -kInfinity, 0.0);
                cidx.push_back(v);
                cval.push_back(w);
            }
        } else {
            std::vector<std::vector<std::pair<int, double>>> by_site(J);
            for (std::size_t i = 0; i < I; ++i) {
                double w = in.weights[i][s];
                if (w <= 0) continue;
                std::vector<int> idx;
                std::vector<double> val;
                mip.objective_offset += in.lambda * w * in.assignment_cutoff_m;
                for (const auto& [j, d] : pairs.of[s][i]) {
                    int x = mip.add_col(0.0, 1.0, in.lambda * w * (d - in.assignment_cutoff_m), false);
                    xcols.push_back({x, static_cast<int>(i), j, static_cast<int>(s)});
                    idx.push_back(x); val.push_back(1.0);
                    mip.add_row({{x, 1.0}, {z[static_cast<std::size_t>(j)][s], -1.0}}, -kInfinity, 0.0);
                    if (d <= svc.catchment_m) { cidx.push_back(x); cval.push_back(w); }
                    if (svc.capacity) by_site[static_cast<std::size_t>(j)].emplace_back(x, w);
                }
                if (!idx.empty()) mip.add_row(idx, val, -kInfinity, 1.0);
            }
            if (svc.capacity)
                for (std::size_t j = 0; j < J; ++j) {
                    if (by_site[j].empty()) continue;
                    std::vector<int> idx;
                    std::vector<double> val;
                    for (const auto& [x, w] : by_site[j]) { idx.push_back(x); val.push_back(w); }
                    idx.push_back(z[j][s]); val.push_back(-*svc.capacity);
                    mip.add_row(idx, val, -kInfinity, 0.0);
                }
        }
        if (svc.coverage_target > 0) {
            if (options.elastic) {
                // Shortfall in coverage points, at most the whole target.
                cidx.push_back(mip.add_col(0.0, svc.coverage_target * demand_total, 1.0 / demand_total, false));
                cval.push_back(1.0);
            }
            if (cidx.empty()) explain_infeasible(in, pairs);
            mip.add_row(cidx, cval, svc.coverage_target * demand_total, kInfinity);
        }
    }

    // A plan as a start vector: y, z, the co-location columns and the
    // coverage variables v = min(1, Σ z) (λ = 0 services; x stays 0).
    auto start_of = [&](const std::vector<std::vector<char>>& on) {
        std::vector<double> x(static_cast<std::size_t>(mip.cols()), 0.0);
        for (std::size_t j = 0; j < J; ++j) {
            int n_on = 0;
            for (std::size_t s = 0; s < S; ++s) n_on += host[j][s] && on[j][s];
            x[static_cast<std::size_t>(y[j])] = n_on > 0 || in.sites[j].keep;
            for (std::size_t s = 0; s < S; ++s)
                if (host[j][s] && on[j][s]) {
                    x[static_cast<std::size_t>(z[j][s])] = 1;
                    if (u[j][s] >= 0 && n_on >= 2) x[static_cast<std::size_t>(u[j][s])] = 1;
                }
            if (m[j] >= 0) x[static_cast<std::size_t>(m[j])] = n_on >= 2;
            unsigned mask_on = 0;
            for (std::size_t k = 0; k < in.sites[j].hosts.size(); ++k)
                if (on[j][static_cast<std::size_t>(in.sites[j].hosts[k].service)]) mask_on |= 1u << k;
            for (const auto& [mask, w] : configuration[j])
                if (mask == mask_on) x[static_cast<std::size_t>(w)] = 1.0;
        }
        for (int r = 0; r < mip.rows(); ++r) {
            // v rows have the form v − Σ z ≤ 0 with v first; set v to min(1, Σ z).
            int k0 = mip.row_start[static_cast<std::size_t>(r)], k1 = mip.row_start[static_cast<std::size_t>(r) + 1];
            if (k1 - k0 < 2 || mip.row_value[static_cast<std::size_t>(k0)] != 1.0 || mip.row_upper[static_cast<std::size_t>(r)] != 0.0) continue;
            int v = mip.row_index[static_cast<std::size_t>(k0)];
            if (mip.is_integer[static_cast<std::size_t>(v)] || mip.objective[static_cast<std::size_t>(v)] != 0.0) continue;
            double sum = 0.0;
            for (int k = k0 + 1; k < k1; ++k) sum -= mip.row_value[static_cast<std::size_t>(k)] * x[static_cast<std::size_t>(mip.row_index[static_cast<std::size_t>(k)])];
            x[static_cast<std::size_t>(v)] = std::min(1.0, std::max(0.0, sum));
        }
        return x;
    };
    // The current plan (used as the start when it is feasible).
    std::vector<std::vector<char>> today(J, std::vector<char>(S, 0));
    for (std::size_t j = 0; j < J; ++j)
        for (std::size_t s = 0; s < S; ++s) today[j][s] = host[j][s] && host[j][s]->existing;
    std::vector<double> start = start_of(today);

    // Per-service objective cuts: only where services share sites (else the
    // model is already separable), λ = 0 (the travel term is not in z), and
    // not when diagnosing infeasibility (elastic: no costs to bound).
    double spent_s = 0.0;
    if (S >= 2 && in.lambda == 0.0 && !options.elastic) {
        std::vector<std::vector<char>> joined(J, std::vector<char>(S, 0));
        std::size_t services_solved = 0;
        std::vector<std::vector<char>> has_saving(J, std::vector<char>(S, 0));
        for (std::size_t j = 0; j < J; ++j)
            for (std::size_t s = 0; s < S; ++s)
                has_saving[j][s] = in.sites[j].hosts.size() >= 2 && in.sigma > 0 && host[j][s] && host[j][s]->cost_yen > 0;
        for (std::size_t s = 0; s < S; ++s) {
            double left = options.time_limit_s - std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (left <= 1.0) break;
            auto cut = service_cut(in, s, has_saving, std::min(left / 4, 10.0));
            if (!cut) continue;
            for (int j : cut->hosting) joined[static_cast<std::size_t>(j)][s] = 1;
            ++services_solved;
            std::vector<int> idx;
            std::vector<double> val;
            for (std::size_t k = 0; k < cut->site.size(); ++k) {
                idx.push_back(z[static_cast<std::size_t>(cut->site[k])][s]);
                val.push_back(cut->coef[k]);
            }
            mip.add_row(idx, val, cut->rhs - 1e-6 * std::max(1.0, std::abs(cut->rhs)), kInfinity);
        }
        spent_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        // The services' own best plans together are a plan of the whole model
        // (shared sites aside): the start when it is feasible and cheaper.
        if (services_solved == S) {
            auto joined_start = start_of(improve_plan(in, pairs, joined, std::min(5.0, std::max(0.5, 0.05 * options.time_limit_s))));
            auto cost = [&](const std::vector<double>& x) {
                double o = 0.0;
                for (std::size_t c = 0; c < x.size(); ++c) o += mip.objective[c] * x[c];
                return o;
            };
            if (plan_is_feasible(mip, joined_start) && (!plan_is_feasible(mip, start) || cost(joined_start) < cost(start))) start = joined_start;
        }
    }

    MipOptions opt;
    opt.time_limit_s = options.time_limit_s > 0 ? std::max(1.0, options.time_limit_s - spent_s) : 0.0;
    opt.relative_gap = options.relative_gap;
    opt.progress_label = options.progress_label;
    opt.start = start;
    MipSolution sol = solve_mip(mip, opt);
    if (sol.status == MipStatus::infeasible) explain_infeasible(in, pairs);
    if (!sol.has_plan()) throw SolverError(tr("統廃合: 制限時間内に計画が見つかりませんでした", "consolidation: no plan found within the time limit"));

    ConsolidationResult out;
    out.rows = mip.rows();
    out.cols = mip.cols();
    auto& plan = out.plan;
    plan.open.assign(J, 0);
    plan.hosts.assign(J, std::vector<char>(S, 0));
    for (std::size_t j = 0; j < J; ++j) {
        plan.open[j] = sol.values[static_cast<std::size_t>(y[j])] > 0.5;
        for (std::size_t s = 0; s < S; ++s)
            if (z[j][s] >= 0) plan.hosts[j][s] = sol.values[static_cast<std::size_t>(z[j][s])] > 0.5;
    }
    for (const auto& x : xcols) {
        double v = sol.values[static_cast<std::size_t>(x.col)];
        if (v > 1e-9) plan.assignment.push_back({x.demand, x.site, x.service, v});
    }
    out.objective_yen = consolidation_objective(in, plan);
    out.bound_yen = std::min(out.objective_yen, sol.bound);
    out.gap = relative_gap(out.objective_yen, out.bound_yen);
    out.status = sol.status == MipStatus::optimal ? "optimal" : "feasible";
    if (out.status == "optimal") { out.gap = 0.0; out.bound_yen = std::min(out.objective_yen, std::max(out.bound_yen, sol.bound)); }
    out.coverage = plan_coverage(in, plan, pairs);
    out.time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

double consolidation_objective(const ConsolidationInstance& in, const ConsolidationPlan& plan) {
    const std::size_t S = in.services.size();
    double total = 0.0;
    for (std::size_t j = 0; j < in.sites.size(); ++j) {
        const auto& site = in.sites[j];
        total += hosting_cost_yen(site, plan.hosts[j], in.sigma);
        if (!plan.open[j]) total += site.closing_cost_yen;
    }
    if (in.lambda > 0) {
        Pairs pairs = pairs_by_service(in);
        std::map<std::tuple<int, int>, double> dist;
        for (const auto& d : in.distances) dist[{d.demand, d.site}] = d.distance_m;
        std::vector<std::vector<double>> served(in.demand_ids.size(), std::vector<double>(S, 0.0));
        std::vector<char> by_plan(S, 0);
        for (const auto& a : plan.assignment) {
            by_plan[static_cast<std::size_t>(a.service)] = 1;
            double w = in.weights[static_cast<std::size_t>(a.demand)][static_cast<std::size_t>(a.service)];
            total += in.lambda * w * dist[{a.demand, a.site}] * a.share;
            served[static_cast<std::size_t>(a.demand)][static_cast<std::size_t>(a.service)] += a.share;
        }
        for (std::size_t s = 0; s < S; ++s)
            for (std::size_t i = 0; i < in.demand_ids.size(); ++i) {
                double w = in.weights[i][s];
                if (w <= 0) continue;
                if (!by_plan[s])
                    for (const auto& [j, d] : pairs.of[s][i])
                        if (plan.open[static_cast<std::size_t>(j)] && plan.hosts[static_cast<std::size_t>(j)][s]) {
                            total += in.lambda * w * d;
                            served[i][s] = 1.0;
                            break;
                        }
                total += in.lambda * w * in.assignment_cutoff_m * (1 - served[i][s]);
            }
    }
    return total;
}

std::vector<std::string> check_plan(const ConsolidationInstance& in, const ConsolidationPlan& plan) {
    std::vector<std::string> out;
    const std::size_t S = in.services.size();
    double floor_total = 0.0;
    for (std::size_t j = 0; j < in.sites.size(); ++j) {
        const auto& site = in.sites[j];
        if (site.keep && !plan.open[j]) out.push_back(site.id + ": keep site closed");
        double area = 0.0;
        std::vector<char> may(S, 0);
        for (const auto& h : site.hosts) {
            may[static_cast<std::size_t>(h.service)] = 1;
            if (plan.hosts[j][static_cast<std::size_t>(h.service)]) area += h.area_m2;
        }
        for (std::size_t s = 0; s < S; ++s) {
            if (plan.hosts[j][s] && !plan.open[j]) out.push_back(site.id + ": hosts " + in.services[s].key + " while closed");
            if (plan.hosts[j][s] && !may[s]) out.push_back(site.id + ": may not host " + in.services[s].key);
        }
        if (in.close_empty_sites && !site.keep && plan.open[j] &&
            std::none_of(plan.hosts[j].begin(), plan.hosts[j].end(), [](char h) { return h != 0; }))
            out.push_back(site.id + ": open without any service (close_empty_sites)");
        if (site.max_floor_area_m2 && area > *site.max_floor_area_m2 * plan.open[j] + 1e-6) out.push_back(site.id + ": floor area above its maximum");
        for (const auto& [a, b] : in.incompatible)
            if (plan.hosts[j][static_cast<std::size_t>(a)] && plan.hosts[j][static_cast<std::size_t>(b)]) out.push_back(site.id + ": incompatible services together");
        floor_total += area;
    }
    if (in.floor_area_target && floor_total > (1 - *in.floor_area_target) * in.current_floor_area_m2 + 1e-6) out.push_back("total floor area above the target");
    Pairs pairs = pairs_by_service(in);
    auto coverage = plan_coverage(in, plan, pairs);
    for (std::size_t s = 0; s < S; ++s)
        if (coverage[s] + 1e-9 < in.services[s].coverage_target) out.push_back(in.services[s].key + ": coverage below the target");
    // Assignment: shares ≤ 1 per demand and service, only to open hosting sites, capacities.
    std::map<std::pair<int, int>, double> share_sum;
    std::map<std::pair<int, int>, double> load;
    for (const auto& a : plan.assignment) {
        share_sum[{a.demand, a.service}] += a.share;
        if (!plan.open[static_cast<std::size_t>(a.site)] || !plan.hosts[static_cast<std::size_t>(a.site)][static_cast<std::size_t>(a.service)])
            out.push_back(in.sites[static_cast<std::size_t>(a.site)].id + ": demand assigned to a site not hosting the service");
        load[{a.site, a.service}] += in.weights[static_cast<std::size_t>(a.demand)][static_cast<std::size_t>(a.service)] * a.share;
    }
    for (const auto& [k, v] : share_sum)
        if (v > 1 + 1e-6) out.push_back(in.demand_ids[static_cast<std::size_t>(k.first)] + ": assigned more than once");
    for (const auto& [k, v] : load) {
        const auto& cap = in.services[static_cast<std::size_t>(k.second)].capacity;
        if (cap && v > *cap + 1e-6) out.push_back(in.sites[static_cast<std::size_t>(k.first)].id + ": capacity exceeded");
    }
    return out;
}

json to_json(const ConsolidationInstance& in) {
    json services = json::array();
    for (const auto& s : in.services)
        services.push_back({{"key", s.key}, {"catchment_m", s.catchment_m}, {"coverage_target", s.coverage_target},
                            {"capacity", s.capacity ? json(*s.capacity) : json(nullptr)}});
    json incompatible = json::array();
    for (const auto& [a, b] : in.incompatible)
        incompatible.push_back({in.services[static_cast<std::size_t>(a)].key, in.services[static_cast<std::size_t>(b)].key});
    json sites = json::array();
    for (const auto& site : in.sites) {
        json hosts = json::object();
        for (const auto& h : site.hosts)
            hosts[in.services[static_cast<std::size_t>(h.service)].key] = {{"area_m2", h.area_m2}, {"cost_yen", h.cost_yen}, {"existing", h.existing}};
        sites.push_back({{"id", site.id}, {"keep", site.keep},
                         {"max_floor_area_m2", site.max_floor_area_m2 ? json(*site.max_floor_area_m2) : json(nullptr)},
                         {"closing_cost_yen", site.closing_cost_yen}, {"hosts", hosts}});
    }
    json demand = json::array();
    for (std::size_t i = 0; i < in.demand_ids.size(); ++i) {
        json w = json::object();
        for (std::size_t s = 0; s < in.services.size(); ++s) w[in.services[s].key] = in.weights[i][s];
        demand.push_back({{"id", in.demand_ids[i]}, {"weights", w}});
    }
    json distances = json::array();
    for (const auto& d : in.distances)
        if (d.distance_m <= in.assignment_cutoff_m)
            distances.push_back({in.demand_ids[static_cast<std::size_t>(d.demand)], in.sites[static_cast<std::size_t>(d.site)].id, d.distance_m});
    return {{"model", "consolidation"},
            {"parameters", {{"sigma", in.sigma}, {"lambda", in.lambda}, {"assignment_cutoff_m", in.assignment_cutoff_m},
                            {"floor_area_target", in.floor_area_target ? json(*in.floor_area_target) : json(nullptr)},
                            {"current_floor_area_m2", in.current_floor_area_m2},
                            {"close_empty_sites", in.close_empty_sites}}},
            {"services", services}, {"incompatible", incompatible}, {"sites", sites}, {"demand", demand}, {"distances", distances}};
}

ConsolidationInstance instance_from_json(const json& j) {
    ConsolidationInstance in;
    std::string where = "/parameters";  // the JSON path being read, for the error
    auto index_of = [&](const std::unordered_map<std::string, int>& ids, const std::string& id, const char* what) {
        auto it = ids.find(id);
        if (it == ids.end()) throw InputError(where + ": " + tr("不明な", "unknown ") + what + ": " + id);
        return it->second;
    };
    try {
        const auto& p = j.at("parameters");
        in.sigma = p.at("sigma").get<double>();
        in.lambda = p.at("lambda").get<double>();
        in.assignment_cutoff_m = p.at("assignment_cutoff_m").get<double>();
        if (!p.at("floor_area_target").is_null()) in.floor_area_target = p.at("floor_area_target").get<double>();
        in.current_floor_area_m2 = p.at("current_floor_area_m2").get<double>();
        in.close_empty_sites = p.value("close_empty_sites", false);
        std::unordered_map<std::string, int> service_at, site_at, demand_at;
        for (std::size_t k = 0; const auto& s : j.at("services")) {
            where = "/services/" + std::to_string(k++);
            ConsolidationService svc;
            svc.key = s.at("key").get<std::string>();
            svc.catchment_m = s.at("catchment_m").get<double>();
            svc.coverage_target = s.at("coverage_target").get<double>();
            if (!s.at("capacity").is_null()) svc.capacity = s.at("capacity").get<double>();
            service_at[svc.key] = static_cast<int>(in.services.size());
            in.services.push_back(svc);
        }
        for (std::size_t k = 0; const auto& pair : j.at("incompatible")) {
            where = "/incompatible/" + std::to_string(k++);
            in.incompatible.emplace_back(index_of(service_at, pair.at(0).get<std::string>(), tr("機能", "service")),
                                         index_of(service_at, pair.at(1).get<std::string>(), tr("機能", "service")));
        }
        for (std::size_t k = 0; const auto& s : j.at("sites")) {
            where = "/sites/" + std::to_string(k++);
            ConsolidationSite site;
            site.id = s.at("id").get<std::string>();
            site.keep = s.at("keep").get<bool>();
            if (!s.at("max_floor_area_m2").is_null()) site.max_floor_area_m2 = s.at("max_floor_area_m2").get<double>();
            site.closing_cost_yen = s.at("closing_cost_yen").get<double>();
            for (const auto& [key, h] : s.at("hosts").items())
                site.hosts.push_back({index_of(service_at, key, tr("機能", "service")), h.at("area_m2").get<double>(), h.at("cost_yen").get<double>(),
                                      h.at("existing").get<bool>()});
            site_at[site.id] = static_cast<int>(in.sites.size());
            in.sites.push_back(site);
        }
        for (std::size_t k = 0; const auto& d : j.at("demand")) {
            where = "/demand/" + std::to_string(k++);
            demand_at[d.at("id").get<std::string>()] = static_cast<int>(in.demand_ids.size());
            in.demand_ids.push_back(d.at("id").get<std::string>());
            std::vector<double> w(in.services.size(), 0.0);
            for (const auto& [key, v] : d.at("weights").items())
                w[static_cast<std::size_t>(index_of(service_at, key, tr("機能", "service")))] = v.get<double>();
            in.weights.push_back(w);
        }
        for (std::size_t k = 0; const auto& d : j.at("distances")) {
            where = "/distances/" + std::to_string(k++);
            in.distances.push_back({index_of(demand_at, d.at(0).get<std::string>(), tr("需要点", "demand point")),
                                    index_of(site_at, d.at(1).get<std::string>(), tr("施設・候補地", "site")), d.at(2).get<double>()});
        }
    } catch (const json::exception& e) {
        throw InputError(where + ": " + e.what());
    }
    return in;
}

} // namespace shisetsu::optimize
