using System.Text;
using System.Text.Json;
using Workshops.Contracts;

namespace Workshops.Reports.Tests;

public sealed class JsonReportTests
{
    private static readonly EventExport Export = TestExports.Create();

    private static byte[] Write() => ReportWriter.Write(Export, ReportFormat.Json, "tr").Content;

    [Fact]
    public void Json_reads_back_into_the_contract_types_with_every_output_count_and_vote()
    {
        var read = JsonSerializer.Deserialize<EventExport>(Write(), ReportJson.Options)!;

        Assert.Equal(Export.EventId, read.EventId);
        Assert.Equal(Export.Title, read.Title);
        Assert.Equal(Export.Date, read.Date);
        Assert.Equal(Export.Venue, read.Venue);
        Assert.Equal(Export.ExportedAt, read.ExportedAt);
        Assert.Equal(Export.Workshops.Count, read.Workshops.Count);
        for (var w = 0; w < Export.Workshops.Count; w++)
        {
            var expected = Export.Workshops[w];
            var actual = read.Workshops[w];
            Assert.Equal(
                (expected.WorkshopId, expected.Title, expected.Phase, expected.Participants, expected.Ideas, expected.Votes),
                (actual.WorkshopId, actual.Title, actual.Phase, actual.Participants, actual.Ideas, actual.Votes));
            Assert.Equal(expected.Outputs.Count, actual.Outputs.Count);
            for (var o = 0; o < expected.Outputs.Count; o++)
            {
                Assert.Equal(expected.Outputs[o].Area, actual.Outputs[o].Area);
                Assert.Equal(expected.Outputs[o].Text, actual.Outputs[o].Text);
                Assert.Equal(expected.Outputs[o].Votes, actual.Outputs[o].Votes);
                Assert.Equal(expected.Outputs[o].Source, actual.Outputs[o].Source);
                Assert.Equal(expected.Outputs[o].SourceIdeaIds, actual.Outputs[o].SourceIdeaIds);
                Assert.Equal(Sorted(expected.Outputs[o].VotesByGroup), Sorted(actual.Outputs[o].VotesByGroup));
            }

            var expectedIdeas = expected.Boards.SelectMany(board => board.Ideas.Select(idea => (board.Area, idea))).ToList();
            var actualIdeas = actual.Boards.SelectMany(board => board.Ideas.Select(idea => (board.Area, idea))).ToList();
            Assert.Equal(expectedIdeas.Count, actualIdeas.Count);
            for (var i = 0; i < expectedIdeas.Count; i++)
            {
                var (area, idea) = expectedIdeas[i];
                var (readArea, readIdea) = actualIdeas[i];
                Assert.Equal(area, readArea);
                Assert.Equal(
                    (idea.IdeaId, idea.Text, idea.Author, idea.Votes, idea.Status),
                    (readIdea.IdeaId, readIdea.Text, readIdea.Author, readIdea.Votes, readIdea.Status));
                Assert.Equal(Sorted(idea.VotesByGroup), Sorted(readIdea.VotesByGroup));
            }

            Assert.Equal(expected.Audit.Count, actual.Audit.Count);
            for (var a = 0; a < expected.Audit.Count; a++)
            {
                Assert.Equal(expected.Audit[a], actual.Audit[a]);
            }
        }

        // Nothing was lost or added: writing what was read gives the same bytes.
        Assert.Equal(Write(), JsonSerializer.SerializeToUtf8Bytes(read, ReportJson.Options));
    }

