using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Workshops.Grains;

/// <summary>Random ids, keys and join codes, and the one-way hash keys are stored under.</summary>
public static class Secrets
{
    /// <summary>No 0/O, 1/I/L: a code read aloud in a hall or off a projector is typed right.</summary>
    public const string JoinCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private const string IdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string NewJoinCode() => RandomNumberGenerator.GetString(JoinCodeAlphabet, 6);

    /// <summary>
    /// Badge codes: 12 characters of the join-code alphabet, about 59 bits, printed in groups of
    /// four. Unlike the join code a badge is personal and stays valid, so it must not be guessable
    /// even with many tries (joins are also rate limited per address).
    /// </summary>
    public const int BadgeCodeLength = 12;

    public static string NewBadgeCode() => RandomNumberGenerator.GetString(JoinCodeAlphabet, BadgeCodeLength);

    /// <summary>What a badge is stored and looked up under: the hash of its normalized code, in its own domain.</summary>
    public static string HashBadgeCode(string normalizedCode) => HashKey("badge:" + normalizedCode);

    public static string NewId(int length = 10) => RandomNumberGenerator.GetString(IdAlphabet, length);

    /// <summary>256 random bits, URL-safe: a key that cannot be guessed.</summary>
    public static string NewKey(string prefix) =>
        prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Keys are stored (and looked up) only as this hash.</summary>
    public static string HashKey(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Join codes are typed by people: ignore case and spaces, ordinally.</summary>
    public static string NormalizeJoinCode(string? code) =>
        (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
}
