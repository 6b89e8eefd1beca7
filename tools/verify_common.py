"""What tools/verify_levelling.py and tools/verify_consolidation.py share:
comparing a result file with the objective recomputed from its plan and with
the optimum HiGHS found for the same instance."""


def compare(reported, recomputed, status, highs_objective, highs_optimal):
    """Prints the comparison; returns False on any disagreement. Tolerance 1e-6 relative."""
    ok = True
    tol = 1e-6 * max(1.0, abs(reported))
    print("result: objective %.2f, recomputed here %.2f, status %s" % (reported, recomputed, status))
    if abs(recomputed - reported) > tol:
        print("MISMATCH: recomputed objective differs from the reported one")
        ok = False
    if highs_objective is not None and status == "optimal":
        if highs_objective < reported - tol:
            print("MISMATCH: HiGHS found a better plan than the reported optimum (%.2f < %.2f)" % (highs_objective, reported))
            ok = False
        elif highs_optimal and abs(highs_objective - reported) > tol:
            print("MISMATCH: HiGHS optimum %.2f differs from the reported optimum %.2f" % (highs_objective, reported))
            ok = False
        elif highs_optimal:
            print("agree: both proven optimal at %.2f" % reported)
    return ok


def compare_intervals(name, reported, recomputed, reported_bound, status, highs_objective, highs_bound, highs_optimal):
    """For a result proven within a gap: its [bound, objective] and HiGHS's
    [bound, objective] must overlap (a plan is never below the other's valid
    bound), and its objective must equal the one recomputed from its plan.
    Prints the comparison; returns False on any disagreement."""
    ok = True
    tol = 1e-6 * max(1.0, abs(reported))
    print("%s: result objective %.2f (recomputed %.2f), bound %.2f, status %s" % (name, reported, recomputed, reported_bound, status))
    if abs(recomputed - reported) > tol:
        print("MISMATCH: recomputed objective differs from the reported one")
        ok = False
    if highs_objective < reported_bound - tol:
        print("MISMATCH: HiGHS found a plan (%.2f) below the result's bound %.2f" % (highs_objective, reported_bound))
        ok = False
    if highs_bound > reported + tol:
        print("MISMATCH: the result's plan (%.2f) is below HiGHS's bound %.2f" % (reported, highs_bound))
        ok = False
    if ok and status == "optimal" and highs_optimal:
        print("agree: both proven optimal (%s): %.2f and HiGHS %.2f, within the result's gap" % (name, reported, highs_objective))
    return ok
