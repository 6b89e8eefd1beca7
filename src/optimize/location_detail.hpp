#pragma once
// Internals shared by the location solvers (not part of the public API).
#include "optimize/location.hpp"
#include "optimize/mip.hpp"

#include <chrono>
#include <limits>
#include <vector>

namespace shisetsu::optimize::detail {

constexpr double kUnreachable = std::numeric_limits<double>::infinity();

// The pairs by site (column view of the instance).
struct SiteColumns {
    std::vector<std::size_t> first;   // site j owns [first[j], first[j+1])
    std::vector<int> origin;
    std::vector<double> distance_m;
};
SiteColumns columns_of(const LocationInstance& in);

// Weighted distance if every origin is served by its nearest open site; +inf
// if some origin with weight > 0 has no open listed site.
double pmedian_cost(const LocationInstance& in, const std::vector<char>& is_open);

// Greedy + vertex substitution (Whitaker's fast interchange) for p-median;
// `required` stay open. Returns open flags.
std::vector<char> pmedian_heuristic(const LocationInstance& in, const SiteColumns& cols, int p,
                                    const std::vector<char>& required);
// Vertex substitution from a given plan of p open sites.
std::vector<char> pmedian_interchange(const LocationInstance& in, const SiteColumns& cols, std::vector<char> is_open,
                                      const std::vector<char>& required);

LocationResult solve_pmedian_fast(const LocationInstance& in, const LocationRequest& req,
                                  const std::vector<char>& required);
LocationResult solve_pmedian_textbook(const LocationInstance& in, const LocationRequest& req,
                                      const std::vector<char>& required);
LocationResult solve_mclp(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required);
LocationResult solve_lscp(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required);
LocationResult solve_pcenter(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required);
LocationResult solve_cflp(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required);
LocationResult solve_cflp_textbook(const LocationInstance& in, const LocationRequest& req, const std::vector<char>& required);

// CFLP: Σ f_j over `open` plus the cheapest split assignment to them (the
// transportation LP); +inf when there is none.
double cflp_split_cost(const LocationInstance& in, const LocationRequest& req, const std::vector<int>& open);

// True when every w_i·d_ij is an integer (the optimum is then an integer).
bool integral_costs(const LocationInstance& in);

double seconds_since(std::chrono::steady_clock::time_point t0);

} // namespace shisetsu::optimize::detail
