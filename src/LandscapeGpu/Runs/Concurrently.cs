using System.Runtime.ExceptionServices;

namespace LandscapeGpu.Runs;

/// <summary>
/// Runs independent pieces of work side by side (a run's output files, its figure) and returns only when all have
/// ended, so that nothing still writes into a directory its caller is about to commit or clean up. A failure is
/// rethrown as itself, not wrapped, so a caller's handlers for bad input still see the exception they expect.
/// </summary>
public static class Concurrently
{
    /// <summary>
    /// Runs every action of <paramref name="actions"/>, the first on the calling thread and the others on the thread
    /// pool; waits for all, then rethrows the failure of the earliest action (in the order given) that failed.
    /// </summary>
    public static void Run(params Action[] actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Length == 0)
        {
            return;
        }

        Task[] others = actions.Skip(1).Select(action => Task.Run(action)).ToArray();
        Exception? first = null;
        try
        {
            actions[0]();
        }
        catch (Exception error)
        {
            first = error;
        }

        foreach (Task other in others)
        {
            try
            {
                other.GetAwaiter().GetResult();
            }
            catch (Exception error)
            {
                first ??= error;
            }
        }

        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }
    }
}
