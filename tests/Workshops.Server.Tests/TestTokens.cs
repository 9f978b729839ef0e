using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// Tokens the server never issued: expired ones signed with the real test key, ones signed with
/// another key, and unsigned ("alg": "none") ones. Claims as TokenIssuer writes them.
/// </summary>
public static class TestTokens
{
    /// <summary>32 bytes that are not the server's key.</summary>
    private const string OtherKey = "YW5vdGhlci1rZXktdGhhdC1pcy1ub3QtdGhlLXNlcnZlcg==";

    public static string Expired(string role, string? eventId = null, string? workshopId = null, string? participantId = null)
    {
        // Far beyond the server's 30 s clock skew.
        var now = DateTime.UtcNow;
        return Sign(ServerOptions.TestSigningKey, Claims(role, eventId, workshopId, participantId), now.AddHours(-2), now.AddMinutes(-10));
    }

    public static string SignedWithAnotherKey(string role, string? eventId = null, string? workshopId = null, string? participantId = null)
    {
        var now = DateTime.UtcNow;
        return Sign(OtherKey, Claims(role, eventId, workshopId, participantId), now.AddMinutes(-1), now.AddHours(1));
    }

    /// <summary>A valid token but for another audience: right key, wrong service.</summary>
    public static string ForAnotherAudience(string role)
    {
        var now = DateTime.UtcNow;
        return Sign(ServerOptions.TestSigningKey, Claims(role, null, null, null), now.AddMinutes(-1), now.AddHours(1), audience: "someone-else");
    }

    public static string WithoutSignature(string role, string? eventId = null, string? workshopId = null, string? participantId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["role"] = role,
            ["iss"] = "workshops",
            ["aud"] = "workshops",
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        AddIfPresent(payload, "eid", eventId);
        AddIfPresent(payload, "wid", workshopId);
        AddIfPresent(payload, "pid", participantId);
        return Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
            + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(payload))) + ".";
    }

    /// <summary>The admin-key id the server puts in admin tokens: HMAC-SHA256(signing key, SHA-256(admin key)), 16 bytes, base64url.</summary>
    public static string AdminKeyId(string adminKey)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(adminKey));
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(ServerOptions.TestSigningKey), hash);
        return Convert.ToBase64String(mac, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Sign(string base64Key, IEnumerable<Claim> claims, DateTime notBefore, DateTime expires, string audience = "workshops")
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(base64Key));
        var token = new JwtSecurityToken("workshops", audience, claims, notBefore, expires, new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private static List<Claim> Claims(string role, string? eventId, string? workshopId, string? participantId)
    {
        var claims = new List<Claim> { new("role", role) };
        if (eventId is not null)
        {
            claims.Add(new Claim("eid", eventId));
        }

        if (workshopId is not null)
        {
            claims.Add(new Claim("wid", workshopId));
        }

        if (participantId is not null)
        {
            claims.Add(new Claim("pid", participantId));
        }

        return claims;
    }

    private static void AddIfPresent(Dictionary<string, object> payload, string name, string? value)
    {
        if (value is not null)
        {
            payload[name] = value;
        }
    }
}
