using Workshops.Contracts;
using Workshops.Server.Auth;

namespace Workshops.Server.Api;

/// <summary>Personal data (PROTOCOL.md section 11): a participant's own data and its erasure, the event's purge.</summary>
internal static class PersonalDataEndpoints
{
    public static void MapPersonalDataEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", GetMine).RequireAuthorization();
        app.MapDelete("/api/me", EraseMine).RequireAuthorization();
        app.MapGet("/api/events/{eventId}/personal-data", GetStatus).RequireAuthorization();
        app.MapDelete("/api/events/{eventId}/personal-data", Purge).RequireAuthorization();
    }

    private static async Task<IResult> GetMine(HttpContext http, IGrainFactory grains)
    {
        var caller = http.User.RequireCaller();
        if (caller.Role != Role.Participant || caller.EventId is null)
        {
            return Problems.From(ErrorCodes.Forbidden, "only a participant has personal data here; staff tokens have none");
        }

        return TypedResults.Ok(await grains.GetGrain<IEventGrain>(caller.EventId).GetPersonalData(caller));
    }

    private static async Task<IResult> EraseMine(HttpContext http, IGrainFactory grains, EventAccessCache access)
    {
        var caller = http.User.RequireCaller();
        if (caller.Role != Role.Participant || caller.EventId is null)
        {
            return Problems.From(ErrorCodes.Forbidden, "only a participant erases their own data; staff tokens have none");
        }

        await grains.GetGrain<IEventGrain>(caller.EventId).EraseMyData(caller);

        // This server refuses the token at once; the others within the cache's age and the sweep's interval.
        access.Invalidate(caller.EventId);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetStatus(string eventId, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IEventGrain>(eventId).GetPersonalDataStatus(http.User.RequireCaller()));

    private static async Task<IResult> Purge(string eventId, HttpContext http, IGrainFactory grains)
    {
        await grains.GetGrain<IEventGrain>(eventId).PurgePersonalData(http.User.RequireCaller());
        return TypedResults.NoContent();
    }
}
