// Model B's plans (optimization.md "B"): what a site costs under a plan,
// the objective recomputed, every constraint checked, coverage, and the
// instance JSON of `--instance-out`.
#include "optimize/consolidation.hpp"

#include "core/errors.hpp"
#include "core/lang.hpp"
#include "optimize/consolidation_detail.hpp"
#include "optimize/mip.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace shisetsu::optimize {

using json = nlohmann::json;

namespace detail {

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

YearGroups year_groups(const ConsolidationInstance& in) {
    YearGroups g;
    g.of.assign(in.demand_ids.size(), 0);
    if (in.demand_years.empty()) {
        g.years = {0};
        return g;
    }
    std::set<int> distinct(in.demand_years.begin(), in.demand_years.end());
    g.years.assign(distinct.begin(), distinct.end());
    for (std::size_t i = 0; i < in.demand_ids.size(); ++i)
        g.of[i] = static_cast<std::size_t>(std::lower_bound(g.years.begin(), g.years.end(), in.demand_years[i]) - g.years.begin());
    return g;
}

double total_weight(const ConsolidationInstance& in, const YearGroups& years, std::size_t s, std::size_t g) {
    double t = 0.0;
    for (std::size_t i = 0; i < in.weights.size(); ++i)
        if (years.of[i] == g) t += in.weights[i][s];
    return t;
}

bool uses_assignment(const ConsolidationInstance& in, std::size_t s) { return in.lambda > 0 || in.services[s].capacity.has_value(); }

std::vector<std::vector<double>> plan_coverage(const ConsolidationInstance& in, const ConsolidationPlan& plan, const Pairs& pairs,
                                               const YearGroups& years) {
    const std::size_t S = in.services.size(), G = years.size();
    std::vector<std::vector<double>> covered(S, std::vector<double>(G, 0.0));
    std::vector<char> has_assignment(S, 0);
    for (const auto& a : plan.assignment) has_assignment[static_cast<std::size_t>(a.service)] = 1;
    std::map<std::pair<int, int>, double> dist;
    if (!plan.assignment.empty())
        for (const auto& d : in.distances) dist[{d.demand, d.site}] = d.distance_m;
    for (const auto& a : plan.assignment) {
        double d = dist.count({a.demand, a.site}) ? dist[{a.demand, a.site}] : 1e300;
        const auto i = static_cast<std::size_t>(a.demand), s = static_cast<std::size_t>(a.service);
        if (d <= in.services[s].catchment_m) covered[s][years.of[i]] += in.weights[i][s] * a.share;
    }
    for (std::size_t s = 0; s < S; ++s) {
        if (has_assignment[s]) continue;
        for (std::size_t i = 0; i < in.demand_ids.size(); ++i)
            for (const auto& [j, d] : pairs.of[s][i]) {
                if (d > in.services[s].catchment_m) break;
                if (plan.open[static_cast<std::size_t>(j)] && plan.hosts[static_cast<std::size_t>(j)][s]) {
                    covered[s][years.of[i]] += in.weights[i][s];
                    break;
                }
            }
    }
    for (std::size_t s = 0; s < S; ++s)
        for (std::size_t g = 0; g < G; ++g) {
            double t = total_weight(in, years, s, g);
            covered[s][g] = t > 0 ? covered[s][g] / t : 1.0;
        }
    return covered;
}

} // namespace detail

using namespace detail;

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

double vacate_cost_yen(const ConsolidationSite& site, const std::vector<char>& hosted) {
    double v = 0.0;
    for (const auto& h : site.hosts)
        if (h.existing && !hosted[static_cast<std::size_t>(h.service)]) v += h.vacate_cost_yen;
    return v;
}

