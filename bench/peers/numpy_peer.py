"""NumPy peer: the whole grid as arrays, one vectorized update per step (himmelblau, gd or adam)."""
import numpy as np

from common import cell_centres, parse_arguments, report, time_runs


def main():
    arguments = parse_arguments(__doc__)
    dtype = np.float32 if arguments.precision == "f32" else np.float64
    xs, ys = cell_centres(arguments.grid)
    start_x = np.tile(np.array(xs, dtype=np.float64), arguments.grid).astype(dtype)
    start_y = np.repeat(np.array(ys, dtype=np.float64), arguments.grid).astype(dtype)
    lr = dtype(arguments.lr)
    beta1, beta2, epsilon = dtype(0.9), dtype(0.999), dtype(1e-8)

    def gradient(x, y):
        a = x * x + y - dtype(11)
        b = x + y * y - dtype(7)
        return dtype(4) * x * a + dtype(2) * b, dtype(2) * a + dtype(4) * y * b

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
