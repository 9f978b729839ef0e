using System.Security.Cryptography;
using Workshops.Contracts;

namespace Workshops.Cli.Events;

/// <summary>Event ids for new events, and the join code a user may type instead of an id.</summary>
public static class EventIds
{
    // The same shape as the HTTP route's ids ("e" + 9 of these; src/Workshops.Grains/Secrets.cs).
    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    // Join codes: 6 characters, no look-alikes (Secrets.JoinCodeAlphabet).
    private const string JoinCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int JoinCodeLength = 6;

    public static string New() => "e" + RandomNumberGenerator.GetString(IdAlphabet, 9);

    /// <summary>
    /// An event id as is, or a join code (any case, spaces and dashes ignored) looked up. Ids are
    /// never 6 characters long, so the two cannot be confused.
    /// </summary>
    public static async Task<string> ResolveAsync(IGrainFactory grains, string reference)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var text = (reference ?? "").Trim();
        if (text.Length == 0)
        {
            throw new CliException(ExitCodes.InvalidInput, "the event id is empty");
        }

        if (AsJoinCode(text) is not { } code)
        {
            return text;
        }

        return await grains.GetGrain<IJoinCodeGrain>(code).GetEventId()
            ?? throw new CliException(ExitCodes.NotFound, $"not found: no event has the join code {code}");
    }

    internal static string? AsJoinCode(string text)
    {
        var code = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        return code.Length == JoinCodeLength && code.All(c => JoinCodeAlphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }
}
