// Location presets (optimization.md "B", classic models): reading OD tables,
// dispatch, the objective recomputed from a plan, and the JSON result.
#include "optimize/location.hpp"

#include "core/errors.hpp"
#include "core/files.hpp"
#include "core/lang.hpp"
#include "core/output_file.hpp"
#include "core/text.hpp"
#include "gisio/table_reader.hpp"
#include "optimize/location_detail.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace shisetsu::optimize {

namespace {

// Rows of a table (OD or weights: CSV in UTF-8 or CP932, or any table GDAL
// reads) with a header naming `columns` (in any order); each row's cells in
// that order, with the row number the user sees (header = row 1).
template <typename Row>
void read_table(const std::string& path, const std::vector<std::string>& columns, Row&& on_row) {
    gis::ReadOptions options;
    options.path = path;
    gis::TableReader reader(options);
    const auto& header = reader.columns();
    std::vector<std::size_t> at;
    std::vector<InputProblem> problems;
    for (const auto& c : columns) {
        auto it = std::find(header.begin(), header.end(), c);
        if (it == header.end()) problems.push_back({path, 1, c, std::string(tr("列がありません (必要な列: ", "column missing (required: ")) + [&] {
                std::string s;
                for (const auto& x : columns) s += (s.empty() ? "" : ",") + x;
                return s;
            }() + ")"});
        else at.push_back(static_cast<std::size_t>(it - header.begin()));
    }
    if (!problems.empty()) throw InputError(problems);
    gis::TableRow row;
    std::vector<std::string> cells;
    while (reader.next(row)) {
        cells.clear();
        bool blank = true;
        for (std::size_t k : at) {
            cells.push_back(k < row.values.size() ? text::trim(row.values[k].value_or("")) : std::string());
            blank = blank && cells.back().empty();
        }
        if (blank) continue;
        on_row(row.row, cells, problems);
        if (problems.size() >= 50) break;
    }
    if (!problems.empty()) throw InputError(problems);
}

std::optional<double> parse_number(const std::string& s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

} // namespace

std::vector<OdEntry> read_od_csv(const std::string& path) {
    std::vector<OdEntry> out;
    read_table(path, {"origin_id", "destination_id", "distance_m"},
             [&](long row, const std::vector<std::string>& c, std::vector<InputProblem>& problems) {
                 auto d = parse_number(c[2]);
                 if (c[0].empty()) problems.push_back({path, row, "origin_id", tr("空です", "empty")});
                 else if (c[1].empty()) problems.push_back({path, row, "destination_id", tr("空です", "empty")});
                 else if (!d || *d < 0)
                     problems.push_back({path, row, "distance_m", std::string(tr("0 以上の数値が必要です: ", "a number ≥ 0 is required: ")) + c[2]});
                 else out.push_back({c[0], c[1], *d, row});
             });
    if (out.empty()) throw InputError(std::vector<InputProblem>{{path, 0, "", tr("組がありません", "no pairs")}});
    return out;
}

std::vector<std::pair<std::string, double>> read_weights_csv(const std::string& path, std::vector<long>* rows) {
    std::vector<std::pair<std::string, double>> out;
    read_table(path, {"origin_id", "weight"}, [&](long row, const std::vector<std::string>& c, std::vector<InputProblem>& problems) {
        auto w = parse_number(c[1]);
        if (c[0].empty()) problems.push_back({path, row, "origin_id", tr("空です", "empty")});
        else if (!w || *w < 0) problems.push_back({path, row, "weight", std::string(tr("0 以上の数値が必要です: ", "a number ≥ 0 is required: ")) + c[1]});
        else {
            out.emplace_back(c[0], *w);
            if (rows) rows->push_back(row);
        }
    });
    return out;
}

std::vector<SiteTerms> read_sites_csv(const std::string& path, std::optional<double> default_capacity) {
    std::vector<SiteTerms> out;
    std::unordered_map<std::string, long> seen;
    read_table(path, {"site_id", "fixed_cost", "capacity"}, [&](long row, const std::vector<std::string>& c, std::vector<InputProblem>& problems) {
        auto f = parse_number(c[1]);
        auto q = parse_number(c[2]);
        std::size_t before = problems.size();
        if (c[0].empty()) problems.push_back({path, row, "site_id", tr("空です", "empty")});
        else if (auto [it, added] = seen.emplace(c[0], row); !added)
            problems.push_back({path, row, "site_id", std::string(tr("同じ施設が ", "the same site is already on row ")) + std::to_string(it->second) + tr(" 行目にもあります", "")});
        if (c[1].empty()) problems.push_back({path, row, "fixed_cost", tr("固定費がありません", "no fixed cost")});
        else if (!f || *f < 0) problems.push_back({path, row, "fixed_cost", std::string(tr("0 以上の数値が必要です: ", "a number ≥ 0 is required: ")) + c[1]});
        if (c[2].empty() && default_capacity) q = *default_capacity;
        else if (c[2].empty()) problems.push_back({path, row, "capacity", tr("容量がありません", "no capacity")});
        else if (!q || *q <= 0) problems.push_back({path, row, "capacity", std::string(tr("正の数値が必要です: ", "a number > 0 is required: ")) + c[2]});
        if (problems.size() == before) out.push_back({c[0], *f, *q, row});
    });
    if (out.empty()) throw InputError(std::vector<InputProblem>{{path, 0, "", tr("施設がありません", "no sites")}});
    return out;
}

void attach_sites(const LocationInstance& in, const std::vector<OdEntry>& pairs,
                  const std::vector<std::pair<std::string, double>>* weights, const std::vector<SiteTerms>& sites,
                  const CflpFiles& files, LocationRequest& req) {
    std::unordered_map<std::string, const SiteTerms*> by_id;
    for (const auto& s : sites) by_id.emplace(s.site_id, &s);
    std::vector<InputProblem> problems;
    req.fixed_cost.assign(in.sites.size(), 0.0);
    req.capacity.assign(in.sites.size(), 0.0);
    std::vector<char> missing(in.sites.size(), 0);
    for (std::size_t j = 0; j < in.sites.size(); ++j) {
        auto it = by_id.find(in.sites[j]);
        if (it == by_id.end()) { missing[j] = 1; continue; }
        req.fixed_cost[j] = it->second->fixed_cost;
        req.capacity[j] = it->second->capacity;
    }
    // A destination without terms: named at its first row of the OD table.
    std::unordered_map<std::string, int> site_at;
    for (std::size_t j = 0; j < in.sites.size(); ++j) site_at.emplace(in.sites[j], static_cast<int>(j));
    for (const auto& s : sites)
        if (!site_at.count(s.site_id))
            problems.push_back({files.sites, s.row, "site_id",
                                std::string(tr("施設 ", "site ")) + s.site_id +
                                    (files.od.empty() ? tr(" はこの機能の施設でも候補地でもありません", " is neither a facility of this service nor a candidate site")
                                                      : std::string(tr(" は ", " is not a destination of ")) + files.od + tr(" の行き先にありません", ""))});
    for (const auto& e : pairs) {
        auto j = static_cast<std::size_t>(site_at.at(e.destination_id));
        if (!missing[j]) continue;
        missing[j] = 0;
        const std::string what = std::string(tr("施設 ", "site ")) + e.destination_id + tr(" の固定費と容量が ", " has no fixed cost and capacity in ") +
                                 files.sites + tr(" にありません", "");
        if (files.od.empty()) problems.push_back({files.sites, 0, "", what});
        else problems.push_back({files.od, e.row, "destination_id", what});
    }
    // An origin with demand needs a usable site (single source: one that can hold all of it).
    std::unordered_map<std::string, long> weight_row;  // the last row of an origin is the one that counts
    if (weights)
        for (std::size_t r = 0; r < weights->size(); ++r)
            weight_row[(*weights)[r].first] = r < files.demand_rows.size() ? files.demand_rows[r] : 0;
    std::unordered_map<std::string, long> first_od_row;
    for (const auto& e : pairs) first_od_row.emplace(e.origin_id, e.row);
    for (std::size_t i = 0; i < in.origins.size(); ++i) {
        if (in.weight[i] <= 0) continue;  // nothing to serve
        bool usable = false;
        for (std::size_t k = in.first[i]; k < in.first[i + 1] && !usable; ++k)
            usable = !req.single_source || in.weight[i] <= req.capacity[static_cast<std::size_t>(in.site[k])];
        if (usable) continue;
        bool listed = in.first[i + 1] > in.first[i];
        std::ostringstream demand;
        demand << in.weight[i];
        std::string what = listed ? std::string(tr("どの施設の容量にも需要 ", "no site it can reach has the capacity for its whole demand ")) +
                                        demand.str() + tr(" が収まりません (--single-source)", " (--single-source)")
                                  : std::string(tr("使える施設がありません (", "has no usable site (no pair in ")) + files.od + tr(" に組がありません)", ")");
        auto wr = weight_row.find(in.origins[i]);
        if (!files.demand.empty() && wr != weight_row.end())
            problems.push_back({files.demand, wr->second, "origin_id", std::string(tr("需要点 ", "origin ")) + in.origins[i] + ": " + what});
        else
            problems.push_back({files.od, first_od_row.count(in.origins[i]) ? first_od_row[in.origins[i]] : 0, "origin_id",
                                std::string(tr("需要点 ", "origin ")) + in.origins[i] + ": " + what});
    }
    if (!problems.empty()) throw InputError(problems);
}

void write_od_csv(const LocationInstance& in, const std::string& path) {
    OutputFile file(path);
    std::ostream& out = file.stream();
    out.precision(17);
    out << "origin_id,destination_id,distance_m\n";
    for (std::size_t i = 0; i < in.origins.size(); ++i)
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
            out << text::csv_field(in.origins[i]) << ',' << text::csv_field(in.sites[static_cast<std::size_t>(in.site[k])]) << ',' << in.distance_m[k] << '\n';
    file.commit();
}

void write_weights_csv(const LocationInstance& in, const std::string& path) {
    OutputFile file(path);
    std::ostream& out = file.stream();
    out.precision(17);
    out << "origin_id,weight\n";
    for (std::size_t i = 0; i < in.origins.size(); ++i) out << text::csv_field(in.origins[i]) << ',' << in.weight[i] << '\n';
    file.commit();
}

std::vector<std::string> read_id_list(const std::string& path) {
    const std::string bytes = read_text_file(path);
    std::vector<std::string> out;
    std::string_view rest = text::strip_bom(bytes);
    while (!rest.empty()) {
        auto end = rest.find('\n');
        for (auto& id : text::split_list(rest.substr(0, end), ",\r")) out.push_back(std::move(id));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    return out;
}

LocationInstance make_instance(const std::vector<OdEntry>& pairs, const std::vector<std::pair<std::string, double>>* weights,
                               const std::string& weights_file, const std::vector<long>* weight_rows) {
    if (weights) {
        // A weight for an origin the OD table does not have is a typo, not a
        // demand no site can serve (that was an infeasible plan, exit 3).
        std::unordered_set<std::string> origins;
        for (const auto& e : pairs) origins.insert(e.origin_id);
        std::vector<InputProblem> problems;
        for (std::size_t r = 0; r < weights->size(); ++r)
            if (const std::string& id = (*weights)[r].first; !origins.contains(id))
                problems.push_back({weights_file, weight_rows && r < weight_rows->size() ? (*weight_rows)[r] : 0, "origin_id",
                                    std::string(tr("OD 表にない需要点です: ", "not an origin of the OD table: ")) + id});
        if (!problems.empty()) throw InputError(std::move(problems));
    }
    LocationInstance in;
    std::unordered_map<std::string, int> origin_at, site_at;
    auto origin_index = [&](const std::string& id) {
        auto [it, added] = origin_at.try_emplace(id, static_cast<int>(in.origins.size()));
        if (added) {
            in.origins.push_back(id);
            in.weight.push_back(weights ? 0.0 : 1.0);
        }
        return it->second;
    };
    if (weights) {
        for (const auto& [id, w] : *weights) in.weight[static_cast<std::size_t>(origin_index(id))] = w;
    }
    std::vector<std::unordered_map<int, double>> by_origin;
    for (const auto& e : pairs) {
        int i = origin_index(e.origin_id);
        auto [it, added] = site_at.try_emplace(e.destination_id, static_cast<int>(in.sites.size()));
        if (added) in.sites.push_back(e.destination_id);
        if (by_origin.size() < in.origins.size()) by_origin.resize(in.origins.size());
        by_origin[static_cast<std::size_t>(i)][it->second] = e.distance_m;  // the last one wins
    }
    by_origin.resize(in.origins.size());
    std::vector<std::pair<double, int>> row;
    for (const auto& m : by_origin) {
        row.clear();
        for (const auto& [j, d] : m) row.emplace_back(d, j);
        std::sort(row.begin(), row.end());
        for (const auto& [d, j] : row) {
            in.site.push_back(j);
            in.distance_m.push_back(d);
        }
        in.first.push_back(in.site.size());
    }
    return in;
}

LocationModel parse_location_model(const std::string& name) {
    if (name == "p-median") return LocationModel::p_median;
    if (name == "mclp") return LocationModel::mclp;
    if (name == "lscp") return LocationModel::lscp;
    if (name == "p-center") return LocationModel::p_center;
    if (name == "cflp") return LocationModel::cflp;
    throw UsageError(std::string(tr("不明なモデル: ", "unknown model: ")) + name + " (p-median | mclp | lscp | p-center | cflp)");
}

const char* model_name(LocationModel model) noexcept {
    switch (model) {
    case LocationModel::p_median: return "p-median";
    case LocationModel::mclp: return "mclp";
    case LocationModel::lscp: return "lscp";
    case LocationModel::p_center: return "p-center";
    case LocationModel::cflp: return "cflp";
    }
    return "";
}

namespace detail {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

SiteColumns columns_of(const LocationInstance& in) {
    SiteColumns c;
    c.first.assign(in.sites.size() + 1, 0);
    for (int j : in.site) ++c.first[static_cast<std::size_t>(j) + 1];
    for (std::size_t j = 0; j < in.sites.size(); ++j) c.first[j + 1] += c.first[j];
    c.origin.resize(in.site.size());
    c.distance_m.resize(in.site.size());
    std::vector<std::size_t> fill(c.first.begin(), c.first.end() - 1);
    for (std::size_t i = 0; i < in.origins.size(); ++i)
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k) {
            auto at = fill[static_cast<std::size_t>(in.site[k])]++;
            c.origin[at] = static_cast<int>(i);
            c.distance_m[at] = in.distance_m[k];
        }
    return c;
}

double pmedian_cost(const LocationInstance& in, const std::vector<char>& is_open) {
    double total = 0.0;
    for (std::size_t i = 0; i < in.origins.size(); ++i) {
        if (in.weight[i] <= 0) continue;
        double best = kUnreachable;
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
            if (is_open[static_cast<std::size_t>(in.site[k])]) { best = in.distance_m[k]; break; }
        if (best == kUnreachable) return kUnreachable;
        total += in.weight[i] * best;
    }
    return total;
}

bool integral_costs(const LocationInstance& in) {
    for (std::size_t i = 0; i < in.origins.size(); ++i)
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k) {
            double c = in.weight[i] * in.distance_m[k];
            if (std::abs(c - std::round(c)) > 1e-9) return false;
        }
    return true;
}

} // namespace detail

