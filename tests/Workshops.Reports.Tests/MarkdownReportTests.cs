using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Workshops.Contracts;

namespace Workshops.Reports.Tests;

public sealed class MarkdownReportTests
{
    private const string TopVotedMarker = "Kaynak: en çok oy alan fikir — kolaylaştırıcı seçmedi";
    private const string ChosenMarker = "Kaynak: kolaylaştırıcı tarafından seçildi";

    private static readonly EventExport Export = TestExports.Create();

    private static MarkdownContent Write(string pipeline, string language = "tr") =>
        MarkdownContent.Parse(ReportWriter.Write(Export, ReportFormat.Markdown, language).Content, MarkdownContent.Pipeline(pipeline));

    [Theory]
    [InlineData(nameof(MarkdownContent.CommonMark))]
    [InlineData(nameof(MarkdownContent.Advanced))]
    public void Headings_show_event_workshops_outputs_and_boards_in_Turkish(string pipeline)
    {
        var md = Write(pipeline);

        Assert.Equal([TestExports.Title], md.Headings(1));
        Assert.Equal(["Hassas Gruplar", "Eğitim ve Gençlik"], md.Headings(2));
        Assert.Equal(
            [
                "Çıktılar", "Fikirler — Etki", "Fikirler — Sürdürülebilirlik", "Fikirler — İş Birliği", "İşlem kaydı",
                "Çıktılar", "Fikirler — Etki", "Fikirler — Sürdürülebilirlik", "Fikirler — İş Birliği", "İşlem kaydı",
            ],
            md.Headings(3));
        Assert.Equal(["Etki", "Sürdürülebilirlik", "İş Birliği", "Etki", "Sürdürülebilirlik"], md.Headings(4));

        var facts = MarkdownContent.Items(md.Document.OfType<ListBlock>().First());
        Assert.Equal(
            [
                "Tarih: 7 Mart 2024 (2024-03-07)",
                "Yer: Şanlıurfa Büyükşehir Belediyesi Kongre Salonu",
                "Dışa aktarma: 2024-03-07 16:45 UTC",
                "Atölye sayısı: 2",
            ],
            facts);
    }

    [Theory]
    [InlineData(nameof(MarkdownContent.CommonMark))]
    [InlineData(nameof(MarkdownContent.Advanced))]
    public void Each_output_shows_its_text_votes_groups_and_source(string pipeline)
    {
        var md = Write(pipeline);

        for (var w = 0; w < Export.Workshops.Count; w++)
        {
            var workshop = Export.Workshops[w];
            var section = md.Section(2, workshop.Title);
            Assert.Equal(
                $"Aşama: {(w == 0 ? "Kapandı" : "Sonuçlar")} · Katılımcı: {workshop.Participants} · Fikir: {workshop.Ideas} · Oy: {workshop.Votes}",
                MarkdownContent.TextOf(section[0]));

            foreach (var output in workshop.Outputs)
            {
                var blocks = md.Section(4, output.Area, Occurrence(w, output.Area));
                Assert.Equal(output.Text, MarkdownContent.TextOf(blocks[0]));
                var facts = MarkdownContent.Items(blocks[1]);
                Assert.Equal("Oy: " + output.Votes, facts[0]);
                Assert.StartsWith("Paydaş gruplarına göre oy: ", facts[1], StringComparison.Ordinal);
                foreach (var (group, votes) in output.VotesByGroup)
                {
                    Assert.Contains((group.Length == 0 ? "grup belirtmeyen" : group) + " " + votes, facts[1], StringComparison.Ordinal);
                }

                Assert.Equal(output.Consensus is null ? "Uzlaşı: hesaplanamadı (en az 3 oy vereni olan 2 grup gerekir)" : "Uzlaşı: 0,447", facts[2]);
                var next = 3;
                if (output.Support.Count > 0)
                {
                    Assert.Equal("Gruplara göre destek: Kamu kurumu 0,600 (3 kişiden 2) · Sivil toplum kuruluşu 0,333 (4 kişiden 1)", facts[next++]);
                }

                Assert.Equal(output.Source == OutputSource.TopVoted ? TopVotedMarker : ChosenMarker, facts[next++]);
                Assert.Equal("Dayandığı fikirler: " + string.Join(", ", output.SourceIdeaIds), facts[next]);
            }
        }
    }

    [Fact]
    public void Top_voted_marker_appears_for_the_top_voted_outputs_only()
    {
        var md = Write(nameof(MarkdownContent.CommonMark));
        var items = md.Document.Descendants<ListItemBlock>()
            .Select(item => MarkdownContent.TextOf(item.Descendants<ParagraphBlock>().First().Inline))
            .ToList();

        var topVoted = Export.Workshops.SelectMany(workshop => workshop.Outputs).Count(output => output.Source == OutputSource.TopVoted);
        var chosen = Export.Workshops.SelectMany(workshop => workshop.Outputs).Count(output => output.Source == OutputSource.Facilitator);
        Assert.Equal(2, topVoted);
        Assert.Equal(topVoted, items.Count(item => item == TopVotedMarker));
        Assert.Equal(chosen, items.Count(item => item == ChosenMarker));
        Assert.Equal(topVoted, CountOf(md.Text, "en çok oy alan fikir — kolaylaştırıcı seçmedi"));
    }

