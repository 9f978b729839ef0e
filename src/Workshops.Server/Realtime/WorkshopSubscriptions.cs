using System.Collections.Concurrent;
using Orleans.Runtime;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// Keeps this server subscribed to exactly the workshops it holds connections for: attaches on
/// the first connection, tells the grain who is here when that changes (debounced), renews
/// before the grain's expiry, detaches when the last connection leaves (the Voting sample's
/// renewal loop). Also reports this server to the cluster directory for `workshops status`.
/// </summary>
public sealed partial class WorkshopSubscriptions(
    IGrainFactory grains,
    WorkshopConnections connections,
    ILocalSiloDetails silo,
    ILogger<WorkshopSubscriptions> logger) : BackgroundService
{
    /// <summary>
    /// Well within the grain's 30 s expiry. Also how soon a workshop grain that was re-activated
    /// elsewhere (its server died) learns which servers hold its connections again.
    /// </summary>
    internal static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    internal static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);

    internal static readonly TimeSpan PresenceDebounce = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<string, Task> _attached = new(StringComparer.Ordinal);
    private IWorkshopObserver? _reference;
    private int _renewNow;

    public string ServerId { get; } = silo.SiloAddress.ToParsableString();

    /// <summary>The URL this server's pages answer on, for the directory; set at start-up.</summary>
    public string? PublicUrl { get; set; }

    private IWorkshopObserver Reference => _reference ??= grains.CreateObjectReference<IWorkshopObserver>(connections);

    /// <summary>Renews every subscription at the next tick: grains may have moved (see <see cref="MembershipWatch"/>).</summary>
    public void RenewNow() => Interlocked.Exchange(ref _renewNow, 1);

    /// <summary>Completes once this server receives the workshop's changes.</summary>
    public Task EnsureAttachedAsync(string workshopId)
    {
        var task = _attached.GetOrAdd(workshopId, AttachAsync);
        if (task.IsFaulted || task.IsCanceled)
        {
            _attached.TryRemove(new KeyValuePair<string, Task>(workshopId, task));
            task = _attached.GetOrAdd(workshopId, AttachAsync);
        }

        return task;
    }

    private Task AttachAsync(string workshopId) =>
        grains.GetGrain<IWorkshopGrain>(workshopId).Attach(ServerId, Reference, connections.PeopleIn(workshopId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastRenewal = DateTimeOffset.UtcNow;
        var lastReport = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(PresenceDebounce);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var renew = Interlocked.Exchange(ref _renewNow, 0) == 1 || DateTimeOffset.UtcNow - lastRenewal >= RenewEvery;
                var due = renew ? connections.Workshops().Concat(connections.TakeDirty()).Distinct(StringComparer.Ordinal).ToList() : connections.TakeDirty();
                if (renew)
                {
                    lastRenewal = DateTimeOffset.UtcNow;
                }

                if (DateTimeOffset.UtcNow - lastReport >= ReportEvery)
                {
                    lastReport = DateTimeOffset.UtcNow;
                    await ReportAsync();
                }

                await Task.WhenAll(due.Select(UpdateAsync));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task UpdateAsync(string workshopId)
    {
        try
        {
            var grain = grains.GetGrain<IWorkshopGrain>(workshopId);
            if (connections.HasConnections(workshopId))
            {
                var attach = grain.Attach(ServerId, Reference, connections.PeopleIn(workshopId));
                _attached[workshopId] = attach;
                await attach;
            }
            else
            {
                _attached.TryRemove(workshopId, out _);
                await grain.Detach(ServerId);
            }
        }
        catch (Exception ex)
        {
            // Retried at the next renewal; until then the grain's expiry covers us.
            LogUpdateFailed(logger, ex, workshopId);
        }
    }

    private async Task ReportAsync()
    {
        try
        {
            var (connectionCount, people) = connections.Counts();
            await grains.GetGrain<IClusterDirectoryGrain>(0).Report(
                new ServerReport(ServerId, PublicUrl, connectionCount, people, connections.Workshops(), DateTimeOffset.UtcNow));
        }
        catch (Exception ex)
        {
            LogUpdateFailed(logger, ex, "(directory)");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Leave politely so that presence drops at once rather than at expiry.
        foreach (var workshopId in _attached.Keys)
        {
            try
            {
                await grains.GetGrain<IWorkshopGrain>(workshopId).Detach(ServerId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception ex)
            {
                LogUpdateFailed(logger, ex, workshopId);
            }
        }

        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Warning, "Updating the subscription of workshop {WorkshopId} failed")]
    private static partial void LogUpdateFailed(ILogger logger, Exception error, string workshopId);
}
