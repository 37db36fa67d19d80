using LandscapeGpu.Landscapes.Models;

namespace LandscapeGpu.Tests.Shared;

/// <summary>
/// Plain gradient descent on the 2-2-1 tanh network's mean squared error over the shipped <c>xor</c> data, written
/// out by hand in float64: a reference that shares no code with the model generator or the descent loop.
/// Weights: w1..w3 the first hidden unit (x1, x2, bias), w4..w6 the second, w7, w8 the output's, w9 its bias.
/// </summary>
public static class XorReference
{
    /// <summary>The loss and the nine weights at steps 0 .. <paramref name="steps"/> (before each step's update).</summary>
    public static (double Loss, double[] Weights)[] GradientDescent(double[] start, double learningRate, int steps)
    {
        DataSet xor = DataSets.Load("xor");
        double[] w = (double[])start.Clone();
        var path = new (double, double[])[steps + 1];
        for (int step = 0; step <= steps; step++)
        {
            double loss = 0;
            var gradient = new double[9];
            for (int row = 0; row < xor.Rows; row++)
            {
                double x1 = xor.Values[row * 3], x2 = xor.Values[row * 3 + 1], y = xor.Values[row * 3 + 2];
                double h1 = Math.Tanh(w[0] * x1 + w[1] * x2 + w[2]), h2 = Math.Tanh(w[3] * x1 + w[4] * x2 + w[5]);
                double residual = w[6] * h1 + w[7] * h2 + w[8] - y;
                loss += residual * residual / xor.Rows;
                double d = 2 * residual / xor.Rows, d1 = d * w[6] * (1 - h1 * h1), d2 = d * w[7] * (1 - h2 * h2);
                double[] terms = [d1 * x1, d1 * x2, d1, d2 * x1, d2 * x2, d2, d * h1, d * h2, d];
                for (int k = 0; k < 9; k++)
                {
                    gradient[k] += terms[k];
                }
            }

            path[step] = (loss, (double[])w.Clone());
            for (int k = 0; k < 9; k++)
            {
                w[k] -= learningRate * gradient[k];
            }
        }

        return path;
    }
}
