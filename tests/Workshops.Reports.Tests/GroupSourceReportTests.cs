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

    [Theory]
    [InlineData(0, 0, "none")]
    [InlineData(5, 0, "badges")]
    [InlineData(0, 5, "declared")]
    [InlineData(1, 1, "mixed")]
    public void Source_names_the_origin_of_the_groups(int fromBadges, int declared, string expected) =>
        Assert.Equal(expected, GroupSource.Of(fromBadges, declared).Source);
}
