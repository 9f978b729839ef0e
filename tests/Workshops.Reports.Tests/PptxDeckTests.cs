using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;

namespace Workshops.Reports.Tests;

public sealed class PptxDeckTests
{
    private static readonly Contracts.EventExport Export = TestExports.Create();

    private static byte[] Deck(string language = "tr") => ReportWriter.Write(Export, ReportFormat.Pptx, language).Content;

    [Theory]
    [InlineData(FileFormatVersions.Office2007)]
    [InlineData(FileFormatVersions.Office2013)]
    [InlineData(FileFormatVersions.Microsoft365)]
    public void Deck_passes_the_OpenXml_validator_with_no_errors(FileFormatVersions version)
    {
        var deck = PptxContent.Read(Deck(), version);

        Assert.Empty(deck.Errors);
    }

    [Fact]
    public void Deck_is_16_by_9_with_a_title_slide_one_slide_per_workshop_and_a_closing_slide()
    {
        var report = ReportWriter.Write(Export, ReportFormat.Pptx, "tr");
        var deck = PptxContent.Read(report.Content);

        Assert.Equal((12192000L, 6858000L), (deck.Width, deck.Height));
        Assert.Equal(Export.Workshops.Count + 2, deck.Slides.Count);
        Assert.Equal("application/vnd.openxmlformats-officedocument.presentationml.presentation", report.ContentType);
        Assert.EndsWith(".pptx", report.FileName, StringComparison.Ordinal);
        Assert.Equal([TestExports.Title, "Kapanış oturumu — atölye çıktıları", "7 Mart 2024 · Şanlıurfa Büyükşehir Belediyesi Kongre Salonu"], deck.Slides[0]);
        Assert.Equal("Hassas Gruplar", deck.Slides[1][0]);
        Assert.Equal("Eğitim ve Gençlik", deck.Slides[2][0]);
        Assert.Equal("Toplantının toplamı", deck.Slides[^1][0]);
    }

    [Fact]
    public void A_workshop_slide_shows_each_output_with_area_text_votes_consensus_and_support_bars()
    {
        var deck = PptxContent.Read(Deck());
        var slide = deck.Slides[1].ToList();

        Assert.Equal("Katılımcı 14 · Fikir 11 · Oy 38", slide[1]);
        var etki = slide.IndexOf("Etki");
        Assert.Equal([TestExports.FacilitatorOutputText, "9 oy · Uzlaşı: 0,447"], slide.Skip(etki + 1).Take(2));
        Assert.Equal(["Gruplara göre destek", "Kamu kurumu 0,600 (3 kişiden 2)", "Sivil toplum kuruluşu 0,333 (4 kişiden 1)"], slide.Skip(etki + 3).Take(3));
        Assert.Contains("4 oy · Uzlaşı: hesaplanamadı (en az 3 oy vereni olan 2 grup gerekir)", slide);
        Assert.Equal(Export.Workshops[0].Outputs.Select(o => o.Area), slide.Where(Export.Workshops[0].Outputs.Select(o => o.Area).Contains));
        Assert.Equal(Export.Workshops[0].Outputs.Select(o => o.Text).Where(t => t.Length > 0), slide.Where(Export.Workshops[0].Outputs.Select(o => o.Text).Contains));
    }

    [Fact]
    public void Closing_slide_has_the_totals_of_people_groups_ideas_and_votes()
    {
        var deck = PptxContent.Read(Deck());
        var participants = Export.Workshops.Sum(w => w.Participants).ToString(CultureInfo.InvariantCulture);
        var ideas = Export.Workshops.Sum(w => w.Ideas).ToString(CultureInfo.InvariantCulture);
        var votes = Export.Workshops.Sum(w => w.Votes).ToString(CultureInfo.InvariantCulture);
        var groups = Export.Workshops.SelectMany(w => w.Boards).SelectMany(b => b.Ideas).SelectMany(i => i.VotesByGroup.Keys)
            .Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).Count().ToString(CultureInfo.InvariantCulture);

