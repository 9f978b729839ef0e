using System.Text;
using Workshops.Contracts;

namespace Workshops.Reports;

/// <summary>
/// The readable report. Every piece of user text goes through <see cref="MarkdownText.Escape"/>,
/// so an idea can never become a heading, a link, emphasis or raw HTML. Lines end with "\n".
/// </summary>
internal static class MarkdownReportWriter
{
    public static byte[] Write(EventExport export, ReportTexts texts)
    {
        var md = new StringBuilder(4096);
        Line(md, "# " + MarkdownText.Escape(export.Title, startsBlock: false));
        Line(md);
        Line(md, texts.ReportSubtitle);
        Line(md);
        if (!string.IsNullOrWhiteSpace(export.Date))
        {
            Line(md, "- " + texts.Date + ": " + MarkdownText.Escape(texts.DateText(export.Date), startsBlock: false));
        }

        if (!string.IsNullOrWhiteSpace(export.Venue))
        {
            Line(md, "- " + texts.Venue + ": " + MarkdownText.Escape(export.Venue, startsBlock: false));
        }

        Line(md, "- " + texts.ExportedAt + ": " + ReportTexts.Timestamp(export.ExportedAt));
        Line(md, "- " + texts.WorkshopCount + ": " + ReportTexts.Number(export.Workshops.Count));
        if (export.GroupSource is { } groups)
        {
            Line(md, "- " + texts.GroupSourceLabel + ": " + texts.GroupSourceText(groups));
        }

        foreach (var workshop in export.Workshops)
        {
            WriteWorkshop(md, workshop, texts);
        }

        if (export.Audit is { Count: > 0 } eventAudit)
        {
            Line(md);
            Line(md, "## " + texts.EventAudit);
            Line(md);
            AuditLines(md, eventAudit, texts);
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(md.ToString());
    }

    private static void WriteWorkshop(StringBuilder md, WorkshopExport workshop, ReportTexts texts)
    {
        Line(md);
        Line(md, "## " + MarkdownText.Escape(workshop.Title, startsBlock: false));
        Line(md);
        Line(md, string.Join(" · ",
            texts.Phase + ": " + texts.PhaseName(workshop.Phase),
            texts.Participants + ": " + ReportTexts.Number(workshop.Participants),
            texts.Ideas + ": " + ReportTexts.Number(workshop.Ideas),
            texts.Votes + ": " + texts.VoteTotal(workshop.Votes + workshop.HallVotes, workshop.HallVotes)));

        Line(md);
        Line(md, "### " + texts.Outputs);
        if (workshop.Outputs.Count == 0)
        {
            Line(md);
            Line(md, texts.NoOutputs);
        }

        foreach (var output in workshop.Outputs)
        {
            Line(md);
            Line(md, "#### " + MarkdownText.Escape(output.Area, startsBlock: false));
            Line(md);
            Line(md, MarkdownText.Escape(output.Text));
            Line(md);
            Line(md, "- " + texts.Votes + ": " + texts.VoteTotal(output.Votes, output.HallVotes));
            Line(md, "- " + texts.VotesByGroup + ": " + MarkdownText.Escape(texts.GroupBreakdown(output.VotesByGroup), startsBlock: false));
            Line(md, "- " + texts.ConsensusText(output.Consensus));
            if (output.Support.Count > 0)
            {
                Line(md, "- " + texts.SupportByGroup + ": " + MarkdownText.Escape(texts.SupportBreakdown(output.Support), startsBlock: false));
            }

            Line(md, "- " + texts.Source + ": " + texts.SourceName(output.Source));
            if (output.SourceIdeaIds.Count > 0)
            {
                Line(md, "- " + texts.SourceIdeas + ": " + string.Join(", ", output.SourceIdeaIds.Select(id => MarkdownText.Escape(id, startsBlock: false))));
            }
        }

        foreach (var board in workshop.Boards)
        {
            Line(md);
            Line(md, "### " + texts.IdeasOfBoard + " — " + MarkdownText.Escape(board.Area, startsBlock: false));
            Line(md);
            if (board.Ideas.Count == 0)
            {
                Line(md, texts.NoIdeas);
                continue;
            }

            var rank = 0;
            foreach (var idea in board.Ideas)
            {
                rank++;
                var facts = new List<string> { texts.VoteCount(idea.Votes + idea.HallVotes, idea.HallVotes), texts.StatusName(idea.Status) };
                if (idea.Source == IdeaSource.Paper)
                {
                    facts.Add(texts.FromPaper);
                }

                if (idea.Consensus is { } consensus)
                {
                    facts.Insert(1, texts.Consensus + " " + texts.Decimal(consensus));
                }

                if (!string.IsNullOrWhiteSpace(idea.Author))
                {
                    facts.Insert(0, MarkdownText.Escape(idea.Author, startsBlock: false));
                }

                // The rank is the list number; "1." of the idea text itself is escaped.
                Line(md, ReportTexts.Number(rank) + ". " + MarkdownText.Escape(idea.Text) + " — " + string.Join(" · ", facts));
            }
        }

        Line(md);
        Line(md, "### " + texts.Audit);
        Line(md);
        if (workshop.Audit.Count == 0)
        {
            Line(md, texts.NoAudit);
            return;
        }

        AuditLines(md, workshop.Audit, texts);
    }

    private static void AuditLines(StringBuilder md, IReadOnlyList<AuditEntry> audit, ReportTexts texts)
    {
        foreach (var entry in audit)
        {
            var parts = new List<string>
            {
                ReportTexts.Timestamp(entry.At),
                texts.RoleName(entry.Role),
                MarkdownText.Escape(texts.ActionName(entry.Action), startsBlock: false),
            };
            if (!string.IsNullOrEmpty(entry.IdeaId))
            {
                parts.Add(MarkdownText.Escape(entry.IdeaId, startsBlock: false));
            }

            if (!string.IsNullOrEmpty(entry.Detail))
            {
                parts.Add(MarkdownText.Escape(texts.AuditDetail(entry.Action, entry.Detail), startsBlock: false));
            }

            Line(md, "- " + string.Join(" · ", parts));
        }
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
