using System.Security.Claims;
using Workshops.Contracts;

namespace Workshops.Server.Auth;

/// <summary>Turns a verified token back into the <see cref="Caller"/> the grains judge.</summary>
internal static class CallerPrincipal
{
    public static Caller? ToCaller(this ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true || !WireNames.TryParseRole(user.FindFirstValue(Claims.Role), out var role))
        {
            return null;
        }

        return new Caller(
            role,
            user.FindFirstValue(Claims.EventId),
            user.FindFirstValue(Claims.WorkshopId),
            user.FindFirstValue(Claims.ParticipantId),
            user.FindFirstValue(Claims.Name),
            user.FindFirstValue(Claims.Group));
    }

    public static Caller RequireCaller(this ClaimsPrincipal? user) =>
        user.ToCaller() ?? throw new WorkshopException(ErrorCodes.Unauthorized, "a valid token is required");
}
