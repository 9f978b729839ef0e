using Workshops.Contracts;

namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>
/// Stands in for one server's fan-out adapter: records every notice a workshop pushes and lets a
/// test wait for a condition on them instead of sleeping.
/// </summary>
public sealed class RecordingObserver : IWorkshopObserver
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly Lock _lock = new();
    private readonly List<WorkshopNotice> _notices = [];
    private readonly List<(Func<IReadOnlyList<WorkshopNotice>, bool> Done, TaskCompletionSource Signal)> _waiters = [];

    public Task OnNotices(IReadOnlyList<WorkshopNotice> notices)
    {
        lock (_lock)
        {
            _notices.AddRange(notices);
            var view = _notices.ToList();
            foreach (var waiter in _waiters.Where(w => w.Done(view)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Everything received so far, by version (delivery order is not guaranteed).</summary>
    public IReadOnlyList<WorkshopNotice> Notices
    {
        get
        {
            lock (_lock)
            {
                return [.. _notices.OrderBy(n => n.Version)];
            }
        }
    }

    public async Task WaitForAsync(Func<IReadOnlyList<WorkshopNotice>, bool> done, string what)
    {
        Task signal;
        lock (_lock)
        {
            if (done(_notices.ToList()))
            {
                return;
            }

            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((done, tcs));
            signal = tcs.Task;
        }

        try
        {
            await signal.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            var seen = string.Join(", ", Notices.Select(n => n.Version + ":" + string.Join("/", n.Deliveries.Select(d => d.Method))));
            throw new TimeoutException($"waited {Patience} for {what}; received [{seen}]");
        }
    }

    /// <summary>Waits until every version from <paramref name="from"/> to <paramref name="to"/> arrived; returns them in order.</summary>
    public async Task<IReadOnlyList<WorkshopNotice>> RangeAsync(long from, long to)
    {
        await WaitForAsync(
            notices => Enumerable.Range(0, (int)(to - from + 1)).All(i => notices.Any(n => n.Version == from + i)),
            $"versions {from}..{to}");
        return [.. Notices.Where(n => n.Version >= from && n.Version <= to)];
    }
}
