using Orleans.Runtime;

namespace Workshops.Server.Realtime;

/// <summary>
/// When another server leaves the cluster (killed or stopped), the workshops whose grains it held
/// are activated again on the servers left, and a new activation knows no subscriber: until this
/// server's next renewal (<see cref="WorkshopSubscriptions.RenewEvery"/>), screens connected here
/// hear nothing of those workshops. So as soon as membership declares a server dead, this server
/// renews all its subscriptions, and once more a little later for grains still being moved.
/// </summary>
public sealed partial class MembershipWatch(
    IClusterMembershipService membership,
    WorkshopSubscriptions subscriptions,
    ILogger<MembershipWatch> logger) : BackgroundService
{
    internal static readonly TimeSpan SecondRenewal = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = Dead(membership.CurrentSnapshot);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var now = Dead(snapshot);
                var gone = now.Except(dead).ToList();
                dead = now;
                if (gone.Count == 0)
                {
                    continue;
                }

                LogServerGone(logger, string.Join(", ", gone));
                subscriptions.RenewNow();
                _ = Task.Delay(SecondRenewal, stoppingToken).ContinueWith(_ => subscriptions.RenewNow(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static HashSet<SiloAddress> Dead(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress)];

    [LoggerMessage(1, LogLevel.Warning, "Server(s) {Silos} left the cluster: renewing this server's workshop subscriptions")]
    private static partial void LogServerGone(ILogger logger, string silos);
}
