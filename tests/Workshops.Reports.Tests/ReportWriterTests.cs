using System.Globalization;
using System.IO.Compression;
using Workshops.Contracts;

namespace Workshops.Reports.Tests;

public sealed class ReportWriterTests
{
    [Theory]
    [InlineData("json", ReportFormat.Json)]
    [InlineData("md", ReportFormat.Markdown)]
    [InlineData("csv", ReportFormat.Csv)]
    [InlineData("docx", ReportFormat.Docx)]
    [InlineData("pptx", ReportFormat.Pptx)]
    public void Query_values_parse_to_their_format_and_back(string value, ReportFormat expected)
    {
        Assert.True(ReportFormats.TryParse(value, out var format));
        Assert.Equal(expected, format);
        Assert.Equal(value, ReportFormats.QueryValue(format));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("JSON")]
    [InlineData("Md")]
    [InlineData("DOCX")]
    [InlineData(" csv")]
    [InlineData("csv ")]
    [InlineData("markdown")]
    [InlineData("xlsx")]
    [InlineData("Json")]
    [InlineData("0")]
    public void Anything_else_is_not_a_format(string? value)
    {
        Assert.False(ReportFormats.TryParse(value, out _));
    }

    [Fact]
    public void Format_parsing_is_ordinal_under_Turkish_culture()
    {
        // "JSON".ToLower() is "json" only outside tr-TR ("jsın" there); ordinal never folds.
        using var turkish = new CultureScope("tr-TR");
        Assert.False(ReportFormats.TryParse("JSON", out _));
        Assert.True(ReportFormats.TryParse("json", out var format));
        Assert.Equal(ReportFormat.Json, format);
    }

    [Theory]
    [InlineData("2. Ulusal Danışma Toplantısı", "2021-11-25", ReportFormat.Docx, "2-ulusal-danisma-toplantisi-2021-11-25.docx")]
    [InlineData("İŞ BİRLİĞİ / Çağ", "2021-11-25", ReportFormat.Csv, "is-birligi-cag-2021-11-25.csv")]
    [InlineData("IŞIK ığdır", null, ReportFormat.Json, "isik-igdir.json")]
    [InlineData("Ünye'de Gençlik: Öğrenci & Ağ!", "", ReportFormat.Markdown, "unye-de-genclik-ogrenci-ag.md")]
    [InlineData("Café Ñandú — résumé", "2024-01-02", ReportFormat.Json, "cafe-nandu-resume-2024-01-02.json")]
    [InlineData("", "2021-11-25", ReportFormat.Json, "workshops-2021-11-25.json")]
    [InlineData("???", null, ReportFormat.Docx, "workshops.docx")]
    [InlineData("a/../../etc/passwd", "x\"y", ReportFormat.Csv, "a-etc-passwd-x-y.csv")]
    [InlineData("Çalıştay 😀 ☃", "2021-11-25", ReportFormat.Markdown, "calistay-2021-11-25.md")]
    public void File_name_is_the_title_folded_to_ascii_plus_the_date(string title, string? date, ReportFormat format, string expected)
    {
        var export = new EventExport { EventId = "e", Title = title, Date = date, Workshops = [] };

        Assert.Equal(expected, ReportWriter.Write(export, format, "tr").FileName);
        using var turkish = new CultureScope("tr-TR");
        Assert.Equal(expected, ReportWriter.Write(export, format, "tr").FileName);
    }

    [Fact]
    public void File_name_of_a_long_title_is_cut()
    {
        var name = ReportFileName.For(string.Concat(Enumerable.Repeat("Sürdürülebilirlik ", 20)), "2021-11-25", ReportFormat.Json);

        Assert.True(name.Length <= 80 + "-2021-11-25.json".Length, name);
        Assert.EndsWith("-2021-11-25.json", name, StringComparison.Ordinal);
        Assert.All(name, c => Assert.True(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.', name));
    }

    [Theory]
    [InlineData(ReportFormat.Json, "application/json; charset=utf-8")]
    [InlineData(ReportFormat.Markdown, "text/markdown; charset=utf-8")]
    [InlineData(ReportFormat.Csv, "text/csv; charset=utf-8")]
    [InlineData(ReportFormat.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public void Each_format_has_its_media_type(ReportFormat format, string contentType)
    {
        var report = ReportWriter.Write(TestExports.Create(), format, "tr");

        Assert.Equal(contentType, report.ContentType);
        Assert.EndsWith("." + ReportFormats.QueryValue(format), report.FileName, StringComparison.Ordinal);
        Assert.NotEmpty(report.Content);
    }

    [Theory]
    [InlineData(ReportFormat.Json)]
    [InlineData(ReportFormat.Markdown)]
    [InlineData(ReportFormat.Csv)]
    [InlineData(ReportFormat.Docx)]
    public void Output_does_not_depend_on_the_current_culture(ReportFormat format)
    {
        // Numbers, dates and letter case are the places where tr-TR differs from the rest.
        var export = TestExports.Create() with { ExportedAt = new DateTimeOffset(2024, 3, 7, 19, 45, 30, TimeSpan.FromHours(3)) };
        byte[] invariant;
        using (new CultureScope(""))
        {
            invariant = ReportWriter.Write(export, format, "tr").Content;
        }

        foreach (var culture in new[] { "tr-TR", "ar-SA", "de-DE" })
        {
            using var scope = new CultureScope(culture);
            var localized = ReportWriter.Write(export, format, "tr").Content;
            if (format == ReportFormat.Docx)
            {
                // Zip entries carry a write time; compare the parts instead.
                Assert.Equal(Parts(invariant), Parts(localized));
            }
            else
            {
                Assert.Equal(invariant, localized);
            }
        }
    }

    [Fact]
    public void Times_are_written_in_UTC_whatever_their_offset()
    {
        var export = TestExports.Create() with { ExportedAt = new DateTimeOffset(2024, 3, 7, 19, 45, 30, TimeSpan.FromHours(3)) };

        var md = System.Text.Encoding.UTF8.GetString(ReportWriter.Write(export, ReportFormat.Markdown, "tr").Content);

        Assert.Contains("Dışa aktarma: 2024-03-07 16:45 UTC", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReportFormat.Json)]
    [InlineData(ReportFormat.Markdown)]
    [InlineData(ReportFormat.Csv)]
    [InlineData(ReportFormat.Docx)]
    public void Text_with_control_characters_and_lone_surrogates_still_gives_a_report(ReportFormat format)
    {
        var hostile = "Kontrol\u0001 karakteri\u000B ve yarım vekil \uD800 çiftler 😀";
        var export = TestExports.Create() with { Title = hostile };

        var report = ReportWriter.Write(export, format, "tr");

        Assert.Equal("kontrol-karakteri-ve-yarim-vekil-ciftler-2024-03-07." + ReportFormats.QueryValue(format), report.FileName);
        Assert.NotEmpty(report.Content);
    }

    [Fact]
    public void Unknown_format_value_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportWriter.Write(TestExports.Create(), (ReportFormat)42, "tr"));
    }

    private static Dictionary<string, string> Parts(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        return zip.Entries
            .ToDictionary(entry => entry.FullName, entry =>
            {
                using var reader = new StreamReader(entry.Open());
                return reader.ReadToEnd();
            }, StringComparer.Ordinal);
    }
}
