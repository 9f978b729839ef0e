using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Workshops.Contracts;
using Workshops.Server.Auth;

namespace Workshops.Server.Realtime;

/// <summary>
/// <c>/hubs/workshop</c>: each method hands the caller (from the verified token) to the
/// workshop grain, which decides. Refusals become HubExceptions "code: message" in
/// <see cref="WorkshopHubFilter"/>.
/// </summary>
[Authorize]
public sealed class WorkshopHub(IGrainFactory grains, WorkshopConnections connections, WorkshopSubscriptions subscriptions, HubSessions sessions, VoteBatcher votes)
    : Hub<IWorkshopClient>
{
    private static readonly object GrainItem = new();

    private Caller Me => WorkshopHubFilter.TokenOf(Context)?.Caller
        ?? throw new WorkshopException(ErrorCodes.Unauthorized, "a valid token is required");

    private IWorkshopGrain Workshop(string workshopId)
    {
        CheckWorkshopId(workshopId);
        return Reference(workshopId);
    }

    private static void CheckWorkshopId(string workshopId)
    {
        if (string.IsNullOrEmpty(workshopId) || workshopId.Length > 128)
        {
            throw WorkshopException.Invalid("workshopId is required");
        }

        // Ids are the server's own (letters and digits): such a workshop cannot exist, and a grain
        // key of whitespace or control characters failed inside the runtime (found by FuzzTests).
        if (workshopId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c)))
        {
            throw WorkshopException.NotFound("no such workshop");
        }
    }

    /// <summary>
    /// The connection keeps the reference of the workshop it last called: Orleans' GetGrain resolves
    /// the interface by reflection and builds a proxy on every call, ~5 % of a vote storm's CPU
    /// (docs/benchmarks.md). A page works in one workshop, so one slot per connection is enough.
    /// </summary>
    private IWorkshopGrain Reference(string workshopId)
    {
        if (Context.Items.TryGetValue(GrainItem, out var kept) && kept is KeyValuePair<string, IWorkshopGrain> last
            && string.Equals(last.Key, workshopId, StringComparison.Ordinal))
        {
            return last.Value;
        }

        var grain = grains.GetGrain<IWorkshopGrain>(workshopId);
        Context.Items[GrainItem] = KeyValuePair.Create(workshopId, grain);
        return grain;
    }

    public async Task<WorkshopSnapshot> JoinWorkshop(string workshopId)
    {
        var me = Me;
        var grain = Workshop(workshopId);

        // Refuse before listening: the grain checks role and scope.
        await grain.GetSnapshot(me);
        connections.Join(Context.ConnectionId, workshopId, me);
        await subscriptions.EnsureAttachedAsync(workshopId);

        // Taken after we listen: every later change arrives as an event with a higher version.
        return await grain.GetSnapshot(me);
    }

    public Task LeaveWorkshop(string workshopId)
    {
        _ = Me; // a connection without a caller is refused like every other call
        if (string.IsNullOrEmpty(workshopId))
        {
            throw WorkshopException.Invalid("workshopId is required"); // found by FuzzTests
        }

        connections.Leave(Context.ConnectionId, workshopId);
        return Task.CompletedTask;
    }

    public Task<Idea> AddIdea(string workshopId, IdeaInput idea) =>
        Workshop(workshopId).AddIdea(Me, idea ?? throw WorkshopException.Invalid("idea is required"));

    public Task<Idea> EditIdea(string workshopId, string ideaId, string text) =>
        Workshop(workshopId).EditIdea(Me, ideaId, text);

    public Task DeleteIdea(string workshopId, string ideaId) =>
        Workshop(workshopId).DeleteIdea(Me, ideaId);

    /// <summary>Votes go to the grain many to a call (<see cref="VoteBatcher"/>), each answered once stored.</summary>
    public Task<VoteReceipt> CastVote(string workshopId, string ideaId, string clientOpId) =>
        Vote(workshopId, ideaId, clientOpId, cast: true);

    public Task<VoteReceipt> RetractVote(string workshopId, string ideaId, string clientOpId) =>
        Vote(workshopId, ideaId, clientOpId, cast: false);

    private Task<VoteReceipt> Vote(string workshopId, string ideaId, string clientOpId, bool cast)
    {
        var me = Me;
        CheckWorkshopId(workshopId);
        return votes.Submit(workshopId, new VoteRequest(me, ideaId, clientOpId, cast));
    }

    public Task SetPhase(string workshopId, string phase) =>
        Workshop(workshopId).SetPhase(Me, phase);

    public Task StartTimer(string workshopId, int seconds) =>
        Workshop(workshopId).StartTimer(Me, seconds);

    public Task StopTimer(string workshopId) =>
        Workshop(workshopId).StopTimer(Me);

    public Task<Idea> HideIdea(string workshopId, string ideaId) =>
        Workshop(workshopId).HideIdea(Me, ideaId);

    public Task<Idea> RestoreIdea(string workshopId, string ideaId) =>
        Workshop(workshopId).RestoreIdea(Me, ideaId);

    public Task<Idea> MergeIdeas(string workshopId, string targetIdeaId, string[] sourceIdeaIds) =>
        Workshop(workshopId).MergeIdeas(Me, targetIdeaId, sourceIdeaIds ?? []);

    public Task<Output> SetOutput(string workshopId, string boardId, OutputInput output) =>
        Workshop(workshopId).SetOutput(Me, boardId, output ?? throw WorkshopException.Invalid("output is required"));

    /// <summary>Added to the contract: gives the board back its top-voted output.</summary>
    public Task<Output> ClearOutput(string workshopId, string boardId) =>
        Workshop(workshopId).ClearOutput(Me, boardId);

    /// <summary>Section 9: the raised hands counted in the room for an idea.</summary>
    public Task<Idea> SetHallVotes(string workshopId, string ideaId, int count) =>
        Workshop(workshopId).SetHallVotes(Me, ideaId, count);

    public Task UpdateSettings(string workshopId, WorkshopSettings settings) =>
        Workshop(workshopId).UpdateSettings(Me, settings ?? throw WorkshopException.Invalid("settings are required"));

    public override Task OnConnectedAsync()
    {
        sessions.Add(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Remove(Context.ConnectionId);
        connections.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