double location_objective(const LocationInstance& in, const LocationRequest& req, const std::vector<int>& open) {
    std::vector<char> is_open(in.sites.size(), 0);
    for (int j : open) is_open[static_cast<std::size_t>(j)] = 1;
    switch (req.model) {
    case LocationModel::p_median: return detail::pmedian_cost(in, is_open);
    case LocationModel::mclp: {
        double covered = 0.0;
        for (std::size_t i = 0; i < in.origins.size(); ++i)
            for (std::size_t k = in.first[i]; k < in.first[i + 1] && in.distance_m[k] <= req.catchment_m; ++k)
                if (is_open[static_cast<std::size_t>(in.site[k])]) { covered += in.weight[i]; break; }
        return covered;
    }
    case LocationModel::lscp: {
        for (std::size_t i = 0; i < in.origins.size(); ++i) {
            if (in.weight[i] <= 0) continue;
            bool covered = false;
            for (std::size_t k = in.first[i]; k < in.first[i + 1] && in.distance_m[k] <= req.catchment_m; ++k)
                if (is_open[static_cast<std::size_t>(in.site[k])]) { covered = true; break; }
            if (!covered) return detail::kUnreachable;
        }
        return static_cast<double>(open.size());
    }
    case LocationModel::p_center: {
        double worst = 0.0;
        for (std::size_t i = 0; i < in.origins.size(); ++i) {
            if (in.weight[i] <= 0) continue;
            double best = detail::kUnreachable;
            for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
                if (is_open[static_cast<std::size_t>(in.site[k])]) { best = in.distance_m[k]; break; }
            worst = std::max(worst, best);
        }
        return worst;
    }
    case LocationModel::cflp: return detail::cflp_split_cost(in, req, open);
    }
    return 0.0;
}