double site_cost_yen(const ConsolidationSite& site, const std::vector<char>& hosted, bool open, double sigma) {
    return hosting_cost_yen(site, hosted, sigma) + vacate_cost_yen(site, hosted) + (open ? 0.0 : site.closing_cost_yen);
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

double consolidation_objective(const ConsolidationInstance& in, const ConsolidationPlan& plan) {
    const std::size_t S = in.services.size();
    double total = 0.0;
    for (std::size_t j = 0; j < in.sites.size(); ++j) {
        const auto& site = in.sites[j];
        total += site_cost_yen(site, plan.hosts[j], plan.open[j] != 0, in.sigma);
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

std::vector<double> current_coverage(const ConsolidationInstance& in) {
    ConsolidationPlan today;
    today.open.assign(in.sites.size(), 1);
    today.hosts.assign(in.sites.size(), std::vector<char>(in.services.size(), 0));
    for (std::size_t j = 0; j < in.sites.size(); ++j)
        for (const auto& h : in.sites[j].hosts) today.hosts[j][static_cast<std::size_t>(h.service)] = h.existing;
    std::vector<double> out;
    for (const auto& by_year : plan_coverage(in, today, pairs_by_service(in), year_groups(in)))
        out.push_back(*std::min_element(by_year.begin(), by_year.end()));
    return out;
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
        for (const auto& h : site.hosts)
            if (h.pinned && !plan.hosts[j][static_cast<std::size_t>(h.service)])
                out.push_back(site.id + ": pinned service " + in.services[static_cast<std::size_t>(h.service)].key + " left");
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
    const YearGroups years = year_groups(in);
    auto coverage = plan_coverage(in, plan, pairs, years);
    auto in_year = [&](std::size_t g) { return years.size() > 1 ? " (" + std::to_string(years.years[g]) + ")" : std::string(); };
    for (std::size_t s = 0; s < S; ++s)
        for (std::size_t g = 0; g < years.size(); ++g)
            if (coverage[s][g] + 1e-9 < in.services[s].coverage_target)
                out.push_back(in.services[s].key + in_year(g) + ": coverage below the target");
    // Assignment: shares ≤ 1 per demand and service, only to open hosting
    // sites, capacities in every year.
    std::map<std::pair<int, int>, double> share_sum;
    std::map<std::tuple<int, int, std::size_t>, double> load;
    for (const auto& a : plan.assignment) {
        share_sum[{a.demand, a.service}] += a.share;
        if (!plan.open[static_cast<std::size_t>(a.site)] || !plan.hosts[static_cast<std::size_t>(a.site)][static_cast<std::size_t>(a.service)])
            out.push_back(in.sites[static_cast<std::size_t>(a.site)].id + ": demand assigned to a site not hosting the service");
        const auto i = static_cast<std::size_t>(a.demand);
        load[{a.site, a.service, years.of[i]}] += in.weights[i][static_cast<std::size_t>(a.service)] * a.share;
    }
    for (const auto& [k, v] : share_sum)
        if (v > 1 + 1e-6) out.push_back(in.demand_ids[static_cast<std::size_t>(k.first)] + ": assigned more than once");
    for (const auto& [k, v] : load) {
        const auto& cap = in.services[static_cast<std::size_t>(std::get<1>(k))].capacity;
        if (cap && v > *cap + 1e-6) out.push_back(in.sites[static_cast<std::size_t>(std::get<0>(k))].id + in_year(std::get<2>(k)) + ": capacity exceeded");
    }
    return out;
}

void order_as_written(ConsolidationInstance& in) {
    for (auto& site : in.sites)
        std::stable_sort(site.hosts.begin(), site.hosts.end(), [&](const HostOption& a, const HostOption& b) {
            return in.services[static_cast<std::size_t>(a.service)].key < in.services[static_cast<std::size_t>(b.service)].key;
        });
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
        for (const auto& h : site.hosts) {
            json host = {{"area_m2", h.area_m2}, {"cost_yen", h.cost_yen}, {"existing", h.existing}};
            if (h.existing) host["vacate_cost_yen"] = h.vacate_cost_yen;
            host["pinned"] = h.pinned;
            hosts[in.services[static_cast<std::size_t>(h.service)].key] = host;
        }
        sites.push_back({{"id", site.id}, {"keep", site.keep},
                         {"max_floor_area_m2", site.max_floor_area_m2 ? json(*site.max_floor_area_m2) : json(nullptr)},
                         {"closing_cost_yen", site.closing_cost_yen}, {"hosts", hosts}});
    }
    json demand = json::array();
    for (std::size_t i = 0; i < in.demand_ids.size(); ++i) {
        json w = json::object();
        for (std::size_t s = 0; s < in.services.size(); ++s) w[in.services[s].key] = in.weights[i][s];
        json entry = {{"id", in.demand_ids[i]}, {"weights", w}};
        if (!in.demand_years.empty()) entry["year"] = in.demand_years[i];
        demand.push_back(entry);
    }
    json distances = json::array();
    for (const auto& d : in.distances)
        if (d.distance_m <= in.assignment_cutoff_m)
            distances.push_back({in.demand_ids[static_cast<std::size_t>(d.demand)], in.sites[static_cast<std::size_t>(d.site)].id, d.distance_m});
    json parameters = {{"sigma", in.sigma}, {"lambda", in.lambda}, {"assignment_cutoff_m", in.assignment_cutoff_m},
                       {"floor_area_target", in.floor_area_target ? json(*in.floor_area_target) : json(nullptr)},
                       {"current_floor_area_m2", in.current_floor_area_m2},
                       {"close_empty_sites", in.close_empty_sites}};
    // Coverage must hold in each population year of the demand points.
    if (!in.demand_years.empty()) parameters["demand_years"] = year_groups(in).years;
    return {{"model", "consolidation"}, {"parameters", parameters},
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
            for (const auto& [key, h] : s.at("hosts").items()) {
                where = "/sites/" + std::to_string(k - 1) + "/hosts/" + key;
                HostOption o{index_of(service_at, key, tr("機能", "service")), h.at("area_m2").get<double>(), h.at("cost_yen").get<double>(),
                             h.at("existing").get<bool>()};
                o.vacate_cost_yen = o.existing ? h.value("vacate_cost_yen", 0.0) : 0.0;
                o.pinned = h.value("pinned", false);
                site.hosts.push_back(o);
            }
            site_at[site.id] = static_cast<int>(in.sites.size());
            in.sites.push_back(site);
        }
        bool any_year = false;
        for (std::size_t k = 0; const auto& d : j.at("demand")) {
            where = "/demand/" + std::to_string(k++);
            demand_at[d.at("id").get<std::string>()] = static_cast<int>(in.demand_ids.size());
            in.demand_ids.push_back(d.at("id").get<std::string>());
            std::vector<double> w(in.services.size(), 0.0);
            for (const auto& [key, v] : d.at("weights").items())
                w[static_cast<std::size_t>(index_of(service_at, key, tr("機能", "service")))] = v.get<double>();
            in.weights.push_back(w);
            in.demand_years.push_back(d.contains("year") ? d.at("year").get<int>() : 0);
            any_year = any_year || d.contains("year");
        }
        if (!any_year) in.demand_years.clear();
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