    [Fact]
    public void Json_field_names_are_exactly_those_of_the_contract_section_5()
    {
        using var json = JsonDocument.Parse(Write());
        var root = json.RootElement;
        Assert.Equal(["eventId", "title", "date", "venue", "exportedAt", "workshops"], Names(root));

        var workshop = root.GetProperty("workshops")[0];
        Assert.Equal(["workshopId", "title", "phase", "participants", "ideas", "votes", "outputs", "boards", "audit", "hallVotes"], Names(workshop));
        Assert.Equal("Closed", workshop.GetProperty("phase").GetString());

        var output = workshop.GetProperty("outputs")[0];
        Assert.Equal(["area", "text", "votes", "votesByGroup", "source", "sourceIdeaIds", "consensus", "support", "hallVotes"], Names(output));
        // Section 10: consensus on every output and idea, written as null when there is none.
        Assert.Equal(0.447, output.GetProperty("consensus").GetDouble());
        Assert.Equal(JsonValueKind.Null, workshop.GetProperty("outputs")[1].GetProperty("consensus").ValueKind);
        Assert.Equal(["group", "voters", "supporters", "support"], Names(output.GetProperty("support")[0]));
        Assert.Equal("facilitator", output.GetProperty("source").GetString());
        Assert.Equal("top-voted", workshop.GetProperty("outputs")[1].GetProperty("source").GetString());
        // Group names are data, not member names: no camelCase, and "" is kept.
        Assert.Equal(["Sivil toplum kuruluşu", "Kamu kurumu", ""], Names(output.GetProperty("votesByGroup")));
        Assert.Equal(2, output.GetProperty("votesByGroup").GetProperty("").GetInt32());

        var board = workshop.GetProperty("boards")[0];
        Assert.Equal(["area", "ideas"], Names(board));
        var ideas = board.GetProperty("ideas");
        Assert.Equal(["ideaId", "text", "votes", "votesByGroup", "status", "consensus", "support", "hallVotes", "source"], Names(ideas[0]));
        Assert.Equal(["visible", "visible", "visible", "merged", "hidden"], ideas.EnumerateArray().Select(idea => idea.GetProperty("status").GetString()));

        var audit = workshop.GetProperty("audit");
        Assert.Equal(["at", "role", "action", "detail"], Names(audit[0]));
        Assert.Equal(["at", "role", "action", "ideaId"], Names(audit[1]));
        Assert.Equal("facilitator", audit[1].GetProperty("role").GetString());
    }

    [Fact]
    public void Author_is_absent_not_null_for_anonymous_ideas_and_present_for_signed_ones()
    {
        using var json = JsonDocument.Parse(Write());
        var ideas = json.RootElement.GetProperty("workshops").EnumerateArray()
            .SelectMany(workshop => workshop.GetProperty("boards").EnumerateArray())
            .SelectMany(board => board.GetProperty("ideas").EnumerateArray())
            .ToDictionary(idea => idea.GetProperty("ideaId").GetString()!, StringComparer.Ordinal);

        foreach (var (_, _, idea) in TestExports.AllIdeas(Export))
        {
            var written = ideas[idea.IdeaId];
            if (idea.Author is null)
            {
                Assert.False(written.TryGetProperty("author", out _), idea.IdeaId + " must have no author member");
            }
            else
            {
                Assert.Equal(idea.Author, written.GetProperty("author").GetString());
            }
        }

        Assert.Contains(TestExports.AllIdeas(Export), entry => entry.Idea.Author is null);
        Assert.Contains(TestExports.AllIdeas(Export), entry => entry.Idea.Author is not null);
        // The only nulls are the consensus values the contract asks for (section 10).
        Assert.DoesNotContain("null", Encoding.UTF8.GetString(Write()).Replace("\"consensus\": null", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_is_utf8_without_bom_with_Turkish_letters_unescaped_and_indented()
    {
        var bytes = Write();
        Assert.NotEqual(0xEF, bytes[0]);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);

        Assert.Contains("\"title\": \"" + TestExports.Title + "\"", text, StringComparison.Ordinal);
        Assert.Contains(TestExports.OrderedListLookalike, text, StringComparison.Ordinal);
        Assert.Contains("Işıklı ve sesli", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0", text, StringComparison.Ordinal);
        Assert.Contains("\n  \"workshops\": [", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_options_cannot_be_changed_by_one_caller_for_the_others()
    {
        Assert.True(ReportJson.Options.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => ReportJson.Options.WriteIndented = false);
    }

    private static List<string> Names(JsonElement element) =>
        element.EnumerateObject().Select(property => property.Name).ToList();

    private static List<KeyValuePair<string, int>> Sorted(IReadOnlyDictionary<string, int> groups) =>
        groups.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
}
