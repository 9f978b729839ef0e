using System.Text;
using System.Text.Json;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Workshops.Testing;

namespace Workshops.Cli.Tests;

[Collection(CliServerCollection.Name)]
public sealed class ExportCommandTests(CliServerFixture fixture) : IDisposable
{
    private const string Idea = "Engelli gençler için erişilebilir iş ilanları ağı kurulmalı";

    private readonly TempDirectory _folder = new("cli-export");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Export_docx_is_a_Word_report_with_the_workshop_titles_in_Turkish()
    {
        var created = await fixture.CreateSampleEventAsync();
        await fixture.AddIdeaAsync(created.Workshops[0], Idea);
        var file = _folder.Combine("rapor.docx");

        var result = await fixture.RunAsync("export", created.EventId, "--format", "docx", "--out", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("as docx to " + file, result.Stdout, StringComparison.Ordinal);
        using var document = WordprocessingDocument.Open(file, isEditable: false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal(SampleProgram.Title, paragraphs[0]);
        // The event's language is Turkish, so is the report's wording.
        Assert.Contains("Çalıştay çıktıları raporu", paragraphs);
        foreach (var title in SampleProgram.WorkshopTitles)
        {
            Assert.Contains(title, paragraphs);
        }

        Assert.Contains(document.MainDocumentPart.Document.Body.Descendants<Text>(), t => t.Text.Contains(Idea, StringComparison.Ordinal));
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public async Task Export_pptx_is_the_closing_deck_with_one_slide_per_workshop()
    {
        var created = await fixture.CreateSampleEventAsync();
        var file = _folder.Combine("kapanis.pptx");

        var result = await fixture.RunAsync("export", created.EventId, "--format", "pptx", "--out", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("as pptx to " + file, result.Stdout, StringComparison.Ordinal);
        using var deck = PresentationDocument.Open(file, isEditable: false);
        var slides = deck.PresentationPart!.SlideParts.ToList();
        Assert.Equal(SampleProgram.WorkshopTitles.Count + 2, slides.Count);
        var texts = slides.SelectMany(s => s.Slide.Descendants<DocumentFormat.OpenXml.Drawing.Text>()).Select(t => t.Text).ToList();
        Assert.Contains("Kapanış oturumu — atölye çıktıları", texts);
        Assert.All(SampleProgram.WorkshopTitles, title => Assert.Contains(title, texts));
    }

    [Fact]
    public async Task Export_md_csv_and_json_hold_the_event()
    {
        var created = await fixture.CreateSampleEventAsync();
        var idea = await fixture.AddIdeaAsync(created.Workshops[1], Idea);

        var md = await fixture.RunAsync("export", created.EventId, "--format", "md", "--out", _folder.Combine("r.md"));
        Assert.True(md.ExitCode == 0, md.ToString());
        var markdown = await File.ReadAllTextAsync(_folder.Combine("r.md"), Encoding.UTF8);
        Assert.StartsWith("# " + SampleProgram.Title, markdown, StringComparison.Ordinal);
        Assert.All(SampleProgram.WorkshopTitles, t => Assert.Contains(t, markdown, StringComparison.Ordinal));
        Assert.Contains(Idea, markdown, StringComparison.Ordinal);

        var csv = await fixture.RunAsync("export", created.EventId, "--format", "csv", "--out", _folder.Combine("r.csv"));
        Assert.True(csv.ExitCode == 0, csv.ToString());
        var bytes = await File.ReadAllBytesAsync(_folder.Combine("r.csv"));
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using (var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        using (var reader = CsvReader.Create(text, new CsvReaderOptions(), false))
        {
            var rows = new List<string[]>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
            }

            var headers = reader.Headers.ToList();
            var row = Assert.Single(rows);
            Assert.Equal(SampleProgram.WorkshopTitles[1], row[headers.IndexOf("workshop")]);
            Assert.Equal(Idea, row[headers.IndexOf("text")]);
            Assert.Equal(idea.IdeaId, row[headers.IndexOf("ideaId")]);
        }

        var json = await fixture.RunAsync("export", created.EventId, "--out", _folder.Combine("r.json"));
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(_folder.Combine("r.json")));
        var root = document.RootElement;
        Assert.Equal(created.EventId, root.GetProperty("eventId").GetString());
        Assert.Equal(SampleProgram.Title, root.GetProperty("title").GetString());
        var workshops = root.GetProperty("workshops").EnumerateArray().ToList();
        Assert.Equal(SampleProgram.WorkshopTitles, workshops.Select(w => w.GetProperty("title").GetString()));
        var ideas = workshops[1].GetProperty("boards")[0].GetProperty("ideas");
        Assert.Equal(idea.IdeaId, Assert.Single(ideas.EnumerateArray()).GetProperty("ideaId").GetString());
    }

    [Fact]
    public async Task Export_without_out_or_into_a_folder_uses_the_suggested_file_name()
    {
        var created = await fixture.CreateSampleEventAsync();
        const string Name = "2-ulusal-danisma-toplantisi-2021-11-25.md";

        var intoFolder = await fixture.RunAsync("export", created.EventId, "-f", "md", "-o", _folder.Path);
        Assert.True(intoFolder.ExitCode == 0, intoFolder.ToString());
        Assert.True(File.Exists(_folder.Combine(Name)));

        var working = Directory.CreateDirectory(_folder.Combine("cwd")).FullName;
        var here = await CliProcess.RunAsync(["export", created.EventId, "--format", "md", .. fixture.ClusterArgs], workingDirectory: working);
        Assert.True(here.ExitCode == 0, here.ToString());
        Assert.Contains("\n- Dışa aktarma: ", await File.ReadAllTextAsync(_folder.Combine(Name)), StringComparison.Ordinal);
        // The same report, but for the line with the export time: two exports a few seconds apart
        // may fall into two different minutes.
        Assert.Equal(WithoutExportTime(await File.ReadAllTextAsync(_folder.Combine(Name))), WithoutExportTime(await File.ReadAllTextAsync(Path.Combine(working, Name))));
    }

    private static string[] WithoutExportTime(string markdown) =>
        [.. markdown.Split('\n').Where(line => !line.StartsWith("- Dışa aktarma: ", StringComparison.Ordinal))];

    [Fact]
    public async Task Export_to_stdout_writes_the_report_alone()
    {
        var created = await fixture.CreateSampleEventAsync();

        var result = await fixture.RunAsync("export", created.EventId, "--format", "json", "--out", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal(created.EventId, document.RootElement.GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task Export_with_an_unknown_format_exits_2_before_connecting()
    {
        var result = await CliProcess.RunAsync(["export", "e123", "--format", "pdf", "--gateway-port", "1"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("pdf", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }
}
