using System.Text.Json.Nodes;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// One matrix case's own event A (workshops A1, A2) and the token each <see cref="Who"/> holds
/// for it. The participant who writes the targeted idea joins first.
/// </summary>
public sealed class MatrixScene
{
    private readonly MatrixFixture _fixture;

    private MatrixScene(MatrixFixture fixture, EventCreated created, string participantToken, string badgeId, string badgeCode)
    {
        _fixture = fixture;
        Created = created;
        ParticipantToken = participantToken;
        BadgeId = badgeId;
        BadgeCode = badgeCode;
    }

    /// <summary>A blank badge of A, for the badge routes (section 8).</summary>
    public string BadgeId { get; }

    public string BadgeCode { get; }

    public EventCreated Created { get; }

    public string EventId => Created.EventId;

    public string WorkshopId => Created.Workshops[0].WorkshopId;

    /// <summary>The participant of A who writes the idea that Edit/Delete target.</summary>
    public string ParticipantToken { get; }

    public static async Task<MatrixScene> CreateAsync(MatrixFixture fixture)
    {
        var created = await fixture.CreateEventAsync();
        var participant = await fixture.Api.JoinAsync(created.JoinCode, "Yazar", "Kamu kurumu");
        var badge = (await fixture.Api.SendAsync<JsonObject>(HttpMethod.Post, $"api/events/{created.EventId}/badges", fixture.AdminToken, new { count = 1 }))!["badges"]![0]!;
        return new MatrixScene(fixture, created, participant.Token, badge["badgeId"]!.GetValue<string>(), badge["code"]!.GetValue<string>());
    }

    public async Task<string?> TokenAsync(Who who) => who switch
    {
        Who.Admin => _fixture.AdminToken,
        Who.Moderator => (await _fixture.Api.SignInAsync(Created.ModeratorKey)).Token,
        Who.Facilitator => (await _fixture.Api.SignInAsync(Created.Workshops[0].FacilitatorKey)).Token,
        Who.Participant => ParticipantToken,
        Who.OtherParticipant => (await _fixture.Api.JoinAsync(Created.JoinCode, "Başka Biri")).Token,
        Who.OtherWorkshopFacilitator => (await _fixture.Api.SignInAsync(Created.Workshops[1].FacilitatorKey)).Token,
        Who.ForeignModerator => _fixture.ForeignModeratorToken,
        Who.ForeignFacilitator => _fixture.ForeignFacilitatorToken,
        Who.ForeignParticipant => _fixture.ForeignParticipantToken,
        Who.NoToken => null,
        Who.ExpiredToken => TestTokens.Expired("moderator", EventId),
        Who.ForgedToken => TestTokens.SignedWithAnotherKey("admin"),
        Who.UnsignedToken => TestTokens.WithoutSignature("admin"),
        Who.WrongAudienceToken => TestTokens.ForAnotherAudience("admin"),
        Who.RevokedToken => await RevokedFacilitatorTokenAsync(),
        Who.DeletedEventToken => await DeletedEventModeratorTokenAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    private async Task<string> RevokedFacilitatorTokenAsync()
    {
        var token = (await _fixture.Api.SignInAsync(Created.Workshops[0].FacilitatorKey)).Token;
        await _fixture.Api.SendAsync<JsonObject>(HttpMethod.Post, $"api/events/{EventId}/keys", _fixture.AdminToken, new { role = "facilitator", workshopId = WorkshopId });
        return token;
    }

    private async Task<string> DeletedEventModeratorTokenAsync()
    {
        var doomed = await _fixture.CreateEventAsync();
        var token = (await _fixture.Api.SignInAsync(doomed.ModeratorKey)).Token;
        var (status, _, body) = await _fixture.Api.TryAsync(HttpMethod.Delete, "api/events/" + doomed.EventId, _fixture.AdminToken);
        Assert.True(status == System.Net.HttpStatusCode.NoContent, body);
        return token;
    }

    /// <summary>What an admin sees of event A, for "a refusal changes nothing".</summary>
    public async Task<string> EventFingerprintAsync()
    {
        var summary = (await _fixture.Api.GetAsync<JsonObject>("api/events/" + EventId, _fixture.AdminToken))!;
        foreach (var workshop in summary["workshops"]!.AsArray())
        {
            workshop!.AsObject().Remove("participants");
        }

        // Badges too, so that a refused badge call is seen to change nothing.
        var badges = await _fixture.Api.GetAsync<JsonObject>($"api/events/{EventId}/badges", _fixture.AdminToken);
        return summary.ToJsonString() + badges.ToJsonString();
    }

    /// <summary>Everything an admin sees of A1 except what moves by itself (version, presence).</summary>
    public async Task<string> FingerprintAsync()
    {
        var snapshot = (await _fixture.Api.GetAsync<JsonObject>("api/workshops/" + WorkshopId, _fixture.AdminToken))!;
        snapshot.Remove("version");
        snapshot.Remove("participants");
        return snapshot.ToJsonString();
    }
}
