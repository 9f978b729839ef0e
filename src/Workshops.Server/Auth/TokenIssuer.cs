using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Workshops.Contracts;
using Workshops.Server.Hosting;

namespace Workshops.Server.Auth;

/// <summary>
/// Issues the bearer tokens: role and scope in claims, signed with the shared key. No name or
/// other free text goes in: a token travels with every request and hub connection, and the event
/// keeps the names. The stakeholder group is one of the event's own names, so it may.
/// </summary>
public sealed class TokenIssuer(SigningKeyStore keys, AdminKey admin, IOptions<WorkshopsOptions> options, TimeProvider clock)
{
    public const string Issuer = "workshops";
    public const string Audience = "workshops";

    // The handler JwtBearer validates with; the legacy JwtSecurityTokenHandler is not needed.
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <param name="keyGeneration">Staff: the generation of the key signed in with (see <see cref="Credential.Generation"/>).</param>
    public string Issue(Caller caller, int keyGeneration = 0)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var claims = new List<Claim> { new(Claims.Role, WireNames.Of(caller.Role)) };
        AddIfPresent(claims, Claims.EventId, caller.EventId);
        AddIfPresent(claims, Claims.WorkshopId, caller.WorkshopId);
        AddIfPresent(claims, Claims.ParticipantId, caller.ParticipantId);
        AddIfPresent(claims, Claims.Group, caller.Group);
        if (caller.Role == Role.Admin)
        {
            claims.Add(new Claim(Claims.AdminKeyId, admin.TokenId));
        }
        else if (caller.IsStaff && keyGeneration != 0)
        {
            claims.Add(new Claim(Claims.KeyGeneration, keyGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer32));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-1),
            Expires = now + options.Value.TokenLifetime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static void AddIfPresent(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}
