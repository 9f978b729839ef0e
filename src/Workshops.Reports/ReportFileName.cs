using System.Globalization;
using System.Text;

namespace Workshops.Reports;

/// <summary>
/// A file name that survives every browser, OS and Content-Disposition header:
/// lowercase ASCII letters, digits and '-', e.g. <c>2-ulusal-danisma-toplantisi-2021-11-25.docx</c>.
/// </summary>
public static class ReportFileName
{
    private const int MaxStemLength = 80;

    public static string For(string? title, string? date, ReportFormat format)
    {
        var stem = Slug(title);
        if (stem.Length == 0)
        {
            stem = "workshops";
        }

        var day = Slug(date);
        if (day.Length > 0)
        {
            stem += "-" + day;
        }

        return stem + "." + ReportFormats.QueryValue(format);
    }

    /// <summary>
    /// Turkish letters by hand (ı and İ do not decompose to i), other accented Latin letters
    /// by dropping their marks, everything else becomes one '-'.
    /// </summary>
    public static string Slug(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var pendingDash = false;
        foreach (var c in WellFormed(text).Normalize(NormalizationForm.FormD))
        {
            var folded = Fold(c);
            if (folded == '\0')
            {
                // A combining mark: the base letter was already written.
                continue;
            }

            if (folded == '-')
            {
                pendingDash = builder.Length > 0;
                continue;
            }

            if (builder.Length >= MaxStemLength)
            {
                break;
            }

            if (pendingDash)
            {
                builder.Append('-');
                pendingDash = false;
            }

            builder.Append(folded);
        }

        return builder.ToString();
    }

    /// <summary>Lone surrogates would make Normalize throw; they carry no letter anyway.</summary>
    private static string WellFormed(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune == Rune.ReplacementChar ? "-" : rune.ToString());
        }

        return builder.ToString();
    }

    // '\0' = skip, '-' = separator, else the ASCII character to write.
    private static char Fold(char c)
    {
        switch (c)
        {
            case 'ı' or 'İ':
                return 'i';
            case 'ş' or 'Ş':
                return 's';
            case 'ğ' or 'Ğ':
                return 'g';
            case 'ü' or 'Ü':
                return 'u';
            case 'ö' or 'Ö':
                return 'o';
            case 'ç' or 'Ç':
                return 'c';
        }

        if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
        {
            return c;
        }

        if (c is >= 'A' and <= 'Z')
        {
            // ASCII only, so no culture can turn 'I' into 'ı' here.
            return (char)(c + ('a' - 'A'));
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            ? '\0'
            : '-';
    }
}
