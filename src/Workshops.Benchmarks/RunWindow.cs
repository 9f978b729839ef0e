using System.Diagnostics;

namespace Workshops.Benchmarks;

/// <summary>
/// When voting runs: a warm-up, then the measured window; voters stop sending at its end. The
/// window's first and last <c>edge</c> seconds are also counted apart (does throughput hold up?).
/// </summary>
internal sealed class RunWindow(TimeSpan warmup, TimeSpan duration, TimeSpan edge)
{
    public long Start { get; } = Stopwatch.GetTimestamp();

    public long WindowStart => Start + ToTicks(warmup);

    public long WindowEnd => WindowStart + ToTicks(duration);

    public TimeSpan Duration => duration;

    public bool IsOver => Stopwatch.GetTimestamp() >= WindowEnd;

    public TimeSpan Edge => edge < duration ? edge : duration;

    public bool InWindow(long timestamp) => timestamp >= WindowStart && timestamp < WindowEnd;

    public bool InFirstEdge(long timestamp) => timestamp >= WindowStart && timestamp < WindowStart + ToTicks(Edge);

    public bool InLastEdge(long timestamp) => timestamp >= WindowEnd - ToTicks(Edge) && timestamp < WindowEnd;

    public TimeSpan UntilWindowStart => Remaining(WindowStart);

    public TimeSpan UntilWindowEnd => Remaining(WindowEnd);

    private static TimeSpan Remaining(long at)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