    [Theory]
    [InlineData(nameof(MarkdownContent.CommonMark))]
    [InlineData(nameof(MarkdownContent.Advanced))]
    public void Boards_list_their_ideas_ranked_with_votes_status_and_author(string pipeline)
    {
        var md = Write(pipeline);

        for (var w = 0; w < Export.Workshops.Count; w++)
        {
            foreach (var board in Export.Workshops[w].Boards)
            {
                var blocks = md.Section(3, "Fikirler — " + board.Area, w);
                if (board.Ideas.Count == 0)
                {
                    Assert.Equal("Bu panoda fikir yok.", MarkdownContent.TextOf(Assert.Single(blocks)));
                    continue;
                }

                var list = Assert.IsType<ListBlock>(Assert.Single(blocks));
                Assert.True(list.IsOrdered);
                var expected = board.Ideas.Select(idea =>
                    idea.Text.Replace("\n", " ", StringComparison.Ordinal) + " — "
                    + (idea.Author is null ? "" : idea.Author + " · ")
                    + idea.Votes + " oy · "
                    + idea.Status switch { IdeaStatus.Hidden => "gizlendi", IdeaStatus.Merged => "birleştirildi", _ => "görünür" });
                // Literal equality: escaping changed nothing a reader sees, Turkish letters included.
                Assert.Equal(expected, MarkdownContent.Items(list));
            }
        }
    }

