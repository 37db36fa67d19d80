"""Shared set-up for the peer benchmarks: the same problem as `landscape bench`, timed the same way."""
import argparse
import json
import os
import statistics
import time

# Himmelblau's usual box, as in `landscape list`.
BOX = (-5.0, 5.0, -5.0, 5.0)


def parse_arguments(description, threads=False):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--grid", type=int, default=2048, help="starts per side (N x N)")
    parser.add_argument("--steps", type=int, default=200, help="fixed steps per start (no early exit)")
    parser.add_argument("--optimizer", choices=["gd", "adam"], default="gd")
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--precision", choices=["f32", "f64"], default="f32")
    parser.add_argument("--runs", type=int, default=5, help="timed runs after one warm-up; the median is reported")
    parser.add_argument("--landscape", choices=["himmelblau", "rastrigin", "tanh-model"], default="himmelblau",
                        help="tanh-model: mean squared error of w2*tanh(w1*x) on data/tanh.csv over (w1, w2)")
    if threads:
        parser.add_argument("--threads", type=int, default=0, help="worker threads (0: one per core)")
    return parser.parse_args()


def cell_centres(grid, box=None):
    """Start coordinates at cell centres, computed in float64 exactly as GridSpec.StartX/StartY do."""
    x0, x1, y0, y1 = box or BOX
    xs = [x0 + (i + 0.5) * (x1 - x0) / grid for i in range(grid)]
    ys = [y0 + (j + 0.5) * (y1 - y0) / grid for j in range(grid)]
    return xs, ys


def time_runs(run_once, runs):
    run_once()
    seconds = []
    cpu_seconds = []
    for _ in range(runs):
        cpu_before = time.process_time()
        start = time.perf_counter()
        run_once()
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_before)
    return seconds, cpu_seconds


def report(peer, arguments, seconds, cpu_seconds, extra=None):
    steps = arguments.grid * arguments.grid * arguments.steps
    median = statistics.median(seconds)
    median_cpu = statistics.median(cpu_seconds)
    result = {
        "peer": peer,
        "landscape": arguments.landscape,
        "optimizer": arguments.optimizer,
        "learningRate": arguments.lr,
        "precision": arguments.precision,
        "gridWidth": arguments.grid,
        "gridHeight": arguments.grid,
        "steps": arguments.steps,
        "runSeconds": seconds,
        "medianSeconds": median,
        "medianCpuSeconds": median_cpu,
        "descentStepsPerRun": steps,
        "stepsPerSecond": steps / median,
        "stepsPerCpuSecondAllCores": steps / median_cpu * (os.cpu_count() or 1) if median_cpu > 0 else None,
    }
    result.update(extra or {})
    print(json.dumps(result))
