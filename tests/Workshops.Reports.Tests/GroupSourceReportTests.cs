using System.Text;
using System.Text.Json;
using Workshops.Contracts;

namespace Workshops.Reports.Tests;

/// <summary>Reports say whether the per-group counts' groups come from badges or were declared (section 8).</summary>
public sealed class GroupSourceReportTests
{
    private static readonly EventExport WithSource = TestExports.Create() with { GroupSource = GroupSource.Of(12, 3) };

    [Theory]
    [InlineData("tr", "- Paydaş gruplarının kaynağı: düzenleyicinin kişisel kartlarda belirlediği 12 kişi · grubunu kendisi bildiren 3 kişi\n")]
    [InlineData("en", "- Stakeholder groups: set by the organizers on personal badges for 12 people · declared by 3 people themselves\n")]
    public void Markdown_header_says_where_the_groups_come_from(string language, string line)
    {
        var md = Encoding.UTF8.GetString(ReportWriter.Write(WithSource, ReportFormat.Markdown, language).Content);

        Assert.Contains(line, md, StringComparison.Ordinal);
        Assert.True(md.IndexOf(line, StringComparison.Ordinal) < md.IndexOf("\n## ", StringComparison.Ordinal), "the line belongs to the report header");
    }

    [Fact]
    public void Word_title_page_and_json_carry_it_and_an_export_without_it_has_neither()
    {
        var docx = DocxContent.Read(ReportWriter.Write(WithSource with { GroupSource = GroupSource.Of(4, 0) }, ReportFormat.Docx, "tr").Content);
        Assert.Contains("Paydaş gruplarının kaynağı: düzenleyicinin kişisel kartlarda belirlediği 4 kişi", docx.Paragraphs.Select(p => p.Text));
        Assert.Empty(docx.Errors);

        using var json = JsonDocument.Parse(ReportWriter.Write(WithSource, ReportFormat.Json, "tr").Content);
        var source = json.RootElement.GetProperty("groupSource");
        Assert.Equal(("mixed", 12, 3), (source.GetProperty("source").GetString(), source.GetProperty("fromBadges").GetInt32(), source.GetProperty("declared").GetInt32()));

        var plain = TestExports.Create();
        Assert.Null(plain.GroupSource);
        Assert.DoesNotContain("Paydaş gruplarının kaynağı", Encoding.UTF8.GetString(ReportWriter.Write(plain, ReportFormat.Markdown, "tr").Content), StringComparison.Ordinal);
        using var plainJson = JsonDocument.Parse(ReportWriter.Write(plain, ReportFormat.Json, "tr").Content);
        Assert.False(plainJson.RootElement.TryGetProperty("groupSource", out _));
    }

    [Fact]
    public void Csv_rows_end_with_the_group_source_and_a_csv_without_it_keeps_its_columns()
    {
        var lines = Encoding.UTF8.GetString(ReportWriter.Write(WithSource, ReportFormat.Csv, "tr").Content).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var ideaRows = WithSource.Workshops.Sum(w => w.Boards.Sum(b => b.Ideas.Count));
        Assert.Equal(ideaRows + 1, lines.Length);

        // Every idea row, also those whose text holds commas or line breaks (quoted), ends with the same three cells.
        var text = Encoding.UTF8.GetString(ReportWriter.Write(WithSource, ReportFormat.Csv, "tr").Content);
        Assert.Equal(ideaRows, CountOccurrences(text, ",mixed,12,3\r\n"));

        // The columns are added after all the others; without badges the file keeps its columns.
        var plain = Encoding.UTF8.GetString(ReportWriter.Write(TestExports.Create(), ReportFormat.Csv, "tr").Content).TrimStart('\uFEFF');
        var plainHeader = plain[..plain.IndexOf("\r\n", StringComparison.Ordinal)];
        Assert.Equal(plainHeader + ",groupSource,groupsFromBadges,groupsDeclared", lines[0]);
        Assert.DoesNotContain("groupSource", plain, StringComparison.Ordinal);
        Assert.DoesNotContain(",mixed,12,3", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tr", "Paydaş gruplarının kaynağı: düzenleyicinin kişisel kartlarda belirlediği 12 kişi · grubunu kendisi bildiren 3 kişi")]
    [InlineData("en", "Stakeholder groups: set by the organizers on personal badges for 12 people · declared by 3 people themselves")]
    public void Deck_closing_slide_says_where_the_groups_come_from(string language, string line)
    {
        var deck = PptxContent.Read(ReportWriter.Write(WithSource, ReportFormat.Pptx, language).Content);

        Assert.Contains(line, deck.Slides[^1]);
        Assert.All(deck.Slides.SkipLast(1), slide => Assert.DoesNotContain(line, slide));
        Assert.Empty(deck.Errors);

        var plain = PptxContent.Read(ReportWriter.Write(TestExports.Create(), ReportFormat.Pptx, language).Content);
        Assert.DoesNotContain(plain.Slides.SelectMany(s => s), p => p.StartsWith(line[..(line.IndexOf(':', StringComparison.Ordinal) + 1)], StringComparison.Ordinal));
    }

    private static int CountOccurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Theory]
    [InlineData(0, 0, "none")]
    [InlineData(5, 0, "badges")]
    [InlineData(0, 5, "declared")]
    [InlineData(1, 1, "mixed")]
    public void Source_names_the_origin_of_the_groups(int fromBadges, int declared, string expected) =>
        Assert.Equal(expected, GroupSource.Of(fromBadges, declared).Source);
}