double cflp_plan_cost(const LocationInstance& in, const LocationRequest& req, const std::vector<int>& open,
                      const std::vector<LocationResult::Share>& shares) {
    double total = 0.0;
    for (int j : open) total += req.fixed_cost[static_cast<std::size_t>(j)];
    for (const auto& s : shares) {
        auto i = static_cast<std::size_t>(s.origin);
        for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
            if (in.site[k] == s.site) total += in.distance_m[k] * s.share;
    }
    return total;
}

LocationResult solve_location(const LocationInstance& in, const LocationRequest& req) {
    auto t0 = std::chrono::steady_clock::now();
    if (in.sites.empty() || in.origins.empty()) throw InputError(tr("OD 表に組がありません", "the OD table has no pairs"));
    std::vector<char> required(in.sites.size(), 0);
    int required_count = 0;
    {
        std::unordered_map<std::string, int> at;
        for (std::size_t j = 0; j < in.sites.size(); ++j) at.emplace(in.sites[j], static_cast<int>(j));
        std::vector<InputProblem> problems;
        for (const auto& id : req.required) {
            auto it = at.find(id);
            if (it == at.end()) problems.push_back({"", 0, "", std::string(tr("必須の施設が OD 表の行き先にありません: ", "required site is not a destination of the OD table: ")) + id});
            else if (!required[static_cast<std::size_t>(it->second)]) { required[static_cast<std::size_t>(it->second)] = 1; ++required_count; }
        }
        if (!problems.empty()) throw InputError(problems);
    }
    const bool cflp = req.model == LocationModel::cflp;
    bool needs_p = req.model != LocationModel::lscp && !(cflp && req.p == 0);
    if (cflp && (req.fixed_cost.size() != in.sites.size() || req.capacity.size() != in.sites.size()))
        throw InputError(tr("cflp: 各施設の固定費と容量が必要です (--sites)", "cflp: every site needs a fixed cost and a capacity (--sites)"));
    if (needs_p && (req.p < 1 || req.p > static_cast<int>(in.sites.size())))
        throw InputError(std::string(tr("p は 1 から候補地の数 (", "p must be between 1 and the number of candidate sites (")) +
                         std::to_string(in.sites.size()) + tr(") の間で指定してください", ")"));
    if (needs_p && required_count > req.p)
        throw SolverError(std::string(tr("必須の施設 (", "the required sites (")) + std::to_string(required_count) +
                          tr(") が p を超えています", ") are more than p"), true);
    if ((req.model == LocationModel::mclp || req.model == LocationModel::lscp) && !(req.catchment_m > 0))
        throw InputError(tr("--catchment (m) が必要です", "--catchment (m) is required"));
    if (!req.capacity.empty() && req.model != LocationModel::p_median && !cflp)
        throw InputError(tr("容量は p-median と cflp だけで使えます", "capacities apply to p-median and cflp only"));

    LocationResult r;
    switch (req.model) {
    case LocationModel::p_median:
        r = (req.textbook || !req.capacity.empty()) ? detail::solve_pmedian_textbook(in, req, required)
                                                    : detail::solve_pmedian_fast(in, req, required);
        break;
    case LocationModel::mclp: r = detail::solve_mclp(in, req, required); break;
    case LocationModel::lscp: r = detail::solve_lscp(in, req, required); break;
    case LocationModel::p_center: r = detail::solve_pcenter(in, req, required); break;
    case LocationModel::cflp:
        r = req.textbook ? detail::solve_cflp_textbook(in, req, required) : detail::solve_cflp(in, req, required);
        break;
    }
    r.model = req.model;
    r.p = req.model == LocationModel::lscp || (cflp && req.p == 0) ? static_cast<int>(r.open.size()) : req.p;
    r.catchment_m = req.catchment_m;
    std::sort(r.open.begin(), r.open.end());
    if (cflp) {
        r.single_source = req.single_source;
        // The objective's parts, from the plan itself.
        r.fixed_cost = 0.0;
        for (int j : r.open) r.fixed_cost += req.fixed_cost[static_cast<std::size_t>(j)];
        r.assignment_cost = cflp_plan_cost(in, req, {}, r.shares);
        std::sort(r.shares.begin(), r.shares.end(), [](const auto& a, const auto& b) { return std::pair(a.origin, a.site) < std::pair(b.origin, b.site); });
    }
    // Each origin to its nearest open site among its listed pairs.
    if (r.assignment.empty() && !cflp) {
        std::vector<char> is_open(in.sites.size(), 0);
        for (int j : r.open) is_open[static_cast<std::size_t>(j)] = 1;
        for (std::size_t i = 0; i < in.origins.size(); ++i)
            for (std::size_t k = in.first[i]; k < in.first[i + 1]; ++k)
                if (is_open[static_cast<std::size_t>(in.site[k])]) {
                    r.assignment.emplace_back(static_cast<int>(i), in.site[k]);
                    break;
                }
    }
    // MCLP maximises: its bound is an upper bound.
    r.gap = req.model == LocationModel::mclp ? relative_gap(r.bound, r.objective) * std::abs(r.bound) / std::max(std::abs(r.objective), 1e-9)
                                             : relative_gap(r.objective, r.bound);
    if (r.gap <= 1e-9) { r.gap = 0.0; r.status = "optimal"; }
    else if (r.status == "optimal") r.status = "feasible";
    r.time_s = detail::seconds_since(t0);
    return r;
}

