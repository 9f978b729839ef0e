using DocumentFormat.OpenXml;
using Workshops.Contracts;

namespace Workshops.Reports.Tests;

public sealed class DocxReportTests
{
    private static readonly EventExport Export = TestExports.Create();

    private static DocxContent Write(string language = "tr", FileFormatVersions version = FileFormatVersions.Office2007) =>
        DocxContent.Read(ReportWriter.Write(Export, ReportFormat.Docx, language).Content, version);

    [Theory]
    [InlineData(FileFormatVersions.Office2007)]
    [InlineData(FileFormatVersions.Office2013)]
    [InlineData(FileFormatVersions.Microsoft365)]
    public void Word_report_passes_the_OpenXml_validator_with_no_errors(FileFormatVersions version)
    {
        var docx = Write(version: version);

        Assert.Empty(docx.Errors);
        Assert.Empty(docx.TablesWithoutGrid);
        Assert.NotEmpty(docx.Tables);
    }

    [Fact]
    public void Title_page_shows_title_date_and_venue_in_Turkish()
    {
        var docx = Write();

        Assert.Equal(TestExports.Title, docx.Title);
        Assert.Equal([TestExports.Title], docx.TextsOf("Title"));
        Assert.Equal(("Title", TestExports.Title), docx.Paragraphs[0]);
        Assert.Equal(("Subtitle", "Çalıştay çıktıları raporu"), docx.Paragraphs[1]);
        Assert.Contains("Tarih: 7 Mart 2024 (2024-03-07)", docx.TextsOf("Normal"));
        Assert.Contains("Yer: Şanlıurfa Büyükşehir Belediyesi Kongre Salonu", docx.TextsOf("Normal"));
        Assert.Contains("Dışa aktarma: 2024-03-07 16:45 UTC", docx.TextsOf("Normal"));
        Assert.Contains(TestExports.Title, docx.Footer, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_use_styles_that_the_style_part_defines()
    {
        var docx = Write();

        Assert.Superset(new HashSet<string>(["Title", "Heading1", "Heading2", "Heading3"], StringComparer.Ordinal), docx.StyleIds.ToHashSet(StringComparer.Ordinal));
        Assert.All(docx.Paragraphs, paragraph => Assert.Contains(paragraph.Style, docx.StyleIds));
        Assert.Equal(["Tüm atölyelerin çıktıları", "Hassas Gruplar", "Eğitim ve Gençlik"], docx.TextsOf("Heading1"));
        Assert.Equal(
            [
                "Çıktılar", "Fikirler — Etki", "Fikirler — Sürdürülebilirlik", "Fikirler — İş Birliği", "İşlem kaydı",
                "Çıktılar", "Fikirler — Etki", "Fikirler — Sürdürülebilirlik", "Fikirler — İş Birliği", "İşlem kaydı",
            ],
            docx.TextsOf("Heading2"));
        Assert.Equal(["Etki", "Sürdürülebilirlik", "İş Birliği", "Etki", "Sürdürülebilirlik"], docx.TextsOf("Heading3"));
    }

    [Fact]
    public void Outputs_table_lists_every_output_with_votes_and_where_it_came_from()
    {
        var table = Write().Tables[0];

        Assert.Equal(["Atölye", "Alan", "Çıktı", "Oy", "Salon oyu", "Kaynak"], table[0]);
        var expected = Export.Workshops
            .SelectMany(workshop => workshop.Outputs.Select(output => (IReadOnlyList<string>)
            [
                workshop.Title,
                output.Area,
                output.Text,
                output.Votes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                output.HallVotes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                output.Source == OutputSource.TopVoted
                    ? "en çok oy alan fikir — kolaylaştırıcı seçmedi"
                    : "kolaylaştırıcı tarafından seçildi",
            ]))
            .ToList();
        Assert.Equal(expected, table.Skip(1).ToList());
        Assert.Equal(2, table.Count(row => row[5] == "en çok oy alan fikir — kolaylaştırıcı seçmedi"));
    }

    [Fact]
    public void Each_workshop_section_has_its_counts_outputs_and_ranked_ideas_per_board()
    {
        var docx = Write();

        Assert.Contains("Aşama: Kapandı · Katılımcı: 14 · Fikir: 11 · Oy: 38", docx.TextsOf("Normal"));
        Assert.Contains("Aşama: Sonuçlar · Katılımcı: 11 · Fikir: 5 · Oy: 24", docx.TextsOf("Normal"));
        Assert.Contains(TestExports.FacilitatorOutputText, docx.TextsOf("Normal"));
        Assert.Contains("Paydaş gruplarına göre oy: Sivil toplum kuruluşu 4 · Kamu kurumu 3 · grup belirtmeyen 2", docx.TextsOf("Normal"));
        Assert.Contains("Bu panoda fikir yok.", docx.TextsOf("Normal"));
        Assert.Contains("Uzlaşı: 0,447", docx.TextsOf("Normal"));
        Assert.Contains("Gruplara göre destek: Kamu kurumu 0,600 (3 kişiden 2) · Sivil toplum kuruluşu 0,333 (4 kişiden 1)", docx.TextsOf("Normal"));

        // Tables after the outputs table: one per board that has ideas, in order.
        var boards = Export.Workshops.SelectMany(workshop => workshop.Boards).Where(board => board.Ideas.Count > 0).ToList();
        // Each workshop ends with its audit table.
        var ideaTables = docx.Tables.Skip(1).Where(table => table[0][0] != "Zaman").ToList();
        Assert.Equal(boards.Count, ideaTables.Count);
        for (var b = 0; b < boards.Count; b++)
        {
            var signed = boards[b].Ideas.Any(idea => idea.Author is not null);
            Assert.Equal(signed ? ["Sıra", "Fikir", "Yazar", "Oy", "Salon oyu", "Uzlaşı", "Durum"] : ["Sıra", "Fikir", "Oy", "Salon oyu", "Uzlaşı", "Durum"], ideaTables[b][0]);
            var rows = ideaTables[b].Skip(1).ToList();
            Assert.Equal(boards[b].Ideas.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var idea = boards[b].Ideas[i];
                IReadOnlyList<string> expected = signed
                    ? [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), idea.Text, idea.Author ?? "", Votes(idea), "0", "–", Status(idea)]
                    : [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), idea.Text, Votes(idea), "0", "–", Status(idea)];
                // Ordinal equality: every Turkish letter and the line break of the multi-line idea survive.
                Assert.Equal(expected, rows[i]);
            }
        }
    }

