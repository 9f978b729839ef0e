using System.Globalization;
using System.Security.Claims;
using Workshops.Contracts;

namespace Workshops.Server.Auth;

/// <summary>
/// What a verified token says, read from its claims once. A hub connection keeps one for its
/// lifetime: reading the claims on every call cost ~5 % of a vote storm's CPU (profile in
/// docs/benchmarks.md).
/// </summary>
public sealed class VerifiedToken
{
    private VerifiedToken(Caller caller, int keyGeneration, string? adminKeyId)
    {
        Caller = caller;
        KeyGeneration = keyGeneration;
        AdminKeyId = adminKeyId;
        ActorKey = caller.ActorKey;
    }

    public Caller Caller { get; }

    /// <summary>The seat key's generation the token was issued under (staff; 0 otherwise).</summary>
    public int KeyGeneration { get; }

    /// <summary>Which admin key an admin token came from.</summary>
    public string? AdminKeyId { get; }

    /// <summary>The caller's person (participant or staff seat), computed once.</summary>
    public string ActorKey { get; }

    public static VerifiedToken? From(ClaimsPrincipal? user) =>
        user is not null && user.ToCaller() is { } caller
            ? new VerifiedToken(
                caller,
                int.TryParse(user.FindFirstValue(Claims.KeyGeneration), NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : 0,
                user.FindFirstValue(Claims.AdminKeyId))
            : null;
}
