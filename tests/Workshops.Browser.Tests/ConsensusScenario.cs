using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Browser.Tests;

/// <summary>
/// A workshop whose first board ranks differently by votes and by consensus (PROTOCOL.md
/// section 10), set up over the hub with the .NET client: four civil-society voters and three
/// public-body voters on the first board, one civil-society voter on the second.
/// </summary>
/// <remarks>
/// Hand-computed, support (s + 1) / (n + 2) with n = 4 (civil society) and n = 3 (public bodies):
/// <list type="bullet">
/// <item>A: 4 votes, all civil society: 5/6 and 1/5, consensus sqrt(1/6) = 0.408.</item>
/// <item>B: 3 votes, one and two: 2/6 and 3/5, consensus sqrt(1/5) = 0.447.</item>
/// <item>C: 2 votes, one and one: 2/6 and 2/5, consensus sqrt(2/15) = 0.365.</item>
/// <item>D: no vote: 1/6 and 1/5, consensus sqrt(1/30) = 0.183.</item>
/// <item>F (second board): one voter of one group: no group qualifies, consensus null.</item>
/// </list>
/// By votes A, B, C, D; by consensus B, A, C, D.
/// </remarks>
public sealed record ConsensusScenario(EventCreated Event, WorkshopCreated Workshop, string FirstBoardId)
{
    public const string CivilSociety = "Sivil toplum kuruluşu";
    public const string PublicBody = "Kamu kurumu";
    public const string A = "Mahalle ölçeğinde kadın kooperatifleri";
    public const string B = "Engelli bireyler için erişilebilir toplu ulaşım ağı";
    public const string C = "Kırsalda yaşlı bakımı için gezici ekipler";
    public const string D = "Gençlik merkezlerinde hafta sonu atölyeleri";
    public const string F = "Sosyal girişimler için kalıcı hibe programı";

    public static async Task<ConsensusScenario> CreateAsync(BrowserFixture fixture, string language = "tr")
    {
        var created = await fixture.CreateEventAsync(language);
        var workshop = created.Workshops[0];
        var id = workshop.WorkshopId;
        var baseUrl = fixture.BaseUrl;
        await using var facilitator = await HubClient.ConnectAsync(baseUrl, (await fixture.Api.SignInAsync(workshop.FacilitatorKey)).Token);
        var snapshot = await facilitator.JoinAsync(id);
        var first = snapshot.Boards[0].BoardId;
        var second = snapshot.Boards[1].BoardId;

        await facilitator.Connection.InvokeAsync("SetPhase", id, "Brainstorm");
        var ideas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (board, text) in new[] { (first, A), (first, B), (first, C), (first, D), (second, F) })
        {
            var idea = await facilitator.Connection.InvokeAsync<Idea>("AddIdea", id, new IdeaInput { BoardId = board, Text = text, ClientOpId = "idea-" + ideas.Count });
            ideas[text] = idea.IdeaId;
        }

        await facilitator.Connection.InvokeAsync("SetPhase", id, "Voting");
        string[][] civil = [[A, B], [A, C], [A], [A, F]];
        string[][] government = [[B], [B], [C]];
        var voters = civil.Select(v => (CivilSociety, v)).Concat(government.Select(v => (PublicBody, v))).ToList();
        for (var i = 0; i < voters.Count; i++)
        {
            var (group, votes) = voters[i];
            var token = (await fixture.Api.JoinAsync(created.JoinCode, "Katılımcı " + i, group)).Token;
            await using var phone = await HubClient.ConnectAsync(baseUrl, token);
            await phone.JoinAsync(id);
            for (var j = 0; j < votes.Length; j++)
            {
                await phone.Connection.InvokeAsync<VoteReceipt>("CastVote", id, ideas[votes[j]], $"vote-{i}-{j}");
            }
        }

        await facilitator.Connection.InvokeAsync("SetPhase", id, "Results");
        return new ConsensusScenario(created, workshop, first);
    }
}
