// Consolidation and co-location, optimization.md "B", as written:
//   min Σ c_js z_js − σ Σ c_js u_js + Σ_{s∈E_j} v_js (1 − z_js) + Σ e_j (1 − y_j)
//       + λ Σ_i Σ_s w_is (Σ_j d_ij x_ijs + L (1 − Σ_j x_ijs))
// with z_js = 1 for pinned pairs.
// Exact reductions: for a service with λ = 0 and no capacity, the x_ijs of
// one demand point only matter through "some open site hosting s within
// D_s", so they are summed into v_is ≤ Σ_{j: d_ij ≤ D_s} z_js (the same LP),
// and demand points with the same set of reachable sites share one v
// (weights summed; v binary). The current plan, when feasible, is the starting plan.
#include "optimize/consolidation.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "optimize/consolidation_detail.hpp"
#include "optimize/mip.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace shisetsu::optimize {

using namespace detail;

namespace {

// Sites that may host up to this many services get the configuration
// formulation (2^n − 1 columns); larger ones the u/m linearisation.
constexpr std::size_t kMaxConfigurationServices = 6;

} // namespace

ConsolidationResult solve_consolidation(const ConsolidationInstance& in, const ConsolidationOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    const std::size_t J = in.sites.size(), S = in.services.size(), I = in.demand_ids.size();
    Pairs pairs = pairs_by_service(in);
    MipProblem mip;

    std::vector<int> y(J), m(J, -1);
    std::vector<std::vector<int>> z(J, std::vector<int>(S, -1)), u(J, std::vector<int>(S, -1));
    std::vector<std::vector<const HostOption*>> host(J, std::vector<const HostOption*>(S, nullptr));
    std::vector<std::vector<std::pair<unsigned, int>>> configuration(J);  // (mask over site.hosts, column)
    for (const auto& site : in.sites) {
        // Pins that cannot stand together at their site (F_j, an incompatible pair).
        std::vector<char> pinned(S, 0);
        for (const auto& h : site.hosts) pinned[static_cast<std::size_t>(h.service)] = h.pinned;
        if (!hosting_allowed(in, site, pinned))
            throw SolverError(site.id + tr(": 固定した機能が同じ施設に収まりません (延床面積の上限か、両立しない組合せ)",
                                           ": the services pinned there cannot stand together (floor-area limit or an incompatible pair)"),
                              true);
    }
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
        // Vacating: v_js (1 − z_js) = v_js − v_js z_js; pins: z_js = 1.
        for (const auto& h : site.hosts) {
            auto k = static_cast<std::size_t>(z[j][static_cast<std::size_t>(h.service)]);
            if (h.existing) {
                mip.objective[k] -= h.vacate_cost_yen;
                mip.objective_offset += h.vacate_cost_yen;
            }
            if (h.pinned) mip.col_lower[k] = 1.0;
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

    // Service: coverage (and travel, capacity), in every population year.
    const YearGroups years = year_groups(in);
    const std::size_t G = years.size();
    struct XCol { int col, demand, site, service; };
    std::vector<XCol> xcols;
    for (std::size_t s = 0; s < S; ++s) {
        const auto& svc = in.services[s];
        std::vector<std::vector<int>> cidx(G);
        std::vector<std::vector<double>> cval(G);
        if (!uses_assignment(in, s)) {
            // reachable sites within D_s → weight per year; one v for the
            // points of every year that reach the same sites.
            std::map<std::vector<int>, std::vector<double>> groups;
            for (std::size_t i = 0; i < I; ++i) {
                if (in.weights[i][s] <= 0) continue;
                std::vector<int> reach;
                for (const auto& [j, d] : pairs.of[s][i]) {
                    if (d > svc.catchment_m) break;
                    reach.push_back(j);
                }
                if (reach.empty()) continue;
                std::sort(reach.begin(), reach.end());
                auto& w = groups[reach];
                w.resize(G, 0.0);
                w[years.of[i]] += in.weights[i][s];
            }
            if (svc.coverage_target <= 0) continue;
            for (const auto& [reach, w] : groups) {
                // v binary: the same integer plans (with z integral an optimal v is 0 or 1), and
                // CBC 2.10.8's preprocessing gets this shape wrong with v continuous
                // (tests/unit/optimize/test_mip.cpp).
                int v = mip.add_col(0.0, 1.0, 0.0, true);
                std::vector<int> idx{v};
                std::vector<double> val{1.0};
                for (int j : reach) { idx.push_back(z[static_cast<std::size_t>(j)][s]); val.push_back(-1.0); }
                mip.add_row(idx, val, -kInfinity, 0.0);
                for (std::size_t g = 0; g < G; ++g)
                    if (w[g] > 0) { cidx[g].push_back(v); cval[g].push_back(w[g]); }
            }
        } else {
            std::vector<std::vector<std::vector<std::pair<int, double>>>> by_site(J, std::vector<std::vector<std::pair<int, double>>>(G));
            for (std::size_t i = 0; i < I; ++i) {
                double w = in.weights[i][s];
                if (w <= 0) continue;
                const std::size_t g = years.of[i];
                std::vector<int> idx;
                std::vector<double> val;
                mip.objective_offset += in.lambda * w * in.assignment_cutoff_m;
                for (const auto& [j, d] : pairs.of[s][i]) {
                    int x = mip.add_col(0.0, 1.0, in.lambda * w * (d - in.assignment_cutoff_m), false);
                    xcols.push_back({x, static_cast<int>(i), j, static_cast<int>(s)});
                    idx.push_back(x); val.push_back(1.0);
                    mip.add_row({{x, 1.0}, {z[static_cast<std::size_t>(j)][s], -1.0}}, -kInfinity, 0.0);
                    if (d <= svc.catchment_m) { cidx[g].push_back(x); cval[g].push_back(w); }
                    if (svc.capacity) by_site[static_cast<std::size_t>(j)][g].emplace_back(x, w);
                }
                if (!idx.empty()) mip.add_row(idx, val, -kInfinity, 1.0);
            }
            if (svc.capacity)
                for (std::size_t j = 0; j < J; ++j)
                    for (std::size_t g = 0; g < G; ++g) {
                        if (by_site[j][g].empty()) continue;
                        std::vector<int> idx;
                        std::vector<double> val;
                        for (const auto& [x, w] : by_site[j][g]) { idx.push_back(x); val.push_back(w); }
                        idx.push_back(z[j][s]); val.push_back(-*svc.capacity);
                        mip.add_row(idx, val, -kInfinity, 0.0);
                    }
        }
        if (svc.coverage_target <= 0) continue;
        for (std::size_t g = 0; g < G; ++g) {
            const double demand_total = total_weight(in, years, s, g);
            if (demand_total <= 0) continue;  // nobody of the cohort that year
            if (options.elastic) {
                // Shortfall in coverage points, at most the whole target.
                cidx[g].push_back(mip.add_col(0.0, svc.coverage_target * demand_total, 1.0 / demand_total, false));
                cval[g].push_back(1.0);
            }
            if (cidx[g].empty()) explain_infeasible(in, pairs);
            mip.add_row(cidx[g], cval[g], svc.coverage_target * demand_total, kInfinity);
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
    // The bar on stderr: the best plan, the bound and the gap as they become known.
    SolveProgress progress(options.progress_label, options.time_limit_s);
    auto objective_of = [&](const std::vector<double>& x) {
        double o = mip.objective_offset;
        for (std::size_t c = 0; c < x.size(); ++c) o += mip.objective[c] * x[c];
        return o;
    };
    if (plan_is_feasible(mip, start)) progress.report(objective_of(start), std::nullopt);

    // Per-service objective cuts: only where services share sites (else the
    // model is already separable), λ = 0 (the travel term is not in z), and
    // not when diagnosing infeasibility (elastic: no costs to bound).
    double spent_s = 0.0;
    if (S >= 2 && in.lambda == 0.0 && !options.elastic) {
        std::vector<std::vector<char>> joined(J, std::vector<char>(S, 0));
        std::size_t services_solved = 0;
        double bound_sum = 0.0;  // Σ_s bound_s ≤ the objective (each service's part is at least its own bound)
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
            bound_sum += cut->bound_yen;
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
            if (plan_is_feasible(mip, joined_start) && (!plan_is_feasible(mip, start) || objective_of(joined_start) < objective_of(start)))
                start = joined_start;
            progress.report(plan_is_feasible(mip, start) ? std::optional<double>(objective_of(start)) : std::nullopt, bound_sum);
        }
    }

    MipOptions opt;
    opt.time_limit_s = options.time_limit_s > 0 ? std::max(1.0, options.time_limit_s - spent_s) : 0.0;
    opt.relative_gap = options.relative_gap;
    opt.progress = &progress;
    opt.start = start;
    MipSolution sol = solve_mip(mip, opt);
    if (sol.status == MipStatus::infeasible) {
        // The diagnosis itself (elastic) has no plan: what is left are the sites' own limits and pins.
        if (options.elastic) throw SolverError(tr("統廃合: 計画がありません", "consolidation: no plan exists"), true);
        explain_infeasible(in, pairs);
    }
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
    out.coverage_by_year = plan_coverage(in, plan, pairs, years);
    for (const auto& by_year : out.coverage_by_year) out.coverage.push_back(*std::min_element(by_year.begin(), by_year.end()));
    out.time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

} // namespace shisetsu::optimize
