#!/usr/bin/env python3
"""Fits the float32 tanh of src/LandscapeGpu/Arithmetic/Float32Precision.cs (TanhNumerator, TanhDenominator).

tanh x = x·P(z)/Q(z), z = x², for 0 <= x <= C, and |x| clamped to C beyond, where the fitted value rounds to 1 as
tanh itself does from 13·ln 2 ≈ 9.011 on. P(0) = Q(0) = 1 exactly, so that tiny arguments come back unchanged.

1. The real-number fit: the rational of least maximum relative error on [0, C], by Loeb's linearisation
   (P − g·Q, divided by g·Q of the previous iteration) with Lawson's reweighting towards the minimax solution.
2. The coefficients rounded to float32, then nudged a unit in the last place at a time (greedy) while that lowers the
   worst error of the float32 evaluation, emulated here step by step as the C# code evaluates it (Horner with fused
   multiply-adds, then (x·P)/Q), over a sweep of float32 arguments.
3. The result printed with its worst error in float32 ulp over every float32 argument in [2⁻¹³, C] (stride 1 with
   --full; smaller arguments give x·1/1 = x exactly).

Run from the repository root: /usr/bin/python3 tools/fit-tanh.py [--full]   (numpy; a few minutes)
"""
import math
import sys

import numpy as np

NUMERATOR_DEGREE = 4  # P's degree in z
DENOMINATOR_DEGREE = 4  # Q's degree in z
CLAMP = 9.125  # float32-exact; tanh rounds to 1 in float32 from 13 ln 2 ≈ 9.011


def fit_real(a, b, clamp, iterations=400):
    """Coefficients (p1..pa, q1..qb) in z with p0 = q0 = 1, minimising max |x·P/Q − tanh x| / tanh x on (0, clamp]."""
    x = np.concatenate([np.linspace(0, clamp, 6000)[1:], clamp * (1 - np.cos(np.linspace(0, np.pi / 2, 3000)[1:]))])
    x.sort()
    z = x * x
    g = np.tanh(x) / x
    scale = clamp * clamp  # fit in t = z/scale ∈ [0, 1] for conditioning, convert at the end
    t = z / scale
    previous_q = np.ones_like(t)
    weights = np.ones_like(t)
    best = None
    for _ in range(iterations):
        # (P(t) − g·Q(t)) / (g·Qprev) with P = 1 + Σ p_k t^k, Q = 1 + Σ q_k t^k: linear in p, q
        denominator = g * previous_q
        columns = [t ** k / denominator for k in range(1, a + 1)] + [-g * t ** k / denominator for k in range(1, b + 1)]
        matrix = np.stack(columns, axis=1)
        target = (g - 1) / denominator
        root = np.sqrt(weights)
        solution, *_ = np.linalg.lstsq(matrix * root[:, None], target * root, rcond=None)
        p = np.concatenate([[1.0], solution[:a]])
        q = np.concatenate([[1.0], solution[a:]])
        p_of_t = np.polynomial.polynomial.polyval(t, p)
        q_of_t = np.polynomial.polynomial.polyval(t, q)
        error = np.abs(p_of_t / q_of_t / g - 1)
        if best is None or error.max() < best[0]:
            best = (error.max(), p.copy(), q.copy())
        previous_q = q_of_t
        weights = weights * error
        weights /= weights.sum()
    worst, p, q = best
    return worst, p / scale ** np.arange(a + 1), q / scale ** np.arange(b + 1)


def fma32(a, b, c):
    # a·b is exact in float64 (48 bits); the sum rounds in float64 then to float32: differs from one rounding only
    # in double-rounding ties, rare enough not to matter for fitting (the C# tests check the real thing).
    return (a.astype(np.float64) * b.astype(np.float64) + c.astype(np.float64)).astype(np.float32)


def horner32(coefficients, z):
    result = np.full_like(z, coefficients[-1])
    for c in reversed(coefficients[:-1]):
        result = fma32(result, z, np.full_like(z, c))
    return result


def tanh32(x, p, q, clamp):
    m = np.minimum(np.abs(x), np.float32(clamp))
    z = m * m
    return np.copysign((m * horner32(p, z)) / horner32(q, z), x)


def ulp_error(x, actual):
    exact = np.tanh(x.astype(np.float64))
    rounded = np.abs(exact.astype(np.float32))
    ulp = np.maximum(np.nextafter(rounded, np.float32(np.inf)) - rounded, np.float32(1.4e-45)).astype(np.float64)
    return np.abs(actual.astype(np.float64) - exact) / ulp


def sweep(low, high, stride):
    bits = np.arange(np.float32(low).view(np.int32), np.float32(high).view(np.int32) + 1, stride, dtype=np.int32)
    return bits.view(np.float32)


def worst_error(p, q, clamp, arguments):
    worst, at = 0.0, 0.0
    for chunk in np.array_split(arguments, max(1, len(arguments) // 4_000_000)):
        error = ulp_error(chunk, tanh32(chunk, p, q, clamp))
        i = int(np.argmax(error))
        if error[i] > worst:
            worst, at = float(error[i]), float(chunk[i])
    return worst, at


def nudge(p, q, clamp, arguments):
    """Greedy ±1 ulp changes of the float32 coefficients (never p0, q0) while the worst error drops."""
    p, q = p.copy(), q.copy()
    worst, _ = worst_error(p, q, clamp, arguments)
    improved = True
    while improved:
        improved = False
        for which, k in [(0, k) for k in range(1, len(p))] + [(1, k) for k in range(1, len(q))]:
            for direction in (np.float32(np.inf), np.float32(-np.inf)):
                trial_p, trial_q = p.copy(), q.copy()
                target = trial_p if which == 0 else trial_q
                target[k] = np.nextafter(target[k], direction)
                error, _ = worst_error(trial_p, trial_q, clamp, arguments)
                if error < worst:
                    p, q, worst, improved = trial_p, trial_q, error, True
    return p, q, worst


def main():
    full = "--full" in sys.argv
    real_error, p, q = fit_real(NUMERATOR_DEGREE, DENOMINATOR_DEGREE, CLAMP)
    print(f"P degree {NUMERATOR_DEGREE}, Q degree {DENOMINATOR_DEGREE} in z, clamp {CLAMP}: "
          f"real-number max relative error {real_error:.3e} ({real_error * 2**24:.3f} units of 2^-24)")
    p32, q32 = p.astype(np.float32), q.astype(np.float32)
    coarse = np.concatenate([sweep(2.0**-13, CLAMP, 31), sweep(8.9, CLAMP, 1)])
    before, at = worst_error(p32, q32, CLAMP, coarse)
    print(f"rounded to float32: worst {before:.3f} ulp at {at!r} (sweep stride 31)")
    p32, q32, after = nudge(p32, q32, CLAMP, coarse)
    print(f"nudged: worst {after:.3f} ulp (sweep stride 31)")
    saturated = tanh32(np.array([CLAMP], dtype=np.float32), p32, q32, CLAMP)[0]
    print(f"value at the clamp: {float(saturated)!r} (must be 1.0)")
    dense = sweep(2.0**-13, CLAMP * 1.01, 1 if full else 7)
    worst, at = worst_error(p32, q32, CLAMP, dense)
    print(f"worst over every {'' if full else '7th '}float32 in [2^-13, {CLAMP * 1.01}]: {worst:.3f} ulp at {at!r}")
    for name, values in (("numerator", p32), ("denominator", q32)):
        print(f"{name}: " + ", ".join(repr(float(v)) for v in values))


if __name__ == "__main__":
    main()
