using Orleans.Concurrency;

namespace Workshops.Contracts;

/// <summary>
/// One per server: receives the committed changes of the workshops that server has
/// connections for, and fans them out to its SignalR connections.
/// </summary>
public interface IWorkshopObserver : IGrainObserver
{
    [OneWay]
    Task OnNotices(IReadOnlyList<WorkshopNotice> notices);
}
