using System.Text;
using Workshops.Contracts;

namespace Workshops.Reports;

/// <summary>
/// One row per idea (RFC 4180, CRLF, UTF-8 with BOM so that spreadsheet programs read Turkish
/// letters). Header names are English and never translated: scripts read them. New columns go at
/// the end (section 9 added hallVotes, totalVotes, source), so that older readers keep working;
/// <c>votes</c> stays the digital votes.
/// </summary>
internal static class CsvReportWriter
{
    public static IReadOnlyList<string> Header { get; } =
        ["workshop", "area", "ideaId", "text", "author", "votes", "status", "chosenAsOutput", "consensus", "hallVotes", "totalVotes", "source"];

    /// <summary>
    /// Added at the end of every row in events with badges (section 8): where the groups behind
    /// the per-group counts come from, as the JSON's <c>groupSource</c>. Without badges the file
    /// stays what it was.
    /// </summary>
    public static IReadOnlyList<string> GroupSourceHeader { get; } = ["groupSource", "groupsFromBadges", "groupsDeclared"];

    public static byte[] Write(EventExport export)
    {
        var csv = new StringBuilder(4096);
        IReadOnlyList<string> groupSource = export.GroupSource is { } source
            ? [Cell(source.Source), ReportTexts.Number(source.FromBadges), ReportTexts.Number(source.Declared)]
            : [];
        Row(csv, Header.Select(Cell), groupSource.Count > 0 ? GroupSourceHeader : []);
        foreach (var workshop in export.Workshops)
        {
            foreach (var board in workshop.Boards)
            {
                var chosen = workshop.Outputs
                    .Where(output => string.Equals(output.Area, board.Area, StringComparison.Ordinal))
                    .SelectMany(output => output.SourceIdeaIds)
                    .ToHashSet(StringComparer.Ordinal);
                foreach (var idea in board.Ideas)
                {
                    Row(csv,
                    [
                        Cell(workshop.Title),
                        Cell(board.Area),
                        Cell(idea.IdeaId),
                        Cell(idea.Text),
                        Cell(idea.Author ?? ""),
                        ReportTexts.Number(idea.Votes),
                        Cell(StatusName(idea.Status)),
                        chosen.Contains(idea.IdeaId) ? "true" : "false",
                        // Invariant "0.447", empty when there is none: a number for scripts, like votes.
                        idea.Consensus is { } consensus ? consensus.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "",
                        ReportTexts.Number(idea.HallVotes),
                        ReportTexts.Number(idea.Votes + idea.HallVotes),
                        idea.Source == IdeaSource.Paper ? "paper" : "digital",
                    ], groupSource);
                }
            }
        }

        var utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        var preamble = utf8WithBom.GetPreamble();
        var body = utf8WithBom.GetBytes(csv.ToString());
        var bytes = new byte[preamble.Length + body.Length];
        preamble.CopyTo(bytes, 0);
        body.CopyTo(bytes, preamble.Length);
        return bytes;
    }

    /// <summary>The JSON names, so that the CSV and the JSON export say the same thing.</summary>
    public static string StatusName(IdeaStatus status) => status switch
    {
        IdeaStatus.Hidden => "hidden",
        IdeaStatus.Merged => "merged",
        _ => "visible",
    };

    /// <summary>
    /// A text cell: neutralised when a spreadsheet would run it as a formula, then quoted
    /// when RFC 4180 requires it.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            // A leading apostrophe makes Excel, LibreOffice and Sheets show the cell as text.
            value = "'" + value;
        }

        var needsQuotes = value.AsSpan().IndexOfAny("\",\r\n") >= 0
            || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Row(StringBuilder csv, IEnumerable<string> cells, IEnumerable<string> tail) =>
        csv.AppendJoin(',', cells.Concat(tail)).Append("\r\n");
}
