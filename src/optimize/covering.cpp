// Covering presets (optimization.md "B"): MCLP (Church & ReVelle 1974), LSCP
// (Toregas et al. 1971) and p-center. Reductions that keep the answer exact:
// origins with the same covering set are one row (weights summed); a site
// whose covering set is contained in another's is dropped (never needed,
// unless required); p-center is a sequence of set-cover problems over the
// distinct radii, bracketed by a plan from the p-median heuristic and the
// largest nearest-site distance.
#include "core/errors.hpp"
#include "core/lang.hpp"
#include "optimize/location_detail.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

namespace shisetsu::optimize::detail {

namespace {

// Rows: each origin's covering set within a radius (sorted site indices),
// identical sets merged.
struct CoverRows {
    std::vector<std::vector<int>> sets;
    std::vector<double> weight;
    std::vector<int> first_origin;  // an origin of each row (messages)
};

CoverRows cover_rows(const LocationInstance& in, double radius, bool drop_zero_weight) {
    std::map<std::vector<int>, std::size_t> seen;
    CoverRows rows;
    std::vector<int> set;
    for (std::size_t i = 0; i < in.origins.size(); ++i) {
        if (drop_zero_weight && in.weight[i] <= 0) continue;
        set.clear();
        for (std::size_t k = in.first[i]; k < in.first[i + 1] && in.distance_m[k] <= radius; ++k) set.push_back(in.site[k]);
        std::sort(set.begin(), set.end());
        auto [it, added] = seen.try_emplace(set, rows.sets.size());
        if (added) {
            rows.sets.push_back(set);
            rows.weight.push_back(in.weight[i]);
            rows.first_origin.push_back(static_cast<int>(i));
        } else {
            rows.weight[it->second] += in.weight[i];
        }
    }
    return rows;
}

// Sites not dominated: j is dropped when another site covers every row j
// covers (ties: the lower index stays); required sites always stay.
std::vector<char> undominated_sites(std::size_t n, const CoverRows& rows, const std::vector<char>& required) {
    std::vector<std::vector<int>> covers(n);
    for (std::size_t r = 0; r < rows.sets.size(); ++r)
        for (int j : rows.sets[r]) covers[static_cast<std::size_t>(j)].push_back(static_cast<int>(r));
    std::vector<char> keep(n, 1);
    if (n > 3000) return keep;  // quadratic check: only for moderate sizes
    std::vector<std::size_t> by_size(n);
    std::iota(by_size.begin(), by_size.end(), 0);
    for (std::size_t a = 0; a < n; ++a) {
        if (required[a]) continue;
        if (covers[a].empty()) { keep[a] = 0; continue; }
        for (std::size_t b = 0; b < n; ++b) {
            if (a == b || !keep[b] || covers[b].size() < covers[a].size()) continue;
            if (covers[b].size() == covers[a].size() && b > a) continue;  // identical: keep the lower index
            if (std::includes(covers[b].begin(), covers[b].end(), covers[a].begin(), covers[a].end())) { keep[a] = 0; break; }
        }
    }
    return keep;
}

struct CoverSolve {
    MipStatus status = MipStatus::no_solution;
    std::vector<int> open;
    double objective = 0.0, bound = 0.0;
    long rows = 0, cols = 0;
};

// Set cover: fewest sites (required open) covering every row; with
// `at_most`, only plans of ≤ at_most sites are wanted (cut-off).
CoverSolve set_cover(std::size_t n, const CoverRows& rows, const std::vector<char>& required, bool reduce,
                     std::optional<int> at_most, double time_limit_s, const std::string& label) {
    CoverSolve out;
    std::vector<char> keep = reduce ? undominated_sites(n, rows, required) : std::vector<char>(n, 1);
    // Greedy start: the site covering most uncovered rows, then drop redundant ones.
    std::vector<char> covered(rows.sets.size(), 0), is_open(required);
    std::vector<std::vector<int>> covers(n);
    for (std::size_t r = 0; r < rows.sets.size(); ++r)
        for (int j : rows.sets[r]) covers[static_cast<std::size_t>(j)].push_back(static_cast<int>(r));
    for (std::size_t j = 0; j < n; ++j)
        if (is_open[j]) for (int r : covers[j]) covered[static_cast<std::size_t>(r)] = 1;
    while (true) {
        std::size_t best = n, best_count = 0;
        for (std::size_t j = 0; j < n; ++j) {
            if (is_open[j] || !keep[j]) continue;
            std::size_t c = 0;
            for (int r : covers[j]) c += !covered[static_cast<std::size_t>(r)];
            if (c > best_count) { best_count = c; best = j; }
        }
        if (best == n) break;
        is_open[best] = 1;
        for (int r : covers[best]) covered[static_cast<std::size_t>(r)] = 1;
    }
    bool greedy_ok = std::all_of(covered.begin(), covered.end(), [](char c) { return c != 0; });

    MipProblem mip;
    std::vector<int> y(n, -1);
    for (std::size_t j = 0; j < n; ++j)
        if (keep[j]) y[j] = mip.add_col(required[j] ? 1.0 : 0.0, 1.0, 1.0, true);
    std::vector<int> idx;
    std::vector<double> val;
    for (const auto& set : rows.sets) {
        idx.clear(); val.clear();
        for (int j : set)
            if (y[static_cast<std::size_t>(j)] >= 0) { idx.push_back(y[static_cast<std::size_t>(j)]); val.push_back(1.0); }
        if (idx.empty()) { out.status = MipStatus::infeasible; return out; }
        mip.add_row(idx, val, 1.0, kInfinity);
    }
    out.rows = mip.rows();
    out.cols = mip.cols();
    MipOptions opt;
    opt.integral_objective = true;
    opt.time_limit_s = time_limit_s;
    opt.progress_label = label;
    if (at_most) opt.cutoff = *at_most + 0.5;
    if (greedy_ok) {
        opt.start.assign(static_cast<std::size_t>(mip.cols()), 0.0);
        for (std::size_t j = 0; j < n; ++j)
            if (y[j] >= 0 && is_open[j]) opt.start[static_cast<std::size_t>(y[j])] = 1.0;
    }
    MipSolution sol = solve_mip(mip, opt);
    out.status = sol.status;
    out.bound = sol.bound;
    if (sol.has_plan()) {
        out.objective = sol.objective;
        for (std::size_t j = 0; j < n; ++j)
            if (y[j] >= 0 && sol.values[static_cast<std::size_t>(y[j])] > 0.5) out.open.push_back(static_cast<int>(j));
    }
    return out;
}

std::string origin_without_cover(const LocationInstance& in, double radius) {
    for (std::size_t i = 0; i < in.origins.size(); ++i) {
        if (in.weight[i] <= 0) continue;
        if (in.first[i] == in.first[i + 1] || in.distance_m[in.first[i]] > radius) return in.origins[i];
    }
    return {};
}

} // namespace

LocationResult solve_lscp(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required) {
    std::string lonely = origin_without_cover(in, req.catchment_m);
    if (!lonely.empty())
        throw SolverError(std::string(tr("LSCP: 需要点 ", "LSCP: origin ")) + lonely +
                          tr(" は圏域内に候補地がなく、全需要を覆う配置はありません", " has no candidate site within the catchment; no plan covers all demand"), true);
    CoverRows rows = cover_rows(in, req.catchment_m, true);
    CoverSolve s = set_cover(in.sites.size(), rows, required, !req.textbook, std::nullopt, req.time_limit_s, req.progress_label);
    if (s.status == MipStatus::infeasible) throw SolverError(tr("LSCP: 全需要を覆う配置はありません", "LSCP: no plan covers all demand"), true);
    if (s.status == MipStatus::no_solution) throw SolverError(tr("LSCP: 制限時間内に配置が見つかりませんでした", "LSCP: no plan found within the time limit"));
    LocationResult r;
    r.method = req.textbook ? "textbook_milp" : "aggregated_rows+dominance+greedy_start+milp";
    r.open = s.open;
    r.objective = s.objective;
    r.bound = s.bound;
    r.status = status_name(s.status);
    r.milp_rows = s.rows;
    r.milp_cols = s.cols;
    return r;
}

LocationResult solve_mclp(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required) {
    const std::size_t n = in.sites.size();
    CoverRows rows = cover_rows(in, req.catchment_m, true);
    std::vector<char> keep = req.textbook ? std::vector<char>(n, 1) : undominated_sites(n, rows, required);
    MipProblem mip;
    std::vector<int> y(n, -1);
    for (std::size_t j = 0; j < n; ++j)
        if (keep[j]) y[j] = mip.add_col(required[j] ? 1.0 : 0.0, 1.0, 0.0, true);
    std::vector<int> v(rows.sets.size(), -1);
    std::vector<int> idx;
    std::vector<double> val;
    double always = 0.0;
    for (std::size_t r = 0; r < rows.sets.size(); ++r) {
        idx.clear(); val.clear();
        for (int j : rows.sets[r])
            if (y[static_cast<std::size_t>(j)] >= 0) { idx.push_back(y[static_cast<std::size_t>(j)]); val.push_back(-1.0); }
        if (idx.empty() || rows.weight[r] <= 0) continue;  // never coverable, or weightless
        v[r] = mip.add_col(0.0, 1.0, -rows.weight[r], false);  // maximise covered weight
        idx.push_back(v[r]); val.push_back(1.0);
        mip.add_row(idx, val, -kInfinity, 0.0);
    }
    (void)always;
    // Σ y ≤ p: covered weight never falls when a site is added, so the
    // optimum equals that of Σ y = p; the plan is filled up to p below.
    idx.clear(); val.clear();
    for (std::size_t j = 0; j < n; ++j)
        if (y[j] >= 0) { idx.push_back(y[j]); val.push_back(1.0); }
    mip.add_row(idx, val, -kInfinity, req.p);

    // Greedy start: p times the site adding most uncovered weight.
    std::vector<char> covered(rows.sets.size(), 0), is_open(n, 0);
    std::vector<std::vector<int>> covers(n);
    for (std::size_t r = 0; r < rows.sets.size(); ++r)
        for (int j : rows.sets[r]) covers[static_cast<std::size_t>(j)].push_back(static_cast<int>(r));
    int count = 0;
    for (std::size_t j = 0; j < n; ++j)
        if (required[j] && keep[j]) { is_open[j] = 1; ++count; for (int r : covers[j]) covered[static_cast<std::size_t>(r)] = 1; }
    while (count < req.p) {
        std::size_t best = n;
        double best_gain = -1.0;
        for (std::size_t j = 0; j < n; ++j) {
            if (is_open[j] || !keep[j]) continue;
            double g = 0.0;
            for (int r : covers[j]) if (!covered[static_cast<std::size_t>(r)]) g += rows.weight[static_cast<std::size_t>(r)];
            if (g > best_gain) { best_gain = g; best = j; }
        }
        if (best == n) break;
        is_open[best] = 1;
        ++count;
        for (int r : covers[best]) covered[static_cast<std::size_t>(r)] = 1;
    }
    MipOptions opt;
    opt.time_limit_s = req.time_limit_s;
    opt.progress_label = req.progress_label;
    opt.integral_objective = std::all_of(rows.weight.begin(), rows.weight.end(), [](double w) { return std::abs(w - std::round(w)) < 1e-9; });
    if (!req.textbook) {
        opt.start.assign(static_cast<std::size_t>(mip.cols()), 0.0);
        for (std::size_t j = 0; j < n; ++j) if (y[j] >= 0 && is_open[j]) opt.start[static_cast<std::size_t>(y[j])] = 1.0;
        for (std::size_t r = 0; r < rows.sets.size(); ++r) if (v[r] >= 0 && covered[r]) opt.start[static_cast<std::size_t>(v[r])] = 1.0;
    }
    MipSolution sol = solve_mip(mip, opt);
    if (!sol.has_plan()) throw SolverError(tr("MCLP: 制限時間内に配置が見つかりませんでした", "MCLP: no plan found within the time limit"));
    LocationResult r;
    r.method = req.textbook ? "textbook_milp" : "aggregated_rows+dominance+greedy_start+milp";
    std::vector<char> chosen(n, 0);
    int opened = 0;
    for (std::size_t j = 0; j < n; ++j)
        if (y[j] >= 0 && sol.values[static_cast<std::size_t>(y[j])] > 0.5) { chosen[j] = 1; ++opened; }
    for (std::size_t j = 0; j < n && opened < req.p; ++j)
        if (!chosen[j]) { chosen[j] = 1; ++opened; }  // fill up to p: coverage cannot fall
    for (std::size_t j = 0; j < n; ++j) if (chosen[j]) r.open.push_back(static_cast<int>(j));
    r.objective = location_objective(in, req, r.open);
    r.bound = std::max(r.objective, -sol.bound);
    r.status = status_name(sol.status);
    r.milp_rows = mip.rows();
    r.milp_cols = mip.cols();
    return r;
}

LocationResult solve_pcenter(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required) {
    auto t0 = std::chrono::steady_clock::now();
    LocationResult r;
    r.method = "radius_search+set_cover";
    std::string lonely = origin_without_cover(in, kUnreachable);
    if (!lonely.empty())
        throw SolverError(std::string(tr("p-center: 需要点 ", "p-center: origin ")) + lonely + tr(" に使える組がありません", " has no usable pair"), true);
    // Lower end: every origin is at least its nearest site away.
    double lo = 0.0;
    for (std::size_t i = 0; i < in.origins.size(); ++i)
        if (in.weight[i] > 0) lo = std::max(lo, in.distance_m[in.first[i]]);
    // Upper end: a p-median plan (greedy + substitution) and its largest distance.
    SiteColumns cols = columns_of(in);
    std::vector<char> plan = pmedian_heuristic(in, cols, req.p, required);
    std::vector<int> best_open;
    for (std::size_t j = 0; j < plan.size(); ++j) if (plan[j]) best_open.push_back(static_cast<int>(j));
    double hi = location_objective(in, req, best_open);
    r.heuristic_objective = hi;
    if (hi == kUnreachable) {
        // The heuristic left someone unserved: is there any p-plan at all?
        double widest = *std::max_element(in.distance_m.begin(), in.distance_m.end());
        CoverSolve s = set_cover(in.sites.size(), cover_rows(in, widest, true), required, true, req.p, req.time_limit_s, req.progress_label);
        if (s.open.empty() || s.open.size() > static_cast<std::size_t>(req.p)) {
            if (s.status == MipStatus::no_solution || s.status == MipStatus::feasible)
                throw SolverError(tr("p-center: 制限時間内に配置が見つかりませんでした", "p-center: no plan found within the time limit"));
            throw SolverError(tr("p-center: p 箇所ではすべての需要点に届きません (実行可能な配置がありません)",
                                 "p-center: no p sites reach every origin (no feasible plan)"), true);
        }
        best_open = s.open;
        hi = location_objective(in, req, best_open);
    }
    std::vector<double> radii;
    for (double d : in.distance_m) if (d >= lo && d <= hi) radii.push_back(d);
    std::sort(radii.begin(), radii.end());
    radii.erase(std::unique(radii.begin(), radii.end()), radii.end());
    if (radii.empty() || radii.back() < hi) radii.push_back(hi);
    // Invariant: radii[a] is a true lower bound, radii[b] is achieved (b = last when hi is unproven).
    std::size_t a = 0, b = radii.size() - 1;
    bool timed_out = false;
    while (a < b) {
        std::size_t mid = (a + b) / 2;
        double remaining = req.time_limit_s > 0 ? req.time_limit_s - seconds_since(t0) : 0.0;
        if (req.time_limit_s > 0 && remaining <= 0.05) { timed_out = true; break; }
        CoverRows rows = cover_rows(in, radii[mid], true);
        CoverSolve s = set_cover(in.sites.size(), rows, required, true, req.p, remaining, req.progress_label);
        bool achieved = s.status != MipStatus::infeasible && !s.open.empty() && s.open.size() <= static_cast<std::size_t>(req.p);
        bool impossible = s.status == MipStatus::infeasible || (!achieved && s.bound > req.p + 1e-9) ||
                          (!achieved && s.status == MipStatus::optimal);
        if (achieved) {
            b = mid;
            best_open = s.open;
        } else if (impossible) {
            a = mid + 1;
        } else {
            timed_out = true;  // undecided within the time limit
            break;
        }
    }
    // Fill up to p sites (distances never grow when a site is added).
    std::vector<char> chosen(in.sites.size(), 0);
    for (int j : best_open) chosen[static_cast<std::size_t>(j)] = 1;
    int count = static_cast<int>(best_open.size());
    for (std::size_t j = 0; j < chosen.size() && count < req.p; ++j)
        if (!chosen[j]) { chosen[j] = 1; ++count; best_open.push_back(static_cast<int>(j)); }
    r.open = best_open;
    r.objective = location_objective(in, req, r.open);
    r.bound = std::min(r.objective, radii[a]);
    r.status = (!timed_out && relative_gap(r.objective, r.bound) <= 1e-9) ? "optimal" : "feasible";
    return r;
}

} // namespace shisetsu::optimize::detail
