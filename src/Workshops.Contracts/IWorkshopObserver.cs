namespace Workshops.Contracts;

/// <summary>
/// One per server: receives the stored changes of the workshops that server has connections
/// for, and fans them out to its SignalR connections.
/// </summary>
public interface IWorkshopObserver : IGrainObserver
{
    /// <summary>
    /// A workshop's notices, in order. Awaited: a workshop has at most one call in flight per
    /// server, so calls of one workshop never overtake each other. Return quickly (queue, never
    /// wait for a browser): the workshop's next notices for this server wait for it.
    /// </summary>
    Task OnNotices(IReadOnlyList<WorkshopNotice> notices);
}
