using Workshops.Contracts;
using Workshops.LoadTool.Storm;

namespace Workshops.LoadTool.Floor;

/// <summary>The HTTP calls a vote storm makes (sign-in, join, create event, export), answered from memory.</summary>
internal static class FloorEndpoints
{
    public sealed record KeyRequest(string? Key);

    public sealed record JoinRequest(string? Code, string? DisplayName, string? Group);

    public static void MapFloorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "floor" }));
        app.MapPost("/api/auth/key", (KeyRequest? request, FloorState state) => Answer(() => state.SignIn(request?.Key)));
        app.MapPost("/api/auth/join", (JoinRequest? request, FloorState state) =>
            Answer(() => state.Join(request?.Code, request?.DisplayName, request?.Group)));
        app.MapPost("/api/events", (EventProgram? program, HttpContext http, FloorState state) =>
            Answer(() => state.CreateEvent(CallerOf(http, state), program ?? throw new FloorRefusalException(ErrorCodes.InvalidInput, "no program")), StatusCodes.Status201Created));
        app.MapGet("/api/events/{eventId}/export", (string eventId, HttpContext http, FloorState state) =>
            Answer(() => state.Export(CallerOf(http, state), eventId)));
    }

    private static Caller CallerOf(HttpContext http, FloorState state)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        return state.Resolve(token) ?? throw new FloorRefusalException(ErrorCodes.Unauthorized, "no valid token");
    }

    private static IResult Answer<T>(Func<T> call, int status = StatusCodes.Status200OK)
    {
        try
        {
            return Results.Json(call(), StormJson.Options, statusCode: status);
        }
        catch (FloorRefusalException refusal)
        {
            return Results.Json(
                new { code = refusal.Code, title = refusal.Message },
                StormJson.Options,
                "application/problem+json",
                ErrorCodes.HttpStatus(refusal.Code));
        }
    }
}
