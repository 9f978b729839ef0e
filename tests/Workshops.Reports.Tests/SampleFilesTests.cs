using System.Text.Json;
using Workshops.Contracts;

namespace Workshops.Reports.Tests;

/// <summary>
/// docs/samples: the program of the consultation meeting and the reports the writer makes of
/// it. <c>WORKSHOPS_WRITE_SAMPLES=1</c> rewrites the reports; otherwise the committed files
/// must be exactly what the writer produces today.
/// </summary>
public sealed class SampleFilesTests
{
    private static readonly string Samples = Path.Combine(RepositoryRoot(), "docs", "samples");

    private static EventProgram ReadProgram() =>
        JsonSerializer.Deserialize<EventProgram>(File.ReadAllBytes(Path.Combine(Samples, "program.json")), ReportJson.Options)!;

    [Fact]
    public void Program_sample_is_the_consultation_meeting_in_the_create_event_shape()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Samples, "program.json")));
        Assert.Equal(
            ["title", "date", "venue", "language", "outputAreas", "workshops", "stakeholderGroups", "settings"],
            json.RootElement.EnumerateObject().Select(property => property.Name));

        var program = ReadProgram();
        Assert.Equal("2. Ulusal Danışma Toplantısı", program.Title);
        Assert.Equal("2021-11-25", program.Date);
        Assert.Equal("Ankara", program.Venue);
        Assert.Equal("tr", program.Language);
        Assert.Equal(["Etki", "Sürdürülebilirlik", "İş Birliği"], program.OutputAreas!);
        Assert.Equal(EventProgram.DefaultOutputAreas, program.OutputAreas!);
        Assert.Equal(
            [
                "Hassas Gruplar",
                "İş Dünyası, Sektörel İş Birliği ve Sosyal Girişimcilik",
                "Çevre, İklim, Gıda ve Enerji",
                "Kültür ve Sanat",
                "Eğitim ve Gençlik",
            ],
            program.Workshops.Select(workshop => workshop.Title));
        Assert.Equal(EventProgram.DefaultStakeholderGroups, program.StakeholderGroups!);
        Assert.Equal(WorkshopSettings.Default, program.Settings);
        Assert.Null(program.Settings!.Validate());
    }

    [Fact]
    public void Report_samples_are_what_the_writer_makes_of_the_sample_meeting()
    {
        var program = ReadProgram();
        var export = SampleMeeting.Create(program);
        var write = Environment.GetEnvironmentVariable("WORKSHOPS_WRITE_SAMPLES") == "1";
        foreach (var format in new[] { ReportFormat.Json, ReportFormat.Markdown, ReportFormat.Csv, ReportFormat.Docx, ReportFormat.Pptx })
        {
            var report = ReportWriter.Write(export, format, program.Language);
            Assert.Equal("2-ulusal-danisma-toplantisi-2021-11-25." + ReportFormats.QueryValue(format), report.FileName);
            var path = Path.Combine(Samples, "report." + ReportFormats.QueryValue(format));
            if (write)
            {
                File.WriteAllBytes(path, report.Content);
            }

            var committed = File.ReadAllBytes(path);
            if (format == ReportFormat.Docx)
            {
                // A zip records write times, so compare what Word shows, and validate the file.
                var expected = DocxContent.Read(report.Content);
                var actual = DocxContent.Read(committed);
                Assert.Empty(actual.Errors);
                Assert.Equal(expected.Paragraphs, actual.Paragraphs);
                Assert.Equal(expected.Tables, actual.Tables);
            }
            else if (format == ReportFormat.Pptx)
            {
                var expected = PptxContent.Read(report.Content);
                var actual = PptxContent.Read(committed);
                Assert.Empty(actual.Errors);
                Assert.Equal(expected.Slides, actual.Slides);
                Assert.Equal(expected.Notes, actual.Notes);
            }
            else
            {
                Assert.True(report.Content.AsSpan().SequenceEqual(committed), path + " is out of date: run the tests with WORKSHOPS_WRITE_SAMPLES=1");
            }
        }
    }

    [Fact]
    public void Sample_report_matches_the_program_and_adds_up()
    {
        var program = ReadProgram();
        var export = JsonSerializer.Deserialize<EventExport>(File.ReadAllBytes(Path.Combine(Samples, "report.json")), ReportJson.Options)!;

        Assert.Equal(program.Title, export.Title);
        Assert.Equal(program.Workshops.Select(workshop => workshop.Title), export.Workshops.Select(workshop => workshop.Title));
        foreach (var workshop in export.Workshops)
        {
            Assert.Equal(program.OutputAreas!, workshop.Boards.Select(board => board.Area));
            Assert.Equal(program.OutputAreas!, workshop.Outputs.Select(output => output.Area));
            Assert.Equal(workshop.Ideas, workshop.Boards.Sum(board => board.Ideas.Count));
            Assert.Equal(workshop.Votes, workshop.Boards.Sum(board => board.Ideas.Sum(idea => idea.Votes)));
            foreach (var board in workshop.Boards)
            {
                // Three votes each, at most one per idea.
                Assert.InRange(board.Ideas.Sum(idea => idea.Votes), 1, 3 * workshop.Participants);
                Assert.All(board.Ideas, idea => Assert.InRange(idea.Votes, 0, workshop.Participants));
                Assert.Equal(board.Ideas.OrderByDescending(idea => idea.Votes).Select(idea => idea.IdeaId), board.Ideas.Select(idea => idea.IdeaId));
                Assert.All(board.Ideas, idea => Assert.Equal(idea.Votes, idea.VotesByGroup.Values.Sum()));
                Assert.All(board.Ideas, idea => Assert.Null(idea.Author));
                Assert.All(board.Ideas.SelectMany(idea => idea.VotesByGroup.Keys), group => Assert.True(group.Length == 0 || program.StakeholderGroups!.Contains(group), group));
            }

            foreach (var output in workshop.Outputs)
            {
                Assert.Equal(output.Votes, output.VotesByGroup.Values.Sum());
                var sources = workshop.Boards.Single(board => board.Area == output.Area).Ideas.Where(idea => output.SourceIdeaIds.Contains(idea.IdeaId)).ToList();
                Assert.Equal(output.SourceIdeaIds.Count, sources.Count);
                Assert.Equal(output.Votes, sources.Sum(idea => idea.Votes));
            }
        }

        var ideaIds = export.Workshops.SelectMany(workshop => workshop.Boards).SelectMany(board => board.Ideas).Select(idea => idea.IdeaId).ToList();
        Assert.Equal(ideaIds.Count, ideaIds.Distinct(StringComparer.Ordinal).Count());
        var sourcesUsed = export.Workshops.SelectMany(workshop => workshop.Outputs).Select(output => output.Source).ToList();
        Assert.Contains(OutputSource.TopVoted, sourcesUsed);
        Assert.Contains(OutputSource.Facilitator, sourcesUsed);
        var statuses = export.Workshops.SelectMany(workshop => workshop.Boards).SelectMany(board => board.Ideas).Select(idea => idea.Status).ToList();
        Assert.Contains(IdeaStatus.Hidden, statuses);
        Assert.Contains(IdeaStatus.Merged, statuses);
    }

    internal static string RepositoryRootPath => RepositoryRoot();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Workshops.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Workshops.sln not found above " + AppContext.BaseDirectory);
    }
}