nlohmann::json to_json(const LocationInstance& in, const LocationResult& r) {
    nlohmann::json open = nlohmann::json::array();
    for (int j : r.open) open.push_back(in.sites[static_cast<std::size_t>(j)]);
    nlohmann::json assignment = nlohmann::json::array();
    for (const auto& [i, j] : r.assignment)
        assignment.push_back({in.origins[static_cast<std::size_t>(i)], in.sites[static_cast<std::size_t>(j)]});
    for (const auto& s : r.shares)
        assignment.push_back({in.origins[static_cast<std::size_t>(s.origin)], in.sites[static_cast<std::size_t>(s.site)], s.share});
    nlohmann::json out = {{"model", model_name(r.model)}, {"p", r.p}, {"objective", r.objective}, {"bound", r.bound},
                          {"gap", r.gap}, {"status", r.status}, {"open", open}, {"time_s", r.time_s},
                          {"assignment", assignment}};
    if (r.model == LocationModel::mclp || r.model == LocationModel::lscp) out["catchment_m"] = r.catchment_m;
    if (r.model == LocationModel::cflp) {
        out["single_source"] = r.single_source;
        out["fixed_cost"] = r.fixed_cost;
        out["assignment_cost"] = r.assignment_cost;
    }
    out["method"] = {{"name", r.method}, {"heuristic_objective", r.heuristic_objective},
                     {"lagrangian_bound", r.lagrangian_bound}, {"fixed_open", r.fixed_open},
                     {"fixed_closed", r.fixed_closed}, {"milp_rows", r.milp_rows}, {"milp_cols", r.milp_cols},
                     {"heuristic_s", r.heuristic_s}, {"lagrangian_s", r.lagrangian_s}, {"milp_s", r.milp_s},
                     {"lagrangian_iterations", r.lagrangian_iterations}, {"branch_and_bound_nodes", r.bb_nodes}};
    return out;
}

} // namespace shisetsu::optimize
