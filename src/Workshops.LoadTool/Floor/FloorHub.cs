using Microsoft.AspNetCore.SignalR;
using Workshops.Contracts;

namespace Workshops.LoadTool.Floor;

/// <summary>
/// The bare hub: the contract's method names answered from <see cref="FloorState"/> under its
/// lock. The token is read once per connection, as JWT bearer authentication does.
/// </summary>
internal sealed class FloorHub(FloorState state) : Hub
{
    private const string CallerKey = "caller";

    private Caller Me => Context.Items.TryGetValue(CallerKey, out var caller) && caller is Caller known
        ? known
        : throw new HubException(ErrorCodes.Unauthorized + ": no valid token");

    public override Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        var header = http?.Request.Headers.Authorization.ToString();
        var token = header is { Length: > 7 } && header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? header[7..]
            : http?.Request.Query["access_token"].ToString();
        if (state.Resolve(token) is { } caller)
        {
            Context.Items[CallerKey] = caller;
        }
        else
        {
            Context.Abort();
        }

        return base.OnConnectedAsync();
    }

    public async Task<WorkshopSnapshot> JoinWorkshop(string workshopId)
    {
        var me = Me;
        Refusals(() => state.Snapshot(me, workshopId));
        await Groups.AddToGroupAsync(Context.ConnectionId, me.IsStaff ? FloorState.StaffGroup(workshopId) : FloorState.PeopleGroup(workshopId));

        // After listening: later events carry higher versions.
        return Refusals(() => state.Snapshot(me, workshopId));
    }

    public Task LeaveWorkshop(string workshopId)
    {
        var me = Me;
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, me.IsStaff ? FloorState.StaffGroup(workshopId) : FloorState.PeopleGroup(workshopId));
    }

    public Idea AddIdea(string workshopId, IdeaInput idea) => Refusals(() => state.AddIdea(Me, workshopId, idea));

    public VoteReceipt CastVote(string workshopId, string ideaId, string clientOpId) =>
        Refusals(() => state.ChangeVote(Me, workshopId, ideaId, clientOpId, cast: true));

    public VoteReceipt RetractVote(string workshopId, string ideaId, string clientOpId) =>
        Refusals(() => state.ChangeVote(Me, workshopId, ideaId, clientOpId, cast: false));

    public void SetPhase(string workshopId, string phase) => Refusals(() =>
    {
        state.SetPhase(Me, workshopId, phase);
        return true;
    });

    private static T Refusals<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (FloorRefusalException refusal)
        {
            throw new HubException(refusal.Code + ": " + refusal.Message);
        }
    }
}
