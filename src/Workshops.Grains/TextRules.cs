using System.Globalization;
using System.Text;
using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>What user text must look like before it is stored.</summary>
internal static class TextRules
{
    /// <summary>
    /// Trims, normalizes to NFC (a Turkish "ş" typed as s + combining cedilla is one letter), and
    /// checks length as a person counts it (text elements, so an emoji is one). Line feeds are
    /// allowed; every other control character is refused.
    /// </summary>
    public static string Clean(string? text, int maxLength, string what)
    {
        if (text is null)
        {
            throw WorkshopException.Invalid($"{what} is required");
        }

        var cleaned = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (!cleaned.IsNormalized(NormalizationForm.FormC))
        {
            cleaned = cleaned.Normalize(NormalizationForm.FormC);
        }

        if (cleaned.Length == 0)
        {
            throw WorkshopException.Invalid($"{what} is empty");
        }

        foreach (var ch in cleaned)
        {
            if (ch != '\n' && (char.IsControl(ch) || ch is '\u2028' or '\u2029'))
            {
                throw WorkshopException.Invalid($"{what} contains a control character");
            }
        }

        var length = new StringInfo(cleaned).LengthInTextElements;
        if (length > maxLength)
        {
            throw WorkshopException.Invalid($"{what} is {length} characters long; at most {maxLength} are allowed");
        }

        return cleaned;
    }

    /// <summary>Like <see cref="Clean"/> but null or blank means "not given".</summary>
    public static string? CleanOptional(string? text, int maxLength, string what) =>
        string.IsNullOrWhiteSpace(text) ? null : Clean(text, maxLength, what);

    public static string ClientOpId(string? clientOpId)
    {
        if (string.IsNullOrEmpty(clientOpId) || clientOpId.Length > 64)
        {
            throw WorkshopException.Invalid("clientOpId must be 1-64 characters");
        }

        foreach (var ch in clientOpId)
        {
            if (char.IsControl(ch))
            {
                throw WorkshopException.Invalid("clientOpId contains a control character");
            }
        }

        return clientOpId;
    }
}
