namespace Workshops.Server.Hosting;

/// <summary>
/// SignalR writes every ack and push into a pipe whose 4 KiB blocks come from the shared array
/// pool, which keeps only 32 arrays per size and core. With 2,000 phones waiting for their acks at
/// once far more blocks are out than that: each write then allocated a fresh array and dropped it
/// on return, a third of all bytes the server allocated in a vote storm and most of its GC time
/// (allocation profile in docs/benchmarks.md). The pool reads its limit from an environment
/// variable once, at its first use, so it is set first thing in <c>Main</c>, unless the operator
/// set it already.
/// </summary>
public static class BufferPoolTuning
{
    public const string Variable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>Arrays per size and core: enough for a hall's acks in flight at once.</summary>
    public const int ArraysPerPartition = 4096;

    public static void Apply()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, ArraysPerPartition.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
