"""P1: closed-form population PK vs a per-patient ODE loop.

Times :func:`lanicemine_lib.pk.concentration` for 1,000 virtual patients (individual parameters from
:func:`lanicemine_lib.pk.simulate_population`, seed 2024) over the whole Study 31 course (15 infusions,
12 weeks = 2,016 h, plus a 84 h tail: 0–2,100 h) on a 0.1 h grid (21,000 times) — median of repeated runs.
The baseline is what one would write without the closed form: a loop over patients calling
:func:`scipy.integrate.solve_ivp` (LSODA, rtol 1e-10, restarted at every infusion boundary, dense output),
through :func:`lanicemine_lib.pk.ode_concentration`. The baseline is timed on a subset of patients and
scaled linearly to 1,000 (the loop is per patient, so its cost is linear in the number of patients); the
detail column says so. LSODA is timed because it is the faster of the two reference integrators (Radau at
the same tolerance is several times slower), which keeps the ratio conservative. Accuracy is checked
against the more accurate Radau reference (rtol 1e-10) on 2 patients; the LSODA difference is reported too.
In quick mode (smoke test) only LSODA is run.

Usage: ``python bench/bench_pk.py [--quick]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

try:
    from lanicemine_lib import pk
except ModuleNotFoundError:  # run from a checkout without installing the package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from lanicemine_lib import pk

TARGET_MS = 50.0
TARGET_RATIO = 300.0
TARGET_REL = 1e-8


def _max_rel_diff(c: np.ndarray, ref: np.ndarray) -> float:
    """max |c - ref| / max(|ref|, 1e-3 * peak of that patient): relative, floored at 0.1 % of the peak."""
    scale = np.maximum(np.abs(ref), 1e-3 * np.max(np.abs(ref), axis=-1, keepdims=True))
    return float(np.max(np.abs(c - ref) / scale))


def run(quick: bool = False) -> list[dict]:
    """Run the benchmark and return one result row (see ``bench/run.py`` for the columns).

    ``quick=True`` uses tiny sizes (100 patients, the 3-week Study 9 course, 1 ODE patient) for a smoke
    test that finishes in a few seconds; its numbers are not the benchmark.
    """
    if quick:
        n, n_ode, repeats = 100, 1, 3
        regimen, label = pk.Regimen.study9(100.0), "Study 9"
    else:
        n, n_ode, repeats = 1000, 5, 9
        regimen, label = pk.Regimen.study31(100.0), "Study 31"
    end = 2100.0 if not quick else regimen.end_h + 84.0  # 12 weeks + 84 h tail
    t = np.arange(0.0, end - 0.05, 0.1)
    params = pk.simulate_population(regimen, n, 2024, t[:2]).params

    pk.concentration(t, regimen, params)  # warm-up (first-touch of the memory allocator)
    samples, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        conc = pk.concentration(t, regimen, params)
        samples.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    med_ms = statistics.median(samples) * 1e3
    cpu_ms = statistics.median(cpu) * 1e3

    subset = pk.PKParameters(*(x[:n_ode].copy() for x in params.as_arrays()))
    t0 = time.perf_counter()
    ref = pk.ode_concentration(t, regimen, subset, rtol=1e-10, method="LSODA")
    ode_s = time.perf_counter() - t0
    base_ms = ode_s / n_ode * n * 1e3
    rel_lsoda = _max_rel_diff(np.asarray(conc)[:n_ode], np.asarray(ref))
    if quick:
        rel, ref_text = rel_lsoda, f"LSODA on {n_ode} patient(s)"
    else:
        n_radau = 2
        few = pk.PKParameters(*(x[:n_radau].copy() for x in params.as_arrays()))
        radau = pk.ode_concentration(t, regimen, few, rtol=1e-10, method="Radau")
        rel = _max_rel_diff(np.asarray(conc)[:n_radau], np.asarray(radau))
        ref_text = f"Radau, rtol 1e-10, on {n_radau} patients; vs LSODA on {n_ode}: {rel_lsoda:.1e}"
    ratio = base_ms / med_ms
    met = med_ms <= TARGET_MS and ratio >= TARGET_RATIO and rel <= TARGET_REL
    return [
        {
            "figure": f"P1 closed-form PK, {n:,} patients × {label} ({regimen.n_infusions} infusions), "
            f"0.1 h grid ({t.size:,} times)" + (" [quick]" if quick else ""),
            "value": med_ms,
            "unit": "ms",
            "baseline": f"per-patient solve_ivp loop (LSODA, rtol 1e-10): {base_ms / 1e3:.3g} s for {n:,} "
            f"(timed on {n_ode}, scaled ×{n / n_ode:g})",
            "ratio": ratio,
            "target": f"≤ {TARGET_MS:g} ms, ≥ {TARGET_RATIO:g}×, max rel diff ≤ {TARGET_REL:g}",
            "met": bool(met),
            "detail": f"closed form median {med_ms:.1f} ms (min {min(samples) * 1e3:.1f}, max "
            f"{max(samples) * 1e3:.1f}) over {repeats} repeats; ODE {ode_s:.2f} s for {n_ode} patient(s), "
            f"scaled linearly to {n:,}; max relative difference vs ODE {rel:.1e} ({ref_text}; "
            f"floor 0.1 % of each patient's peak); CPU time of the closed form, median {cpu_ms:.1f} ms",
        }
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv[1:]):
        for key, value in row.items():
            print(f"{key:>9}: {value}")
        print()
