"""NumPy peer for the many-weight benchmark: the 2-2-1 tanh network on XOR,
w7*tanh(w1*x1 + w2*x2 + w3) + w8*tanh(w4*x1 + w5*x2 + w6) + w9, mean squared error over the four rows, all nine
weights trained; (w1, w2) start at cell centres over [-4,4]^2 and the others at --init. Each weight is an array over
the starts, the rows are a loop and each row's forward and backward pass is vectorized over the starts: the loop a
plain NumPy fit of many starts would write. Fixed steps (no early exit), as `landscape bench` times."""
import argparse
import json
import os
import statistics
import time

import numpy as np

from common import cell_centres, time_runs

# The XOR rows (x1, x2, y), as in data/xor.csv.
ROWS = [(0.0, 0.0, 0.0), (0.0, 1.0, 1.0), (1.0, 0.0, 1.0), (1.0, 1.0, 0.0)]
# Starts of w3..w9 (w1, w2 span the grid), in `landscape bench --init`'s form, as bench/compare-peers.sh gives both.
DEFAULT_INIT = "w3=0.1,w4=-0.5,w5=0.7,w6=-0.2,w7=0.9,w8=-0.8,w9=0.05"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--grid", type=int, default=256)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--optimizer", choices=["gd", "adam"], default="gd")
    parser.add_argument("--lr", type=float, default=0.5)
    parser.add_argument("--precision", choices=["f32", "f64"], default="f32")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--init", default=DEFAULT_INIT, help="starts of w3..w9: w3=VALUE,...,w9=VALUE")
    arguments = parser.parse_args()
    dtype = np.float32 if arguments.precision == "f32" else np.float64
    xs, ys = cell_centres(arguments.grid, (-4.0, 4.0, -4.0, 4.0))
    starts = [np.tile(np.array(xs), arguments.grid), np.repeat(np.array(ys), arguments.grid)]
    init = dict((name.strip(), float(value)) for name, value in (item.split("=") for item in arguments.init.split(",")))
    starts += [np.full(arguments.grid * arguments.grid, init[f"w{k}"]) for k in range(3, 10)]
    starts = [s.astype(dtype) for s in starts]
    lr = dtype(arguments.lr)
    beta1, beta2, epsilon = dtype(0.9), dtype(0.999), dtype(1e-8)
    rows = [(dtype(a), dtype(b), dtype(c)) for a, b, c in ROWS]
    scale = dtype(2 / len(rows))
    one = dtype(1)

    def gradient(w):
        w1, w2, w3, w4, w5, w6, w7, w8, w9 = w
        g = [np.zeros_like(w1) for _ in range(9)]
        for x1, x2, y in rows:
            h1 = np.tanh(w1 * x1 + w2 * x2 + w3)
            h2 = np.tanh(w4 * x1 + w5 * x2 + w6)
            r = w7 * h1 + w8 * h2 + w9 - y
            d1 = r * w7 * (one - h1 * h1)
            d2 = r * w8 * (one - h2 * h2)
            g[0] += d1 * x1
            g[1] += d1 * x2
            g[2] += d1
            g[3] += d2 * x1
            g[4] += d2 * x2
            g[5] += d2
            g[6] += r * h1
            g[7] += r * h2
            g[8] += r
        return [gk * scale for gk in g]

    def run_gd():
        w = [s.copy() for s in starts]
        for _ in range(arguments.steps):
            for wk, gk in zip(w, gradient(w)):
                wk -= lr * gk
        return w

    def run_adam():
        w = [s.copy() for s in starts]
        m = [np.zeros_like(s) for s in starts]
        v = [np.zeros_like(s) for s in starts]
        for step in range(1, arguments.steps + 1):
            first = dtype(1 / (1 - float(beta1) ** step))
            second = dtype(1 / (1 - float(beta2) ** step))
            for k, gk in enumerate(gradient(w)):
                m[k] = beta1 * m[k] + (1 - beta1) * gk
                v[k] = beta2 * v[k] + (1 - beta2) * gk * gk
                w[k] -= lr * m[k] * first / (np.sqrt(v[k] * second) + epsilon)
        return w

    seconds, cpu_seconds = time_runs(run_gd if arguments.optimizer == "gd" else run_adam, arguments.runs)
    steps = arguments.grid * arguments.grid * arguments.steps
    median, median_cpu = statistics.median(seconds), statistics.median(cpu_seconds)
    print(json.dumps({
        "peer": "numpy " + np.__version__, "landscape": "xor-network", "optimizer": arguments.optimizer, "learningRate": arguments.lr,
        "precision": arguments.precision, "gridWidth": arguments.grid, "gridHeight": arguments.grid, "steps": arguments.steps,
        "trainedWeights": 9, "runSeconds": seconds, "medianSeconds": median, "medianCpuSeconds": median_cpu,
        "descentStepsPerRun": steps, "stepsPerSecond": steps / median,
        "stepsPerCpuSecondAllCores": steps / median_cpu * (os.cpu_count() or 1) if median_cpu > 0 else None,
    }))


if __name__ == "__main__":
    main()
