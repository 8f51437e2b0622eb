"""The optimizer's reference comparison (issue 10, P3).

Reads the instances `examples/optimizer_reference.rs` wrote, each with Portfölj's optimum
and solving time, solves every one as a 0-1 MIP with HiGHS (the `highspy` package) to a
proven optimum (no relative gap; an absolute gap far below the values' 0.01 steps), and
writes what agrees and the times side by side. Only HiGHS's own solve (`run`) is timed;
building its model is not counted, which favours HiGHS.

Usage: highs.py INSTANCES.json RESULT.json
"""

import json
import statistics
import sys
import time

import highspy


def solve(instance):
    n = len(instance["costs"])
    costs = [float(c) for c in instance["costs"]]
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = [float(v) for v in instance["values"]]
    lower = [0.0] * n
    upper = [1.0] * n
    for i in instance["forced_in"]:
        lower[i] = 1.0
    for i in instance["forced_out"]:
        upper[i] = 0.0
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    rows = [(list(range(n)), costs, float(instance["frame"]))]
    for part, amount in instance["sub_frames"]:
        members = [i for i in range(n) if instance["parts"][i] == part]
        rows.append((members, [costs[i] for i in members], float(amount)))
    for a, b in instance["requires"]:
        rows.append(([a, b], [1.0, -1.0], 0.0))
    for a, b in instance["excludes"]:
        rows.append(([a, b], [1.0, 1.0], 1.0))
    lp.num_row_ = len(rows)
    lp.row_lower_ = [-highspy.kHighsInf] * len(rows)
    lp.row_upper_ = [upper_bound for _, _, upper_bound in rows]
    starts, indices, values = [], [], []
    for members, coefficients, _ in rows:
        starts.append(len(indices))
        indices.extend(members)
        values.extend(coefficients)
    starts.append(len(indices))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = indices
    lp.a_matrix_.value_ = values
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-6)
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    started = time.perf_counter()
    h.run()
    micros = (time.perf_counter() - started) * 1e6
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        return h.getInfo().objective_function_value, micros
    if status == highspy.HighsModelStatus.kInfeasible:
        return None, micros
    raise RuntimeError(f"HiGHS stopped with {h.modelStatusToString(status)}")


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        instances = json.load(f)
    rows = []
    for k, instance in enumerate(instances):
        reference, micros = solve(instance)
        ours = instance["portfolj_optimum"]
        if ours is None or reference is None:
            agree = ours is None and reference is None
        else:
            agree = abs(float(ours) - reference) <= 1e-6 * max(1.0, abs(reference))
        rows.append({
            "instance": k,
            "size": instance["size"],
            "portfolj_optimum": ours,
            "highs_optimum": reference,
            "agree": agree,
            "portfolj_micros": instance["portfolj_micros"],
            "highs_micros": round(micros),
        })
    # Times only where both solved: a refusal of forced choices that cannot hold is instant
    # for Portfölj and would flatter the ratio.
    solved = [r for r in rows if r["portfolj_optimum"] is not None and r["highs_optimum"] is not None]
    portfolj = statistics.median(r["portfolj_micros"] for r in solved)
    highs = statistics.median(r["highs_micros"] for r in solved)
    ratios = [r["highs_micros"] / max(1, r["portfolj_micros"]) for r in solved]
    summary = {
        "instances": len(rows),
        "infeasible": len(rows) - len(solved),
        "agree": sum(1 for r in rows if r["agree"]),
        "portfolj_median_micros": portfolj,
        "highs_median_micros": highs,
        "median_speedup": statistics.median(ratios),
        "slowest_speedup": min(ratios),
        "highs_version": highspy.Highs().version() if hasattr(highspy.Highs(), "version") else "",
        "rows": rows,
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)
    print(
        f"HiGHS: {summary['agree']}/{summary['instances']} agree ({summary['infeasible']} infeasible to both); median Portfölj "
        f"{portfolj:.0f} µs, HiGHS {highs:.0f} µs; median speedup {summary['median_speedup']:.1f}×"
    )
    if summary["agree"] != summary["instances"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
