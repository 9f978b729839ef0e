using Workshops.Contracts;
using Workshops.Server.Auth;

namespace Workshops.Server.Api;

/// <summary>The organizer's console over HTTP (PROTOCOL.md section 7). The grains decide; this only maps.</summary>
internal static class ConsoleEndpoints
{
    public sealed record KeyRequest(string? Role, string? WorkshopId);

    public sealed record KeyReply(string Key);

    public sealed record JoinCodeReply(string JoinCode);

    public sealed record EventList(IReadOnlyList<EventListing> Events);

    public static void MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", ListEvents).RequireAuthorization();
        app.MapPut("/api/events/{eventId}", UpdateEvent).RequireAuthorization();
        app.MapDelete("/api/events/{eventId}", DeleteEvent).RequireAuthorization();
        app.MapPost("/api/events/{eventId}/keys", RotateKey).RequireAuthorization();
        app.MapPost("/api/events/{eventId}/join-code", NewJoinCode).RequireAuthorization();
    }

    private static async Task<IResult> ListEvents(HttpContext http, IGrainFactory grains)
    {
        if (http.User.RequireCaller().Role != Role.Admin)
        {
            return Problems.From(ErrorCodes.Forbidden, "only an admin lists the events");
        }

        var ids = await grains.GetGrain<IEventDirectoryGrain>(0).List();
        var listings = await Task.WhenAll(ids.Select(id => grains.GetGrain<IEventGrain>(id).GetListing()));
        return TypedResults.Ok(new EventList([.. listings.OfType<EventListing>().OrderByDescending(e => e.CreatedAt)]));
    }

    private static async Task<IResult> UpdateEvent(string eventId, EventProgram? program, HttpContext http, IGrainFactory grains, EventAccessCache access)
    {
        var caller = http.User.RequireCaller();
        if (program is null)
        {
            return Problems.From(ErrorCodes.InvalidInput, "the body must be an event program");
        }

        var updated = await grains.GetGrain<IEventGrain>(eventId).Update(caller, program);

        // A removed workshop's facilitator tokens end here at once, elsewhere within seconds.
        access.Invalidate(eventId);
        return TypedResults.Ok(updated);
    }

    private static async Task<IResult> DeleteEvent(string eventId, HttpContext http, IGrainFactory grains, EventAccessCache access)
    {
        await grains.GetGrain<IEventGrain>(eventId).Delete(http.User.RequireCaller());
        access.Invalidate(eventId);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RotateKey(string eventId, KeyRequest? request, HttpContext http, IGrainFactory grains, EventAccessCache access)
    {
        var caller = http.User.RequireCaller();
        if (!WireNames.TryParseRole(request?.Role, out var role) || role is not (Role.Moderator or Role.Facilitator))
        {
            return Problems.From(ErrorCodes.InvalidInput, "role is \"moderator\" or \"facilitator\"");
        }

        var key = await grains.GetGrain<IEventGrain>(eventId).RotateKey(caller, role, request!.WorkshopId);
        access.Invalidate(eventId);
        return TypedResults.Ok(new KeyReply(key));
    }

    private static async Task<IResult> NewJoinCode(string eventId, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(new JoinCodeReply(await grains.GetGrain<IEventGrain>(eventId).NewJoinCode(http.User.RequireCaller())));
}
