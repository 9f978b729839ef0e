using Workshops.Contracts;

namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>
/// A slow server: records each push it gets as one call, and holds every call until the test
/// opens the gate, so a test can see what the grain does while a push is in flight.
/// </summary>
public sealed class GatedObserver : IWorkshopObserver
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<WorkshopNotice>> _calls = [];
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _arrived = new(0);
    private int _inFlight;

    /// <summary>The most calls that were in this observer at once.</summary>
    public int MostInFlight { get; private set; }

    /// <summary>Every call so far, each with the notices it carried, in the order they came.</summary>
    public IReadOnlyList<IReadOnlyList<WorkshopNotice>> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public async Task OnNotices(IReadOnlyList<WorkshopNotice> notices)
    {
        lock (_lock)
        {
            _calls.Add([.. notices]);
            MostInFlight = Math.Max(MostInFlight, ++_inFlight);
        }

        _arrived.Release();
        try
        {
            await _gate.Task;
        }
        finally
        {
            lock (_lock)
            {
                _inFlight--;
            }
        }
    }

    /// <summary>Lets every call, held or future, through.</summary>
    public void Open() => _gate.TrySetResult();

    /// <summary>Waits until at least <paramref name="count"/> calls arrived.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (Calls.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"waited {Patience} for {count} calls; got {Calls.Count}");
            }
        }
    }
}
