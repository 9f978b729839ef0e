using System.Security.Claims;
using Workshops.Contracts;

namespace Workshops.Server.Auth;

/// <summary>
/// Whether a verified token is still honoured: an admin token must come from the current admin
/// key; an event's token needs the event to exist and, for staff, its seat's current key
/// generation, for a participant a badge not revoked. Checked on every HTTP request, every hub call and by the sweep of open connections.
/// </summary>
public sealed class TokenCheck(AdminKey admin, EventAccessCache access)
{
    public ValueTask<bool> IsHonouredAsync(ClaimsPrincipal user) => IsHonouredAsync(VerifiedToken.From(user));

    public async ValueTask<bool> IsHonouredAsync(VerifiedToken? token)
    {
        if (token is null)
        {
            return false;
        }

        var caller = token.Caller;
        if (caller.Role == Role.Admin)
        {
            return string.Equals(token.AdminKeyId, admin.TokenId, StringComparison.Ordinal);
        }

        if (string.IsNullOrEmpty(caller.EventId))
        {
            return false;
        }

        var state = await access.GetAsync(caller.EventId);
        return state.Honours(caller.Role, caller.WorkshopId, token.KeyGeneration, caller.ParticipantId);
    }

    /// <summary>True when the token's event no longer exists (as far as this server knows now).</summary>
    public async ValueTask<bool> IsEventGoneAsync(string eventId) => !(await access.GetAsync(eventId)).Exists;
}
