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
