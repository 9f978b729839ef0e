using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>The first workshop of an event, in Voting with ideas on board b1, over real connections.</summary>
internal static class VotingScene
{
    /// <summary>The facilitator, connected and joined; the ideas added in Brainstorm; the workshop then in Voting.</summary>
    public static async Task<(HubClient Staff, List<string> Ideas)> OpenAsync(ServerFixture fixture, EventCreated created, List<HubClient> owned, params string[] ideaTexts)
    {
        var workshopId = created.Workshops[0].WorkshopId;
        var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token);
        owned.Add(staff);
        await staff.JoinAsync(workshopId);
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        var ideas = new List<string>();
        foreach (var text in ideaTexts)
        {
            ideas.Add((await staff.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = text, ClientOpId = text })).IdeaId);
        }

        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
        return (staff, ideas);
    }

    /// <summary><paramref name="count"/> participants joined with the event's code, each connected and in the workshop.</summary>
    public static async Task<List<HubClient>> VotersAsync(ServerFixture fixture, EventCreated created, int count, List<HubClient> owned)
    {
        var voters = new List<HubClient>();
        for (var i = 0; i < count; i++)
        {
            var voter = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode, "Oy veren " + i.ToString(CultureInfo.InvariantCulture))).Token);
            owned.Add(voter);
            voters.Add(voter);
            await voter.JoinAsync(created.Workshops[0].WorkshopId);
        }

        return voters;
    }

    /// <summary>
    /// Runs <paramref name="body"/> on the first workshop of a new event, in Voting with the given
    /// ideas and <paramref name="voters"/> participants joined; every connection is closed after.
    /// </summary>
    public static async Task RunAsync(ServerFixture fixture, int voters, string[] ideaTexts, Func<Scene, Task> body)
    {
        var created = await fixture.CreateEventAsync();
        var owned = new List<HubClient>();
        try
        {
            var (staff, ideas) = await OpenAsync(fixture, created, owned, ideaTexts);
            var joined = await VotersAsync(fixture, created, voters, owned);
            await body(new Scene(created.Workshops[0].WorkshopId, staff, ideas, joined));
        }
        finally
        {
            foreach (var client in owned)
            {
                await client.DisposeAsync();
            }
        }
    }

    public sealed record Scene(string WorkshopId, HubClient Staff, List<string> Ideas, List<HubClient> Voters);
}
