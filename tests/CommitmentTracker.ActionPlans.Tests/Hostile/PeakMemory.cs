using System.Diagnostics;

namespace CommitmentTracker.ActionPlans.Tests.Hostile;

/// <summary>
/// The most the process's working set grows above where it stood when sampling started, sampled every 10 ms on its own
/// thread. Tests that use it run alone (<see cref="MeasuresMemory"/>), so the growth is theirs.
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly long baseline;
    private readonly Thread sampler;
    private volatile bool stopped;
    private long peak;

    private PeakMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        baseline = WorkingSet();
        peak = baseline;
        sampler = new Thread(Sample) { IsBackground = true, Name = "peak-memory" };
        sampler.Start();
    }

    /// <summary>Megabytes above the baseline at the highest sample so far.</summary>
    public long GrowthMegabytes => (Interlocked.Read(ref peak) - baseline) / (1024 * 1024);

    public static PeakMemory Start() => new();

    public void Dispose()
    {
        stopped = true;
        sampler.Join();
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private void Sample()
    {
        while (!stopped)
        {
            var now = WorkingSet();
            if (now > Interlocked.Read(ref peak))
            {
                Interlocked.Exchange(ref peak, now);
            }

            Thread.Sleep(10);
        }
    }
}

/// <summary>Tests that measure the process's memory run with nothing else beside them.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class MeasuresMemory;
