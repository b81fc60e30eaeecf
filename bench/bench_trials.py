"""P3: 10,000 simulated three-arm trials (N = 300, 100 per arm), each analysed by ANCOVA.

``value`` is the wall time of one call ``simulate_trials(100, (-3, -3), 10_000, seed)`` — generation of all
MADRS trajectories (weeks 0–6), dropout, LOCF and the vectorised ANCOVA of both drug arms against placebo.

The baseline is what one would write without batching: a per-trial loop of ``statsmodels`` OLS fits
(``sm.OLS(change, [1, arm1, arm2, baseline]).fit()`` with ``params``, ``bse`` and ``pvalues``). It is timed on a
subset of trials (the data of a ``simulate_trials(..., return_data=True)`` run) and scaled linearly to 10,000
trials; the vectorised generation time of the 10,000 trials is added to it, which favours the baseline. The same
subset gives the largest absolute difference between our estimates, SEs and p-values and statsmodels'.

The "design your own trial" frame (the lessons chapter's main demo) is timed with every other chapter's
main demo in ``bench_widgets.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import statsmodels.api as sm

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # so that `python bench/bench_trials.py` works from anywhere
    sys.path.insert(0, str(ROOT))

from lanicemine_lib import trials

N_TRIALS = 10_000
N_PER_ARM = 100
EFFECTS = (-3.0, -3.0)


def _statsmodels_loop(res: trials.SimulationResult) -> tuple[float, float, float, float]:
    """Per-trial statsmodels fits on ``res.madrs``: (seconds per trial, max |Δ| estimate, SE, p)."""
    y_all = res.madrs
    arm = res.arm
    n_tr, n_pat, _ = y_all.shape
    d_est = d_se = d_p = 0.0
    t0 = time.perf_counter()
    fits = []
    for i in range(n_tr):
        y = y_all[i]
        n_obs = (~np.isnan(y)).sum(axis=1)
        y_end = y[np.arange(n_pat), n_obs - 1]  # LOCF
        base = y[:, 0]
        x = np.column_stack([np.ones(n_pat), arm == 1, arm == 2, base]).astype(float)
        fit = sm.OLS(y_end - base, x).fit()
        fits.append((fit.params[1:3], fit.bse[1:3], fit.pvalues[1:3]))
    per_trial = (time.perf_counter() - t0) / n_tr
    for i, (est, se, p) in enumerate(fits):
        d_est = max(d_est, float(np.max(np.abs(est - res.estimates[i]))))
        d_se = max(d_se, float(np.max(np.abs(se - res.std_errors[i]))))
        d_p = max(d_p, float(np.max(np.abs(p - res.p_values[i]))))
    return per_trial, d_est, d_se, d_p


def run(quick: bool = False) -> list[dict]:
    repeats = 1 if quick else 5
    subset = 40 if quick else 300
    trials.simulate_trials(N_PER_ARM, EFFECTS, 200, 0)  # warm-up (imports, caches of numpy/scipy)
    samples = []
    for r in range(repeats):
        t0 = time.perf_counter()
        trials.simulate_trials(N_PER_ARM, EFFECTS, N_TRIALS, 1000 + r)
        samples.append(time.perf_counter() - t0)
    value = statistics.median(samples)

    sub = trials.simulate_trials(N_PER_ARM, EFFECTS, subset, 7, return_data=True)
    per_trial, d_est, d_se, d_p = _statsmodels_loop(sub)
    baseline = value + per_trial * N_TRIALS
    ratio = baseline / value

    # the ANCOVA step alone: ancova_batch on 10,000 x 300 (baseline, change) arrays vs the statsmodels loop
    rng = np.random.default_rng(3)
    base = rng.normal(35, 5, (N_TRIALS, 3 * N_PER_ARM))
    change = rng.normal(-10, 8, base.shape)
    arm = np.repeat(np.arange(3), N_PER_ARM)
    anc = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        trials.ancova_batch(base, change, arm)
        anc.append(time.perf_counter() - t0)
    anc_med = statistics.median(anc)
    same = max(d_est, d_se, d_p) < 1e-8
    return [
        {
            "figure": "P3 10,000 simulated three-arm trials, N = 300, ANCOVA",
            "value": value,
            "unit": "s",
            "baseline": (
                f"per-trial statsmodels OLS loop {per_trial * 1e3:.2f} ms/trial, measured on {subset} trials and "
                f"scaled to {N_TRIALS:,}, plus our vectorised generation time: {baseline:.1f} s"
            ),
            "ratio": ratio,
            "target": "<= 2 s, >= 20x, same estimates",
            "met": bool(value <= 2.0 and ratio >= 20.0 and same),
            "detail": (
                f"median {value:.3f} s, min {min(samples):.3f}, max {max(samples):.3f} over {repeats} run(s); "
                f"max |diff| vs statsmodels on {subset} trials: estimate {d_est:.1e}, SE {d_se:.1e}, "
                f"p {d_p:.1e} MADRS points / -; ANCOVA step alone (ancova_batch, 10,000 x 300) median "
                f"{anc_med:.3f} s vs statsmodels loop {per_trial * N_TRIALS:.1f} s = "
                f"{per_trial * N_TRIALS / anc_med:.0f}x; the full pipeline is dominated by generating "
                f"{N_TRIALS * 3 * N_PER_ARM * 6 / 1e6:.0f} M normal deviates"
            ),
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
