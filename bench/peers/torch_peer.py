"""PyTorch (CPU) peer: the whole grid as tensors, in-place vectorized updates per step, no autograd."""
import os

import torch

from common import cell_centres, parse_arguments, report, time_runs


def main():
    arguments = parse_arguments(__doc__, threads=True)
    torch.set_num_threads(arguments.threads or os.cpu_count() or 1)
    torch.set_grad_enabled(False)
    dtype = torch.float32 if arguments.precision == "f32" else torch.float64
    xs, ys = cell_centres(arguments.grid)
    start_x = torch.tensor(xs, dtype=torch.float64).repeat(arguments.grid).to(dtype)
    start_y = torch.tensor(ys, dtype=torch.float64).repeat_interleave(arguments.grid).to(dtype)
    lr, beta1, beta2, epsilon = arguments.lr, 0.9, 0.999, 1e-8

    def gradient(x, y):
        a = x * x + y - 11
        b = x + y * y - 7
        return 4 * x * a + 2 * b, 2 * a + 4 * y * b

    def run_gd():
        x, y = start_x.clone(), start_y.clone()
        for _ in range(arguments.steps):
            gx, gy = gradient(x, y)
            x.sub_(gx, alpha=lr)
            y.sub_(gy, alpha=lr)
        return x, y

    def run_adam():
        x, y = start_x.clone(), start_y.clone()
        mx, my = torch.zeros_like(x), torch.zeros_like(y)
        vx, vy = torch.zeros_like(x), torch.zeros_like(y)
        for step in range(1, arguments.steps + 1):
            gx, gy = gradient(x, y)
            mx.mul_(beta1).add_(gx, alpha=1 - beta1)
            my.mul_(beta1).add_(gy, alpha=1 - beta1)
            vx.mul_(beta2).addcmul_(gx, gx, value=1 - beta2)
            vy.mul_(beta2).addcmul_(gy, gy, value=1 - beta2)
            first = 1 / (1 - beta1 ** step)
            second = 1 / (1 - beta2 ** step)
            x.addcdiv_(mx, (vx * second).sqrt_().add_(epsilon), value=-lr * first)
            y.addcdiv_(my, (vy * second).sqrt_().add_(epsilon), value=-lr * first)
        return x, y

    seconds, cpu_seconds = time_runs(run_gd if arguments.optimizer == "gd" else run_adam, arguments.runs)
    report("torch " + torch.__version__, arguments, seconds, cpu_seconds, {"threads": torch.get_num_threads()})


if __name__ == "__main__":
    main()
