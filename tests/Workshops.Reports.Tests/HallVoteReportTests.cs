using System.Text;
using System.Text.Json;
using Workshops.Contracts;

namespace Workshops.Reports.Tests;

/// <summary>Section 9: every format shows digital votes, hall votes and paper ideas apart, ranked by the total.</summary>
public sealed class HallVoteReportTests
{
    // Ranked by the total as the server exports them: 12 + 30 = 42 before 20 + 0.
    private static readonly EventExport Export = new()
    {
        EventId = "e1",
        Title = "Salon Oylaması",
        ExportedAt = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero),
        Workshops =
        [
            new WorkshopExport
            {
                WorkshopId = "w1",
                Title = "Gençlik",
                Phase = WorkshopPhase.Results,
                Participants = 20,
                Ideas = 2,
                Votes = 32,
                HallVotes = 30,
                Outputs =
                [
                    new OutputExport { Area = "Etki", Text = "Kağıttaki fikir", Votes = 42, HallVotes = 30, Source = OutputSource.TopVoted, SourceIdeaIds = ["i1"] },
                ],
                Boards =
                [
                    new BoardExport
                    {
                        Area = "Etki",
                        Ideas =
                        [
                            new IdeaExport { IdeaId = "i1", Text = "Kağıttaki fikir", Votes = 12, HallVotes = 30, Source = IdeaSource.Paper },
                            new IdeaExport { IdeaId = "i2", Text = "Telefondaki fikir", Votes = 20 },
                        ],
                    },
                ],
                Audit = [new AuditEntry { At = new DateTimeOffset(2026, 12, 2, 8, 50, 0, TimeSpan.Zero), Role = Role.Facilitator, Action = "hall-votes", IdeaId = "i1", Detail = "0 → 30" }],
            },
        ],
    };

    private static byte[] Write(ReportFormat format, string language = "tr") => ReportWriter.Write(Export, format, language).Content;

    [Fact]
    public void Json_carries_hall_votes_and_source_per_idea_and_output()
    {
        using var json = JsonDocument.Parse(Write(ReportFormat.Json));
        var workshop = json.RootElement.GetProperty("workshops")[0];
        Assert.Equal(30, workshop.GetProperty("hallVotes").GetInt32());
        var ideas = workshop.GetProperty("boards")[0].GetProperty("ideas");
        Assert.Equal((12, 30, "paper"), (ideas[0].GetProperty("votes").GetInt32(), ideas[0].GetProperty("hallVotes").GetInt32(), ideas[0].GetProperty("source").GetString()));
        Assert.Equal((20, 0, "digital"), (ideas[1].GetProperty("votes").GetInt32(), ideas[1].GetProperty("hallVotes").GetInt32(), ideas[1].GetProperty("source").GetString()));
        var output = workshop.GetProperty("outputs")[0];
        Assert.Equal((42, 30), (output.GetProperty("votes").GetInt32(), output.GetProperty("hallVotes").GetInt32()));
    }

    [Fact]
    public void Csv_adds_hall_votes_total_and_source_as_the_last_columns()
    {
        var text = Encoding.UTF8.GetString(Write(ReportFormat.Csv)).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("workshop,area,ideaId,text,author,votes,status,chosenAsOutput,consensus,hallVotes,totalVotes,source", lines[0]);
        Assert.Equal("Gençlik,Etki,i1,Kağıttaki fikir,,12,visible,true,,30,42,paper", lines[1]);
        Assert.Equal("Gençlik,Etki,i2,Telefondaki fikir,,20,visible,false,,0,20,digital", lines[2]);
    }

    [Theory]
    [InlineData("tr", "1. Kağıttaki fikir — 42 oy (12 dijital + 30 salon) · görünür · kağıttan", "- Oy: 42 (12 dijital + 30 salon)", "salon oyu · i1 · 0 → 30")]
    [InlineData("en", "1. Kağıttaki fikir — 42 votes (12 digital + 30 in the hall) · visible · from paper", "- Votes: 42 (12 digital + 30 in the hall)", "hall votes · i1 · 0 → 30")]
    public void Markdown_shows_the_total_and_both_counts_and_marks_paper_ideas(string language, string idea, string output, string audit)
    {
        var md = Encoding.UTF8.GetString(Write(ReportFormat.Markdown, language));
        Assert.Contains("\n" + idea + "\n", md, StringComparison.Ordinal);
        Assert.Contains("\n2. Telefondaki fikir — 20 " + (language == "tr" ? "oy · görünür" : "votes · visible") + "\n", md, StringComparison.Ordinal);
        Assert.Contains("\n" + output + "\n", md, StringComparison.Ordinal);
        Assert.Contains(audit, md, StringComparison.Ordinal);
        Assert.Contains(language == "tr" ? "Oy: 62 (32 dijital + 30 salon)" : "Votes: 62 (32 digital + 30 in the hall)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Word_tables_show_digital_and_hall_votes_in_their_own_columns()
    {
        var docx = DocxContent.Read(Write(ReportFormat.Docx));
        Assert.Empty(docx.Errors);
        Assert.Equal(["Gençlik", "Etki", "Kağıttaki fikir", "42", "30", "en çok oy alan fikir — kolaylaştırıcı seçmedi"], docx.Tables[0][1]);
        var ideas = docx.Tables[1];
        Assert.Equal(["Sıra", "Fikir", "Oy", "Salon oyu", "Uzlaşı", "Durum"], ideas[0]);
        Assert.Equal(["1", "Kağıttaki fikir (kağıttan)", "12", "30", "–", "görünür"], ideas[1]);
        Assert.Equal(["2", "Telefondaki fikir", "20", "0", "–", "görünür"], ideas[2]);
        Assert.Contains("Oy: 42 (12 dijital + 30 salon)", docx.TextsOf("Normal"));
    }

    [Fact]
    public void The_deck_shows_the_total_and_both_counts_of_each_output()
    {
        var deck = PptxContent.Read(Write(ReportFormat.Pptx));
        Assert.Empty(deck.Errors);
        var slide = deck.Slides[1];
        Assert.Contains(slide, text => text.StartsWith("42 oy (12 dijital + 30 salon)", StringComparison.Ordinal));
        Assert.Contains(slide, text => text.Contains("Oy 62 (32 dijital + 30 salon)", StringComparison.Ordinal));
        Assert.Contains(deck.Notes[1], text => text == "1. Kağıttaki fikir (42 oy (12 dijital + 30 salon) · kağıttan)");
    }
}
