using System.Text;
using System.Text.Json;
using Workshops.Contracts;

namespace Workshops.Reports.Tests;

/// <summary>
/// The event's own audit (badge revocations, purges of personal data: who, when, how many people,
/// never a name) in every format that shows an audit (sections 8, 11).
/// </summary>
public sealed class EventAuditReportTests
{
    private static readonly DateTimeOffset Revoked = new(2024, 3, 7, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Purged = new(2024, 3, 8, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expired = new(2024, 4, 7, 0, 0, 0, TimeSpan.Zero);

    private static readonly EventExport WithAudit = TestExports.Create() with
    {
        Audit =
        [
            new AuditEntry { At = Revoked, Role = Role.Moderator, Action = AuditNames.BadgeRevoked, Detail = "b3" },
            new AuditEntry { At = Purged, Role = Role.Admin, Action = AuditNames.PersonalDataPurge, Detail = "12" },
            new AuditEntry { At = Expired, Role = null, Action = AuditNames.RetentionPurge, Detail = "1" },
        ],
    };

    [Fact]
    public void Json_lists_each_entry_with_its_role_and_the_automatic_purge_with_role_null()
    {
        using var json = JsonDocument.Parse(ReportWriter.Write(WithAudit, ReportFormat.Json, "tr").Content);
        var audit = json.RootElement.GetProperty("audit").EnumerateArray().ToList();

        Assert.Equal(["moderator", "admin", null], audit.Select(e => e.GetProperty("role").GetString()));
        Assert.Equal(JsonValueKind.Null, audit[2].GetProperty("role").ValueKind);
        Assert.Equal([AuditNames.BadgeRevoked, AuditNames.PersonalDataPurge, AuditNames.RetentionPurge], audit.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["b3", "12", "1"], audit.Select(e => e.GetProperty("detail").GetString()));
        Assert.Equal(Purged, audit[1].GetProperty("at").GetDateTimeOffset());

        using var plain = JsonDocument.Parse(ReportWriter.Write(TestExports.Create(), ReportFormat.Json, "tr").Content);
        Assert.False(plain.RootElement.TryGetProperty("audit", out _));
    }

    [Theory]
    [InlineData("tr", "## Etkinliğin işlem kaydı",
        "- 2024-03-07 17:00 UTC · moderatör · kişisel kartın iptali · b3",
        "- 2024-03-08 09:30 UTC · yönetici · kişisel verilerin silinmesi · 12 kişi",
        "- 2024-04-07 00:00 UTC · sistem (saklama süresi) · saklama süresi dolunca kişisel verilerin silinmesi · 1 kişi")]
    [InlineData("en", "## The event's audit trail",
        "- 2024-03-07 17:00 UTC · moderator · badge revoked · b3",
        "- 2024-03-08 09:30 UTC · admin · personal data purged · 12 people",
        "- 2024-04-07 00:00 UTC · system (retention period) · personal data purged at the end of the retention period · 1 person")]
    public void Markdown_ends_with_the_events_audit(string language, string heading, string revoked, string purged, string expired)
    {
        var md = Encoding.UTF8.GetString(ReportWriter.Write(WithAudit, ReportFormat.Markdown, language).Content);

        Assert.EndsWith("\n" + heading + "\n\n" + revoked + "\n" + purged + "\n" + expired + "\n", md, StringComparison.Ordinal);
        Assert.True(md.LastIndexOf("\n### ", StringComparison.Ordinal) < md.IndexOf(heading, StringComparison.Ordinal), "after every workshop");

        var plain = Encoding.UTF8.GetString(ReportWriter.Write(TestExports.Create(), ReportFormat.Markdown, language).Content);
        Assert.DoesNotContain(heading, plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Word_report_ends_with_the_events_audit_table()
    {
        var docx = DocxContent.Read(ReportWriter.Write(WithAudit, ReportFormat.Docx, "tr").Content);

        Assert.Equal("Etkinliğin işlem kaydı", docx.Paragraphs[^1].Text);
        var table = docx.Tables[^1];
        Assert.Equal(
            [
                ["2024-03-07 17:00 UTC", "moderatör", "kişisel kartın iptali", "", "b3"],
                ["2024-03-08 09:30 UTC", "yönetici", "kişisel verilerin silinmesi", "", "12 kişi"],
                ["2024-04-07 00:00 UTC", "sistem (saklama süresi)", "saklama süresi dolunca kişisel verilerin silinmesi", "", "1 kişi"],
            ],
            table.Skip(1).Select(row => row.ToArray()));
        Assert.Empty(docx.Errors);

        var plain = DocxContent.Read(ReportWriter.Write(TestExports.Create(), ReportFormat.Docx, "tr").Content);
        Assert.DoesNotContain("Etkinliğin işlem kaydı", plain.Paragraphs.Select(p => p.Text));
    }
}
