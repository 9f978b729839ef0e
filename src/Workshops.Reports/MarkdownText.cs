using System.Text;

namespace Workshops.Reports;

/// <summary>
/// Makes user text (idea texts, titles, names) literal in Markdown, for CommonMark and for
/// the usual extensions (GitHub tables, Markdig's advanced set). A backslash before ASCII
/// punctuation is always a literal in CommonMark, so the rendered text equals the input; the
/// escaping only has to be generous enough, not exact.
/// </summary>
internal static class MarkdownText
{
    // Characters that start markup somewhere: code, emphasis (and ~~, ^, ++, ==, ""), links,
    // raw HTML and autolinks, entities, tables, math, attributes, headings, @mentions.
    private const string AlwaysEscaped = "\\`*_{}[]<>#|~^+=\"$&@";

    /// <summary>One line of literal text: line breaks and tabs become single spaces.</summary>
    /// <param name="text">User text.</param>
    /// <param name="startsBlock">
    /// True where the text opens a paragraph or a list item, so "- x" or "1. x" would start a
    /// list; false inside a heading or after a label, where only inline markup matters.
    /// </param>
    public static string Escape(string? text, bool startsBlock = true)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var flat = Flatten(text);
        var builder = new StringBuilder(flat.Length + 16);
        var leadingAlphanumerics = 0;
        for (var i = 0; i < flat.Length; i++)
        {
            var c = flat[i];
            var escape = AlwaysEscaped.Contains(c, StringComparison.Ordinal)
                // A list item or a thematic break at the start of the text.
                || (startsBlock && i == 0 && c == '-')
                // "1." or "1)" at the start is an ordered list ("a.", "iv)" with list extensions).
                || (startsBlock && i > 0 && i == leadingAlphanumerics && c is '.' or ')')
                // "http://", "mailto:x": autolinks; ":" first: definition lists, containers.
                // A colon before a space, as in prose, stays as it is.
                || (c == ':' && (i == 0 || i + 1 >= flat.Length || flat[i + 1] != ' '))
                // "www.example.org", "evil.com": keeps autolink extensions from making links.
                || (c == '.' && i > 0 && i + 1 < flat.Length && char.IsLetterOrDigit(flat[i - 1]) && char.IsLetterOrDigit(flat[i + 1]));
            if (char.IsAsciiLetterOrDigit(c) && leadingAlphanumerics == i)
            {
                leadingAlphanumerics++;
            }

            if (escape)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Whitespace runs (line breaks, tabs, control characters) become one space.</summary>
    public static string Flatten(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
