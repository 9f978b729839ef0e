using System.Globalization;
using System.Text;
using Workshops.Contracts;

namespace Workshops.Domain;

/// <summary>What user text must look like before it is stored.</summary>
public static class TextRules
{
    /// <summary>
    /// UTF-16 code units allowed per counted character, on average over the text. Most letters are
    /// 1 unit, a flag or an emoji with a skin tone 4, a family emoji 8 to 11; without this cap one
    /// "character" (a letter followed by thousands of combining marks, or a long ZWJ chain) could
    /// be hundreds of kilobytes.
    /// </summary>
    internal const int Utf16UnitsPerCharacter = 8;

    /// <summary>
    /// Combining marks allowed on one character. Real scripts use up to 3 or 4 (Vietnamese tone
    /// plus vowel mark, Devanagari clusters, a keycap emoji's U+FE0F U+20E3); "Zalgo" text uses dozens.
    /// </summary>
    internal const int MaxCombiningMarksPerCharacter = 6;

    /// <summary>
    /// Trims, normalizes to NFC (a Turkish "ş" typed as s + combining cedilla is one letter), and
    /// checks length as a person counts it (text elements, so an emoji is one) and in UTF-16 code
    /// units (<see cref="Utf16UnitsPerCharacter"/> per character). Line feeds are allowed; every
    /// other control character and the bidi embedding/override/isolate controls are refused; a
    /// text of nothing but invisible characters counts as empty.
    /// </summary>
    public static string Clean(string? text, int maxLength, string what)
    {
        if (text is null)
        {
            throw WorkshopException.Invalid($"{what} is required");
        }

        var maxUnits = maxLength * Utf16UnitsPerCharacter;

        // NFC and CRLF folding shrink a text at most about threefold: anything longer is refused
        // before it costs a normalization pass.
        if (text.Length > 3 * maxUnits)
        {
            throw TooLong(what, maxLength);
        }

        // Normalization throws on these (found by the hub fuzz test), and they are not text anyway.
        if (HasBrokenOrNonCharacter(text))
        {
            throw WorkshopException.Invalid($"{what} contains an unpaired surrogate or a Unicode noncharacter");
        }

        var cleaned = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (!cleaned.IsNormalized(NormalizationForm.FormC))
        {
            cleaned = cleaned.Normalize(NormalizationForm.FormC);
        }

        if (cleaned.Length == 0 || IsInvisibleOnly(cleaned))
        {
            throw WorkshopException.Invalid($"{what} is empty");
        }

        foreach (var ch in cleaned)
        {
            if (ch != '\n' && (char.IsControl(ch) || ch is '\u2028' or '\u2029'))
            {
                throw WorkshopException.Invalid($"{what} contains a control character");
            }

            if (IsBidiControl(ch))
            {
                throw WorkshopException.Invalid($"{what} contains a bidi embedding, override or isolate control");
            }
        }

        if (cleaned.Length > maxUnits)
        {
            throw TooLong(what, maxLength);
        }

        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(cleaned);
        while (elements.MoveNext())
        {
            length++;
            if (CombiningMarks(elements.GetTextElement()) > MaxCombiningMarksPerCharacter)
            {
                throw WorkshopException.Invalid($"{what} stacks more than {MaxCombiningMarksPerCharacter} combining marks on one character");
            }
        }

        if (length > maxLength)
        {
            throw WorkshopException.Invalid($"{what} is {length} characters long; at most {maxLength} are allowed");
        }

        return cleaned;
    }

    /// <summary>Like <see cref="Clean"/> but null, blank or invisible-only means "not given".</summary>
    public static string? CleanOptional(string? text, int maxLength, string what) =>
        string.IsNullOrWhiteSpace(text) || (text.Length <= 3 * maxLength * Utf16UnitsPerCharacter && IsInvisibleOnly(text.Trim()))
            ? null
            : Clean(text, maxLength, what);

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

    /// <summary>An unpaired surrogate, or a noncharacter (U+FDD0-U+FDEF, and U+xFFFE/U+xFFFF in every plane).</summary>
    private static bool HasBrokenOrNonCharacter(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return true;
            }

            var value = rune.Value;
            if (value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE)
            {
                return true;
            }

            rest = rest[consumed..];
        }

        return false;
    }

    /// <summary>LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: they reorder the text around them (CVE-2021-42574).</summary>
    private static bool IsBidiControl(char ch) => ch is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Zero-width space/joiners, word joiner, BOM and soft hyphen show nothing on their own.</summary>
    private static bool IsInvisible(char ch) =>
        ch is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' || char.IsWhiteSpace(ch);

    private static bool IsInvisibleOnly(string text)
    {
        foreach (var ch in text)
        {
            if (!IsInvisible(ch))
            {
                return false;
            }
        }

        return true;
    }

    private static int CombiningMarks(string element)
    {
        var marks = 0;
        foreach (var ch in element)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                marks++;
            }
        }

        return marks;
    }

    private static WorkshopException TooLong(string what, int maxLength) =>
        WorkshopException.Invalid($"{what} is too long; at most {maxLength} characters of at most {Utf16UnitsPerCharacter} UTF-16 code units each are allowed");
}
