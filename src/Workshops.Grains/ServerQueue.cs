using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>The notices waiting for one server while its previous push is in flight.</summary>
internal sealed class ServerQueue(IWorkshopObserver observer)
{
    /// <summary>The server's observer as of its latest subscription.</summary>
    public IWorkshopObserver Observer { get; set; } = observer;

    /// <summary>Published since the call in flight was sent; they go together as the next call.</summary>
    public List<WorkshopNotice> Pending { get; } = [];

    /// <summary>Completes when nothing is pending and no call is in flight.</summary>
    public Task Flight { get; set; } = Task.CompletedTask;
}
