using Workshops.Contracts;

namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>A server whose first pushes fail (it is restarting, say), and that records what it gets afterwards.</summary>
public sealed class FlakyObserver(int failures) : IWorkshopObserver
{
    private int _calls;

    /// <summary>Calls made to it, failed ones included.</summary>
    public int CallCount => Volatile.Read(ref _calls);

    /// <summary>What it received once it stopped failing.</summary>
    public RecordingObserver Received { get; } = new();

    public Task OnNotices(IReadOnlyList<WorkshopNotice> notices)
    {
        if (Interlocked.Increment(ref _calls) <= failures)
        {
            throw new InvalidOperationException("this server cannot take pushes now");
        }

        return Received.OnNotices(notices);
    }
}
