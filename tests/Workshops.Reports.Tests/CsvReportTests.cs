using System.Globalization;
using System.Text;
using CsvHelper;
using Workshops.Contracts;

namespace Workshops.Reports.Tests;

public sealed class CsvReportTests
{
    private static readonly string[] Header = ["workshop", "area", "ideaId", "text", "author", "votes", "status", "chosenAsOutput", "consensus", "hallVotes", "totalVotes", "source"];

    private static readonly EventExport Export = TestExports.Create();

    private static byte[] Write() => ReportWriter.Write(Export, ReportFormat.Csv, "tr").Content;

    /// <summary>Reads the CSV with CsvHelper: the header and every record's cells.</summary>
    private static (IReadOnlyList<string> Header, List<string[]> Rows) Read(byte[] bytes)
    {
        using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvReader.Create(text, new CsvReaderOptions(), false);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        }

        return (csv.Headers.ToList(), rows);
    }

    [Fact]
    public void Csv_starts_with_a_utf8_bom_and_ends_every_record_with_crlf()
    {
        var bytes = Write();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith(string.Join(",", Header) + "\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        // Outside quoted cells every line break is CRLF; inside, the idea's own text is kept.
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && text[i] == '\n')
            {
                Assert.Equal('\r', text[i - 1]);
            }
            else if (!quoted && text[i] == '\r')
            {
                Assert.Equal('\n', text[i + 1]);
            }
        }

        Assert.False(quoted);
    }

    [Fact]
    public void Csv_has_one_row_per_idea_with_its_votes_status_author_and_output_choice()
    {
        var (header, rows) = Read(Write());

        Assert.Equal(Header, header);
        var ideas = TestExports.AllIdeas(Export).ToList();
        Assert.Equal(ideas.Count, rows.Count);
        for (var i = 0; i < ideas.Count; i++)
        {
            var (workshop, board, idea) = ideas[i];
            var chosen = workshop.Outputs.Any(output => output.Area == board.Area && output.SourceIdeaIds.Contains(idea.IdeaId));
            var status = idea.Status switch { IdeaStatus.Hidden => "hidden", IdeaStatus.Merged => "merged", _ => "visible" };
            Assert.Equal(
                [workshop.Title, board.Area, idea.IdeaId, Inert(idea.Text), idea.Author ?? "", idea.Votes.ToString(CultureInfo.InvariantCulture), status, chosen ? "true" : "false", idea.Consensus?.ToString("0.000", CultureInfo.InvariantCulture) ?? "",
                 idea.HallVotes.ToString(CultureInfo.InvariantCulture), (idea.Votes + idea.HallVotes).ToString(CultureInfo.InvariantCulture), idea.Source == IdeaSource.Paper ? "paper" : "digital"],
                rows[i]);
        }

        // The fixture covers both kinds of output and both kinds of author.
        Assert.Equal(6, rows.Count(row => row[7] == "true"));
        Assert.Contains(rows, row => row[2] == "i-104" && row[6] == "merged" && row[7] == "true");
        Assert.Contains(rows, row => row[2] == "i-401" && row[4] == "Ayşe Yılmaz");
        Assert.Contains(rows, row => row[2] == "i-403" && row[4] == "");
        Assert.Contains(rows, row => row[2] == "i-301" && row[3] == TestExports.MultiLine);
        Assert.Contains(rows, row => row[2] == "i-302" && row[3] == TestExports.OrderedListLookalike);
        Assert.Equal(38 + 24, rows.Sum(row => int.Parse(row[5], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Formula_like_cells_are_neutralised_with_a_leading_apostrophe()
    {
        var (_, rows) = Read(Write());
        var text = rows.ToDictionary(row => row[2], row => row[3], StringComparer.Ordinal);

        Assert.Equal("'" + TestExports.Formula, text["i-103"]);
        Assert.Equal("'+1", text["i-202"]);
        Assert.Equal("'-2", text["i-203"]);
        Assert.Equal("'@SUM(A1)", text["i-204"]);
        Assert.All(rows.SelectMany(row => row), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', cell));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("-", "'-")]
    [InlineData("a=1", "a=1")]
    [InlineData("", "")]
    [InlineData("\"tırnak\", virgül", "\"tırnak\", virgül")]
    [InlineData(" boşlukla başlar ", " boşlukla başlar ")]
    public void Every_text_cell_is_neutralised_and_quoted_as_needed(string value, string expected)
    {
        var idea = new IdeaExport { IdeaId = "i", Text = value, Author = value, Votes = 1 };
        var export = new EventExport
        {
            EventId = "e",
            Title = "t",
            Workshops =
            [
                new WorkshopExport
                {
                    WorkshopId = "w",
                    Title = value,
                    Outputs = [],
                    Boards = [new BoardExport { Area = value, Ideas = [idea] }],
                    Audit = [],
                },
            ],
        };

        var (_, rows) = Read(ReportWriter.Write(export, ReportFormat.Csv, "tr").Content);

        var row = Assert.Single(rows);
        Assert.Equal([expected, expected, "i", expected, expected, "1", "visible", "false", "", "0", "1", "digital"], row);
    }

    [Fact]
    public void Csv_does_not_depend_on_the_language()
    {
        Assert.Equal(Write(), ReportWriter.Write(Export, ReportFormat.Csv, "en").Content);
    }

    private static string Inert(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;
}
