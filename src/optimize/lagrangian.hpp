#pragma once
// The subgradient search for a Lagrangian dual, shared by the location
// solvers (p-median, capacitated location): the relaxed rows are "≥ 1"
// covering rows, so the multipliers stay ≥ 0; the step is Polyak's,
// θ·(U − L)/‖g‖², with θ halved after `patience` iterations without a better
// bound. What L(λ) is, what a plan is and when a bound proves enough is the
// caller's.
#include "optimize/location_detail.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

namespace shisetsu::optimize::detail {

struct SubgradientSettings {
    double theta = 2.0;              // step factor at the start
    int patience = 30;               // halve θ after this many iterations without a better bound
    double min_theta = 1e-5;         // stop once θ falls below this
    int max_iterations = 50000;
    double time_budget_s = 1e18;
    int primal_every = 0;            // call `primal` every this many iterations (0 = never)
    bool primal_when_improved = true;  // … and only when the bound rose since the last call
    bool primal_at_start = false;    // … and at the first iteration too
};

struct SubgradientOutcome {
    double bound = -kUnreachable;    // the best L(λ) seen
    std::vector<double> lambda;      // the multipliers that gave it
    int iterations = 0;
};

// Maximises L(λ) over λ ≥ 0 from the given λ.
// - evaluate(λ, g) → L(λ), and writes a subgradient (one entry per relaxed row) into g;
// - on_better(L) is called at each new best bound, so the caller can keep the
//   relaxation's solution there (reduced costs, chosen sites);
// - primal() turns the relaxation into a plan and returns the best plan value
//   so far: a lower `upper` both steers the step and ends the search sooner;
// - proves(bound, upper) says when the bound closes the gap.
template <class Evaluate, class OnBetter, class Primal, class Proves>
SubgradientOutcome subgradient_ascent(std::vector<double> lambda, double& upper, const SubgradientSettings& s,
                                      Evaluate&& evaluate, OnBetter&& on_better, Primal&& primal, Proves&& proves) {
    auto t0 = std::chrono::steady_clock::now();
    const std::size_t m = lambda.size();
    SubgradientOutcome out;
    out.lambda = lambda;
    std::vector<double> g(m);
    double theta = s.theta;
    int since_improved = 0, primal_at = -1, last_better = -1;
    for (int it = 0; it < s.max_iterations && theta > s.min_theta; ++it) {
        out.iterations = it + 1;
        double L = evaluate(lambda, g);
        if (L > out.bound + 1e-9 * std::abs(L)) {
            out.bound = L;
            out.lambda = lambda;
            on_better(L);
            since_improved = 0;
            last_better = it;
        } else if (++since_improved >= s.patience) {
            theta /= 2.0;
            since_improved = 0;
        }
        if (s.primal_every > 0 && (it > 0 || s.primal_at_start) && it % s.primal_every == 0 &&
            (!s.primal_when_improved || last_better > primal_at)) {
            primal_at = last_better;
            upper = std::min(upper, primal());
        }
        if (proves(out.bound, upper)) break;
        if (seconds_since(t0) > s.time_budget_s) break;
        double norm = 0.0;
        for (std::size_t i = 0; i < m; ++i) {
            if (lambda[i] <= 0 && g[i] < 0) g[i] = 0.0;  // projected on λ ≥ 0
            norm += g[i] * g[i];
        }
        if (norm == 0.0) break;  // the relaxed plan meets every relaxed row: L is the node's optimum
        double step = theta * std::max(upper - L, 1e-9 * std::abs(upper) + 1e-9) / norm;
        for (std::size_t i = 0; i < m; ++i) lambda[i] = std::max(0.0, lambda[i] + step * g[i]);
    }
    return out;
}

} // namespace shisetsu::optimize::detail
