using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// An event of two workshops with signed ideas on a real server: two people join with names,
/// organizations and groups (Turkish letters and a unique marker each), write an idea in the
/// first workshop and vote on both ideas. For the personal-data tests (contract section 11).
/// </summary>
public sealed class PersonalDataScene
{
    private PersonalDataScene(ServerHost server, string adminToken, EventCreated created, string facilitatorToken)
    {
        Server = server;
        AdminToken = adminToken;
        Created = created;
        FacilitatorToken = facilitatorToken;
    }

    public ServerHost Server { get; }

    public WorkshopsApi Api => _api ??= Server.Api();

    private WorkshopsApi? _api;

    public string AdminToken { get; }

    public EventCreated Created { get; }

    public string EventId => Created.EventId;

    public string WorkshopId => Created.Workshops[0].WorkshopId;

    public string FacilitatorToken { get; }

    public List<Person> People { get; } = [];

    /// <summary>One person; <paramref name="Marker"/> is in both their name and organization (ASCII, so JSON escaping cannot hide it).</summary>
    public sealed record Person(string Name, string Organization, string Marker, string Token, string ParticipantId, string IdeaId, string IdeaText);

    /// <summary>Names no other test writes: a search for them finds only this scene's.</summary>
    public static (string Name, string Organization, string Marker) UniqueName(string given)
    {
        var marker = "m" + Guid.NewGuid().ToString("N")[..12];
        return ($"{given} Işıl Şahinoğlu {marker}", $"Doğuş Kalkınma Ajansı {marker}", marker);
    }

    public static async Task<PersonalDataScene> CreateAsync(ServerHost server, int retentionDays = 30, int people = 2)
    {
        var api = server.Api();
        var admin = (await api.SignInAsync(server.AdminKey)).Token;
        var created = await api.CreateEventAsync(admin, new EventProgram
        {
            Title = "Kişisel Veri Toplantısı",
            // A year ahead: the date-based retention (for workshops that never close) must not run meanwhile.
            Date = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Venue = "Ankara",
            Workshops = [new() { Title = "Hassas Gruplar" }, new() { Title = "Eğitim ve Gençlik" }],
            Settings = WorkshopSettings.Default with { AnonymousIdeas = false },
            Privacy = new EventPrivacy { Controller = "Bakanlık", Contact = "kvkk@example.org", RetentionDays = retentionDays },
        });
        var facilitator = (await api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        var scene = new PersonalDataScene(server, admin, created, facilitator);
        await scene.SetPhaseAsync("Brainstorm");
        for (var i = 0; i < people; i++)
        {
            var (name, organization, marker) = UniqueName(i == 0 ? "Ayşegül" : "Çağrı");
            var joined = await api.JoinAsync(created.JoinCode, name, "Kamu kurumu", organization);
            await using var hub = await HubClient.ConnectAsync(server.BaseUrl, joined.Token);
            await hub.JoinAsync(scene.WorkshopId);
            var text = $"Fikir {i + 1}: gençlik merkezleri";
            var idea = await hub.Connection.InvokeAsync<Idea>("AddIdea", scene.WorkshopId, new IdeaInput { BoardId = "b1", Text = text, ClientOpId = "idea-" + i });
            scene.People.Add(new Person(name, organization, marker, joined.Token, joined.ParticipantId!, idea.IdeaId, text));
        }

        await scene.SetPhaseAsync("Voting");
        foreach (var person in scene.People)
        {
            await using var hub = await HubClient.ConnectAsync(server.BaseUrl, person.Token);
            await hub.JoinAsync(scene.WorkshopId);
            foreach (var idea in scene.People)
            {
                await hub.Connection.InvokeAsync<VoteReceipt>("CastVote", scene.WorkshopId, idea.IdeaId, "vote-" + idea.IdeaId);
            }
        }

        return scene;
    }

    public async Task SetPhaseAsync(string phase, string? workshopId = null, string? token = null)
    {
        await using var hub = await HubClient.ConnectAsync(Server.BaseUrl, token ?? FacilitatorToken);
        await hub.Connection.InvokeAsync("SetPhase", workshopId ?? WorkshopId, phase);
    }

    /// <summary>Everything staff can read of the event: the facilitator's and admin's views and every export format.</summary>
    public async Task<string> StaffViewsAsync()
    {
        var texts = new List<string>
        {
            (await Api.GetAsync<JsonElement>("api/workshops/" + WorkshopId, FacilitatorToken)).GetRawText(),
            (await Api.GetAsync<JsonElement>("api/workshops/" + Created.Workshops[1].WorkshopId, AdminToken)).GetRawText(),
            (await Api.GetAsync<JsonElement>("api/events/" + EventId, AdminToken)).GetRawText(),
        };
        foreach (var format in new[] { "json", "md", "csv" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/events/{EventId}/export?format={format}");
            request.Headers.Authorization = new("Bearer", AdminToken);
            using var response = await Api.Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            texts.Add(await response.Content.ReadAsStringAsync());
        }

        return string.Join("\n", texts);
    }
}
