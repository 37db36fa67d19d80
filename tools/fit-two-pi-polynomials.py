#!/usr/bin/env python3
"""Fits the polynomial of ElementaryFunctions.SinTwoPi and CosTwoPi (sin 2πx, cos 2πx) and prints it as C#.

After the exact reduction r = x - round(x), |r| <= 1/2, z = r²:
  sin 2πr = r (1/4 - r²) S(z)
S has no zero on [0, 1/4]: the factors carry sin's zeros at 0 and ±1/2, so the relative error stays small next to
every zero (cos 2πr is sin 2π(1/4 - |r|)). S is a near-minimax Chebyshev fit (mpmath.chebyfit) in z over [0, 1/4],
its coefficients rounded to the target precision; the error printed is that of the rounded polynomial, relative, over
2001 points.

Run from the repository root (needs mpmath): python3 tools/fit-two-pi-polynomials.py
"""
import struct

import mpmath as mp

mp.mp.dps = 60
QUARTER = mp.mpf(1) / 4
HALF = mp.mpf(1) / 2


def sin_part(z):
    # sin 2πr / (r (1/4 - r²)), written through sin 2π(1/2 - r) so that z = 1/4 is its limit 4π.
    if z == 0:
        return 8 * mp.pi
    r = mp.sqrt(z)
    if abs(r - HALF) < mp.mpf(10) ** -50:
        return 4 * mp.pi
    return mp.sin(2 * mp.pi * (HALF - r)) / (r * (HALF - r) * (HALF + r))


def round_to(value, precision):
    value = float(value)
    return struct.unpack("f", struct.pack("f", value))[0] if precision == "f32" else value


def fit(function, degree, precision):
    polynomial = mp.chebyfit(function, [0, QUARTER], degree + 1)  # the highest power first
    coefficients = [round_to(c, precision) for c in reversed(polynomial)]
    error = max(abs(mp.polyval(coefficients[::-1], z) - function(z)) / abs(function(z))
                for z in mp.linspace(0, QUARTER, 2001))
    return coefficients, error


for precision, degree in (("f32", 6), ("f64", 10)):
    coefficients, error = fit(sin_part, degree, precision)
    print(f"// {precision}: degree {degree} in z (relative error {mp.nstr(error, 3)})")
    print(f"T p = T.Of({coefficients[-1]!r});")
    for c in reversed(coefficients[:-1]):
        print(f"p = T.MultiplyAdd(p, z, T.Of({c!r}));")
    print()