        Assert.Equal(
            ["Toplantının toplamı", participants, "Atölye katılımı", groups, "Paydaş grubu", ideas, "Fikir", votes, "Oy", TestExports.Title],
            deck.Slides[^1]);
    }

    [Theory]
    [InlineData("tr", "Katılımcı")]
    [InlineData("en", "Participants")]
    public void Closing_slide_counts_a_person_in_two_workshops_once(string language, string label)
    {
        // 14 and 11 took part in the two workshops, 5 of them in both: 20 people, 25 attendances.
        var export = Export with { Participants = 20 };
        var deck = PptxContent.Read(ReportWriter.Write(export, ReportFormat.Pptx, language).Content);

        Assert.Equal(25, export.Workshops.Sum(w => w.Participants));
        Assert.Equal(["20", label], deck.Slides[^1].Skip(1).Take(2));
        Assert.DoesNotContain("25", deck.Slides[^1]);
    }

    [Fact]
    public void Speaker_notes_list_each_boards_top_five_visible_ideas()
    {
        var deck = PptxContent.Read(Deck());
        var workshop = Export.Workshops[0];

        Assert.Empty(deck.Notes[0]);
        Assert.Empty(deck.Notes[^1]);
        var notes = deck.Notes[1];
        Assert.Equal("En çok oy alan fikirler", notes[0]);
        foreach (var board in workshop.Boards)
        {
            var at = notes.ToList().IndexOf(board.Area);
            var expected = board.Ideas.Where(i => i.Status == Contracts.IdeaStatus.Visible).Take(5).ToList();
            Assert.True(at > 0, board.Area);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.StartsWith((i + 1).ToString(CultureInfo.InvariantCulture) + ". " + expected[i].Text + " (" + expected[i].Votes.ToString(CultureInfo.InvariantCulture) + " oy", notes[at + 1 + i], StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain(notes, line => workshop.Boards.SelectMany(b => b.Ideas).Where(i => i.Status != Contracts.IdeaStatus.Visible).Any(i => line.Contains(i.Text, StringComparison.Ordinal)));
    }

    [Fact]
    public void English_deck_has_English_words()
    {
        var deck = PptxContent.Read(Deck("en"));

        Assert.Equal("Closing plenary — workshop outputs", deck.Slides[0][1]);
        Assert.Contains("9 votes · Consensus: 0.447", deck.Slides[1]);
        Assert.Contains("Kamu kurumu 0.600 (2 of 3)", deck.Slides[1]);
        Assert.Equal("The meeting in numbers", deck.Slides[^1][0]);
        Assert.Equal("Top-voted ideas", deck.Notes[1][0]);
    }

    [Fact]
    public void Deck_is_the_same_under_every_culture()
    {
        var invariant = PptxContent.Read(Deck());
        foreach (var culture in new[] { "tr-TR", "ar-SA", "de-DE" })
        {
            using (new CultureScope(culture))
            {
                var deck = PptxContent.Read(Deck());
                Assert.Equal(invariant.Slides, deck.Slides);
                Assert.Equal(invariant.Notes, deck.Notes);
            }
        }
    }

    /// <summary>
    /// A real office program opens the deck: LibreOffice converts it to PDF, one page per slide,
    /// and the Turkish outputs are in it. With WORKSHOPS_WRITE_SAMPLES=1 the first workshop's
    /// page is also rendered to docs/screenshots/deck.png for the README.
    /// </summary>
    [Fact]
    public void LibreOffice_opens_the_deck_and_prints_one_page_per_slide_with_the_Turkish_outputs()
    {
        var dir = Directory.CreateTempSubdirectory("deck-");
        try
        {
            var file = Path.Combine(dir.FullName, "deck.pptx");
            File.WriteAllBytes(file, Deck());
            var profile = new Uri(Path.Combine(dir.FullName, "profile")).AbsoluteUri;
            Run("soffice", "-env:UserInstallation=" + profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir.FullName, file);
            var pdf = Path.Combine(dir.FullName, "deck.pdf");
            Assert.True(File.Exists(pdf), "LibreOffice wrote no PDF");

            var info = Run("pdfinfo", pdf);
            var pages = int.Parse(Regex.Match(info, @"^Pages:\s+(\d+)", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Equal(Export.Workshops.Count + 2, pages);

            var text = Squeeze(Run("pdftotext", "-enc", "UTF-8", pdf, "-"));
            Assert.Contains(Squeeze(TestExports.Title), text, StringComparison.Ordinal);
            Assert.Contains(Squeeze(TestExports.FacilitatorOutputText), text, StringComparison.Ordinal);
            Assert.Contains("Uzlaşı: 0,447", text, StringComparison.Ordinal);
            Assert.Contains("Toplantının toplamı", text, StringComparison.Ordinal);

            if (Environment.GetEnvironmentVariable("WORKSHOPS_WRITE_SAMPLES") == "1")
            {
                Run("pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", "-singlefile", pdf, Path.Combine(SampleFilesTests.RepositoryRootPath, "docs", "screenshots", "deck"));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Squeeze(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail(program + " did not finish within 3 minutes");
        }

        Assert.True(process.ExitCode == 0, program + " failed: " + error.Result);
        return output.Result;
    }
}