    [Fact]
    public void English_report_has_English_headings()
    {
        var docx = Write("en");

        Assert.Equal(["Outputs of all workshops", "Hassas Gruplar", "Eğitim ve Gençlik"], docx.TextsOf("Heading1"));
        Assert.Equal(["Workshop", "Area", "Output", "Votes", "Hall votes", "Source"], docx.Tables[0][0]);
        Assert.Contains("top-voted, not chosen by the facilitator", docx.Tables[0].Select(row => row[5]));
        Assert.Empty(docx.Errors);
    }

    [Fact]
    public void Text_that_XML_cannot_carry_is_dropped_and_the_document_stays_valid()
    {
        var hostile = "Kontrol\u0001 karakteri\u000B ve yarım vekil \uD800 çiftler 😀";
        var export = Export with
        {
            Title = "Başlık\u0002",
            Workshops = [Export.Workshops[0] with { Title = "Atölye\uDC00", Boards = [new BoardExport { Area = "Etki", Ideas = [new IdeaExport { IdeaId = "x", Text = hostile, Votes = 1 }] }] }],
        };

        var docx = DocxContent.Read(ReportWriter.Write(export, ReportFormat.Docx, "tr").Content);

        Assert.Empty(docx.Errors);
        Assert.Equal("Başlık", docx.Title);
        Assert.Contains(docx.Tables[1], row => row[1] == "Kontrol karakteri ve yarım vekil  çiftler 😀");
    }

    private static string Votes(IdeaExport idea) => idea.Votes.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Status(IdeaExport idea) => idea.Status switch
    {
        IdeaStatus.Hidden => "gizlendi",
        IdeaStatus.Merged => "birleştirildi",
        _ => "görünür",
    };

    [Fact]
    public void Each_workshop_ends_with_its_audit_trail_in_Turkish_words()
    {
        var docx = Write();

        var audits = docx.Tables.Where(table => table[0][0] == "Zaman").ToList();
        Assert.Equal(Export.Workshops.Count, audits.Count);
        Assert.Equal(["Zaman", "Rol", "İşlem", "Fikir", "Ayrıntı"], audits[0][0]);
        Assert.Equal(Export.Workshops[0].Audit.Count, audits[0].Count - 1);
        Assert.Equal(["2024-03-07 10:45 UTC", "kolaylaştırıcı", "aşama", "", "Hazırlık → Beyin fırtınası"], audits[0][1]);
        Assert.Equal(["gizleme", "i-105", ""], audits[0][2].Skip(2));
        Assert.Equal(["birleştirme", "i-101", "i-104"], audits[0][3].Skip(2));
        Assert.Equal("çıktı seçimi", audits[0][6][2]);
        Assert.DoesNotContain(audits.SelectMany(t => t).SelectMany(row => row), cell => cell is "phase" or "hide" or "merge" or "output" || cell.Contains("Setup", StringComparison.Ordinal));
    }
}
