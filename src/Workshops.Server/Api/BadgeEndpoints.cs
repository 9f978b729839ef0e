using Workshops.Contracts;
using Workshops.Server.Auth;

namespace Workshops.Server.Api;

/// <summary>Personal badges over HTTP (PROTOCOL.md section 8). The event grain decides; this only maps.</summary>
internal static class BadgeEndpoints
{
    public sealed record CreateRequest(int? Count, IReadOnlyList<BadgePerson>? People);

    public sealed record IssuedReply(IReadOnlyList<BadgeIssued> Badges);

    public sealed record ListReply(IReadOnlyList<BadgeListing> Badges);

    public static void MapBadgeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events/{eventId}/badges", Create).RequireAuthorization();
        app.MapGet("/api/events/{eventId}/badges", List).RequireAuthorization();
        app.MapDelete("/api/events/{eventId}/badges/{badgeId}", Revoke).RequireAuthorization();
    }

    private static async Task<IResult> Create(string eventId, CreateRequest? request, HttpContext http, IGrainFactory grains)
    {
        var caller = http.User.RequireCaller();
        if (request is null)
        {
            return Problems.From(ErrorCodes.InvalidInput, "the body is { count } or { people }");
        }

        var issued = await grains.GetGrain<IEventGrain>(eventId).CreateBadges(caller, request.Count, request.People);
        return TypedResults.Created($"/api/events/{eventId}/badges", new IssuedReply(issued));
    }

    private static async Task<IResult> List(string eventId, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(new ListReply(await grains.GetGrain<IEventGrain>(eventId).GetBadges(http.User.RequireCaller())));

    private static async Task<IResult> Revoke(string eventId, string badgeId, HttpContext http, IGrainFactory grains, EventAccessCache access)
    {
        await grains.GetGrain<IEventGrain>(eventId).RevokeBadge(http.User.RequireCaller(), badgeId);

        // The holder's tokens end here at once, on the other servers within the cache's seconds.
        access.Invalidate(eventId);
        return TypedResults.NoContent();
    }
}