    [Theory]
    [InlineData(nameof(MarkdownContent.CommonMark))]
    [InlineData(nameof(MarkdownContent.Advanced))]
    public void User_text_never_becomes_markup_or_html(string pipeline)
    {
        var md = Write(pipeline);

        // The report's own layout uses none of these, so any of them came from user text.
        Assert.Empty(md.Document.Descendants<HtmlBlock>());
        Assert.Empty(md.Document.Descendants<HtmlInline>());
        Assert.Empty(md.Document.Descendants<EmphasisInline>());
        Assert.Empty(md.Document.Descendants<LinkInline>());
        Assert.Empty(md.Document.Descendants<AutolinkInline>());
        Assert.Empty(md.Document.Descendants<CodeInline>());
        Assert.Empty(md.Document.Descendants<HtmlEntityInline>());
        Assert.Empty(md.Document.Descendants<Table>());
        Assert.Empty(md.Document.Descendants<ThematicBreakBlock>());
        Assert.Empty(md.Document.Descendants<QuoteBlock>());
        Assert.Empty(md.Document.Descendants<CodeBlock>());
        Assert.Equal(1 + 2 + 10 + 5, md.Document.Descendants<HeadingBlock>().Count());

        var ideas = md.Section(3, "Fikirler — Etki");
        var items = MarkdownContent.Items(ideas[0]);
        Assert.Contains(TestExports.Html + " — 0 oy · gizlendi", items);
        Assert.Contains(TestExports.Formula + " — 1 oy · görünür", items);
        Assert.Equal(TestExports.MarkdownBold, MarkdownContent.TextOf(md.Section(4, "Sürdürülebilirlik")[0]));
        // Nested lists would mean "1. madde" became a list of its own.
        Assert.All(md.Document.Descendants<ListItemBlock>(), item => Assert.Empty(item.Descendants<ListBlock>()));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("# başlık")]
    [InlineData("- madde")]
    [InlineData("+ madde")]
    [InlineData("1) madde")]
    [InlineData("a. madde")]
    [InlineData("> alıntı")]
    [InlineData("    girintili kod")]
    [InlineData("```\nçit\n```")]
    [InlineData("***")]
    [InlineData("satır\n===")]
    [InlineData("satır\n---")]
    [InlineData("[x]: http://örnek.com")]
    [InlineData("<http://örnek.com>")]
    [InlineData("https://örnek.com/yol?a=1")]
    [InlineData("ftp://x.y")]
    [InlineData("mailto:a@b.co")]
    [InlineData("![resim](http://x/y.png)")]
    [InlineData("&lt;b&gt; &amp; &#60;")]
    [InlineData("~~silik~~ ==işaret== ++ekle++ ^üst^ ~alt~ \"\"alıntı\"\"")]
    [InlineData("$x^2$ ve $$y$$")]
    [InlineData("{.sinif #kimlik}")]
    [InlineData("[^1] dipnot")]
    [InlineData(": tanım")]
    [InlineData("::: kap")]
    [InlineData("| a | b |\n|---|---|\n| 1 | 2 |")]
    [InlineData("+---+\n| a |\n+---+")]
    [InlineData("satır sonu\\")]
    [InlineData("iki boşluk  \nsonra")]
    [InlineData("- [ ] görev")]
    [InlineData("*[HTML]: Hyper")]
    public void Hostile_idea_text_reads_back_literally_under_both_pipelines(string hostile)
    {
        var export = new EventExport
        {
            EventId = "e",
            Title = hostile,
            Workshops =
            [
                new WorkshopExport
                {
                    WorkshopId = "w",
                    Title = "Atölye",
                    Outputs = [new OutputExport { Area = "Etki", Text = hostile }],
                    Boards = [new BoardExport { Area = "Etki", Ideas = [new IdeaExport { IdeaId = "i", Text = hostile, Votes = 2, Author = hostile }] }],
                    Audit = [],
                },
            ],
        };
        var flat = string.Join(' ', hostile.Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        foreach (var pipeline in new[] { MarkdownContent.CommonMark, MarkdownContent.Advanced })
        {
            var md = MarkdownContent.Parse(ReportWriter.Write(export, ReportFormat.Markdown, "tr").Content, pipeline);

            Assert.Equal([flat], md.Headings(1));
            Assert.Equal(flat, MarkdownContent.TextOf(md.Section(4, "Etki")[0]));
            var list = Assert.IsType<ListBlock>(Assert.Single(md.Section(3, "Fikirler — Etki")));
            Assert.Equal([flat + " — " + flat + " · 2 oy · görünür"], MarkdownContent.Items(list));
            Assert.Equal(1 + 1 + 3 + 1, md.Document.Descendants<HeadingBlock>().Count());
            Assert.Empty(md.Document.Descendants<HtmlBlock>());
            Assert.Empty(md.Document.Descendants<HtmlInline>());
            Assert.Empty(md.Document.Descendants<EmphasisInline>());
            Assert.Empty(md.Document.Descendants<LinkInline>());
            Assert.Empty(md.Document.Descendants<AutolinkInline>());
            Assert.Empty(md.Document.Descendants<CodeInline>());
            Assert.Empty(md.Document.Descendants<CodeBlock>());
            Assert.Empty(md.Document.Descendants<QuoteBlock>());
            Assert.Empty(md.Document.Descendants<Table>());
            Assert.Empty(md.Document.Descendants<ThematicBreakBlock>());
            Assert.All(md.Document.Descendants<ListItemBlock>(), item => Assert.Empty(item.Descendants<ListBlock>()));
        }
    }

    [Fact]
    public void English_report_has_English_headings_and_marker()
    {
        var md = Write(nameof(MarkdownContent.CommonMark), "en");

        Assert.Equal(["Outputs", "Ideas — Etki", "Ideas — Sürdürülebilirlik", "Ideas — İş Birliği", "Audit trail"], md.Headings(3).Take(5));
        Assert.Equal(2, CountOf(md.Text, "Source: top-voted, not chosen by the facilitator"));
        Assert.Contains("- Date: 7 March 2024 (2024-03-07)\n", md.Text, StringComparison.Ordinal);
        Assert.Contains("1 vote · visible", md.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Çıktılar", md.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_is_utf8_without_bom_with_unix_line_ends()
    {
        var bytes = ReportWriter.Write(Export, ReportFormat.Markdown, "tr").Content;

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.EndsWith("\n", MarkdownContent.Parse(bytes, MarkdownContent.CommonMark).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CommonMark")]
    [InlineData("Advanced")]
    public void Audit_trail_names_actions_phases_and_roles_in_the_reports_language(string pipeline)
    {
        var turkish = MarkdownContent.Items(Write(pipeline).Section(3, "İşlem kaydı")[0]);
        var english = MarkdownContent.Items(Write(pipeline, "en").Section(3, "Audit trail")[0]);

        Assert.Equal(Export.Workshops[0].Audit.Count, turkish.Count);
        Assert.Equal("2024-03-07 10:45 UTC · kolaylaştırıcı · aşama · Hazırlık → Beyin fırtınası", turkish[0]);
        Assert.Equal("2024-03-07 11:10 UTC · kolaylaştırıcı · gizleme · i-105", turkish[1]);
        Assert.Equal("2024-03-07 11:16 UTC · kolaylaştırıcı · birleştirme · i-101 · i-104", turkish[2]);
        Assert.Equal("2024-03-07 11:40 UTC · kolaylaştırıcı · çıktı seçimi · i-101 · Etki", turkish[5]);
        Assert.Equal("2024-03-07 10:45 UTC · facilitator · phase · Setup → Brainstorm", english[0]);
        Assert.Equal("2024-03-07 11:10 UTC · facilitator · hidden · i-105", english[1]);
    }

    private static int Occurrence(int workshopIndex, string area) =>
        Export.Workshops.Take(workshopIndex).Count(workshop => workshop.Outputs.Any(output => output.Area == area));

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
