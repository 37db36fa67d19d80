using LandscapeGpu.Weights;

namespace LandscapeGpu.Devices;

/// <summary>Work done with a model's concrete struct on an engine (see <see cref="WeightEngines.Dispatch"/>).</summary>
/// <typeparam name="TResult">What the work returns.</typeparam>
public interface IWeightEngineTask<out TResult>
{
    /// <summary>The work, with <paramref name="model"/> ready for <paramref name="engine"/>.</summary>
    TResult Run<TModel>(TModel model, IWeightDescentEngine engine) where TModel : struct, IWeightModel;
}

/// <summary>Hands a generated weight model to an engine in the form its descents read: host memory, or an accelerator's copy.</summary>
public static class WeightEngines
{
    /// <summary>
    /// Runs <paramref name="task"/> with <paramref name="entry"/>'s struct on <paramref name="engine"/>: for an ILGPU
    /// engine the model's data is copied to its accelerator once for the whole task and freed after it.
    /// </summary>
    /// <exception cref="NotSupportedException">The engine runs no K-weight descents.</exception>
    public static TResult Dispatch<TResult>(WeightModelEntry entry, IDescentEngine engine, IWeightEngineTask<TResult> task)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(task);
        if (engine is not IWeightDescentEngine weightEngine)
        {
            throw new NotSupportedException($"{engine.Description} runs no descents in more than two weights");
        }

        if (engine is IlgpuDescentEngine ilgpu)
        {
            using WeightModelBinding binding = entry.BindTo(ilgpu.Accelerator);
            return binding.Model.Accept(new Visitor<TResult>(weightEngine, task));
        }

        return entry.Accept(new Visitor<TResult>(weightEngine, task));
    }

    private sealed class Visitor<TResult>(IWeightDescentEngine engine, IWeightEngineTask<TResult> task) : IWeightModelVisitor<TResult>
    {
        public TResult Visit<TModel>(TModel model) where TModel : struct, IWeightModel => task.Run(model, engine);
    }
}
