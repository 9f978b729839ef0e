using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;

namespace Workshops.Domain.Model;

/// <summary>
/// Collects one command's events, folding each into the state as it is raised (so the next
/// check and every notice see it), and the notices they mean.
/// </summary>
internal sealed class Change(WorkshopModelState state, string workshopId, DateTimeOffset now)
{
    private readonly List<WorkshopEvent> _events = [];
    private readonly List<WorkshopNotice> _notices = [];

    public WorkshopModelState State => state;

    public string WorkshopId => workshopId;

    /// <summary>Places the event after the state's last one and folds it in.</summary>
    public T Raise<T>(T e, Role? by = null)
        where T : WorkshopEvent
    {
        var placed = e with { Position = state.Position + 1, At = now, By = by };
        WorkshopFold.Apply(state, placed);
        _events.Add(placed);
        return placed;
    }

    /// <summary>
    /// Queues a notice. Its number is its place in the workshop's order of notices: the version
    /// plus the staff tally seq (a change takes a version, an announcement a staff seq).
    /// </summary>
    public void Notify(long version, IReadOnlyList<Delivery> deliveries) =>
        _notices.Add(new WorkshopNotice(workshopId, NoticeNumber(state, version), deliveries));

    /// <summary>A notice's place in the workshop's order of notices, for the notice made under <paramref name="version"/>.</summary>
    public static long NoticeNumber(WorkshopModelState state, long version) => version + state.StaffTallySeq;

    /// <summary>Adds a delivery to the latest notice (tallies riding on the change that showed them).</summary>
    public void AddToLastNotice(Delivery delivery)
    {
        var last = _notices[^1];
        _notices[^1] = last with { Deliveries = [.. last.Deliveries, delivery] };
    }

    public Decision<T> Done<T>(T result) => new(_events, _notices, result);
}
