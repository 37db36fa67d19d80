"""NumPy peer: the whole grid as arrays, one vectorized update per step (himmelblau or rastrigin, gd or adam; or the
loss of the model w2*tanh(w1*x) on data/tanh.csv, its rows in a loop, each row's update vectorized over the starts)."""
import os

import numpy as np

from common import cell_centres, parse_arguments, report, time_runs


def main():
    arguments = parse_arguments(__doc__)
    dtype = np.float32 if arguments.precision == "f32" else np.float64
    xs, ys = cell_centres(arguments.grid, (-4.0, 4.0, -4.0, 4.0) if arguments.landscape == "tanh-model" else None)
    start_x = np.tile(np.array(xs, dtype=np.float64), arguments.grid).astype(dtype)
    start_y = np.repeat(np.array(ys, dtype=np.float64), arguments.grid).astype(dtype)
    lr = dtype(arguments.lr)
    beta1, beta2, epsilon = dtype(0.9), dtype(0.999), dtype(1e-8)

    def himmelblau(x, y):
        a = x * x + y - dtype(11)
        b = x + y * y - dtype(7)
        return dtype(4) * x * a + dtype(2) * b, dtype(2) * a + dtype(4) * y * b

    two_pi = dtype(2 * np.pi)
    twenty_pi = dtype(20 * np.pi)

    def rastrigin(x, y):
        return dtype(2) * x + twenty_pi * np.sin(two_pi * x), dtype(2) * y + twenty_pi * np.sin(two_pi * y)

    rows = np.loadtxt(os.path.join(os.path.dirname(__file__), "..", "..", "data", "tanh.csv"), delimiter=",", skiprows=2)
    inputs = [dtype(v) for v in rows[:, 0]]
    targets = [dtype(v) for v in rows[:, 1]]
    scale = dtype(2 / len(inputs))

    def tanh_model(w1, w2):
        # d/dw of mean((w2 tanh(w1 x) - y)^2), one row at a time: the loop over rows a plain NumPy fit would write.
        g1 = np.zeros_like(w1)
        g2 = np.zeros_like(w2)
        for x, y in zip(inputs, targets):
            t = np.tanh(w1 * x)
            r = w2 * t - y
            g1 += r * w2 * (dtype(1) - t * t) * x
            g2 += r * t
        return g1 * scale, g2 * scale

    gradient = {"himmelblau": himmelblau, "rastrigin": rastrigin, "tanh-model": tanh_model}[arguments.landscape]

    def run_gd():
        x, y = start_x.copy(), start_y.copy()
        for _ in range(arguments.steps):
            gx, gy = gradient(x, y)
            x -= lr * gx
            y -= lr * gy
        return x, y

    def run_adam():
        x, y = start_x.copy(), start_y.copy()
        mx, my = np.zeros_like(x), np.zeros_like(y)
        vx, vy = np.zeros_like(x), np.zeros_like(y)
        for step in range(1, arguments.steps + 1):
            gx, gy = gradient(x, y)
            mx = beta1 * mx + (1 - beta1) * gx
            my = beta1 * my + (1 - beta1) * gy
            vx = beta2 * vx + (1 - beta2) * gx * gx
            vy = beta2 * vy + (1 - beta2) * gy * gy
            first = dtype(1 / (1 - float(beta1) ** step))
            second = dtype(1 / (1 - float(beta2) ** step))
            x -= lr * mx * first / (np.sqrt(vx * second) + epsilon)
            y -= lr * my * first / (np.sqrt(vy * second) + epsilon)
        return x, y

    seconds, cpu_seconds = time_runs(run_gd if arguments.optimizer == "gd" else run_adam, arguments.runs)
    report("numpy " + np.__version__, arguments, seconds, cpu_seconds)


if __name__ == "__main__":
    main()
