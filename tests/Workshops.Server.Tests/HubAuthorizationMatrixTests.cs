using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// Every hub method against every caller, on a fresh event per case. The workshop is first put
/// in the phase where the method's allowed roles may call it, so a refusal shows permission
/// rather than phase; a refusal must also leave the workshop exactly as it was.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class HubAuthorizationMatrixTests(MatrixFixture fixture)
{
    [Theory]
    [MemberData(nameof(AccessRules.HubCases), MemberType = typeof(AccessRules))]
    public async Task Hub_method_is_allowed_or_refused_exactly_as_the_role_table_says(string rule, Who who, string expected)
    {
        var method = rule.Split(' ')[0];
        var scene = await MatrixScene.CreateAsync(fixture);
        var token = await scene.TokenAsync(who);
        if (AccessRules.IsBadToken(who))
        {
            Assert.Equal(ErrorCodes.Unauthorized, expected);
            await AssertConnectionRefusedAsync(token);
            return;
        }

        var workshopId = scene.WorkshopId;
        var admin = fixture.Admin.Connection;
        await using var author = await HubClient.ConnectAsync(fixture.Server.BaseUrl, scene.ParticipantToken);
        await using var other = who == Who.Participant ? null : await HubClient.ConnectAsync(fixture.Server.BaseUrl, token!);
        var actor = (other ?? author).Connection;

        // The stage: an idea of the participant, two of the staff, and what the method needs.
        await admin.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        var ideaP = (await author.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Katılımcının fikri", ClientOpId = "stage-p" })).IdeaId;
        var ideaF = (await admin.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Kolaylaştırıcının fikri", ClientOpId = "stage-f" })).IdeaId;
        var ideaG = (await admin.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Gizli fikir", ClientOpId = "stage-g" })).IdeaId;
        switch (method)
        {
            case "RestoreIdea":
                await admin.InvokeAsync<Idea>("HideIdea", workshopId, ideaG);
                break;
            case "StopTimer":
                await admin.InvokeAsync("StartTimer", workshopId, 600);
                break;
            case "ClearOutput":
                await admin.InvokeAsync<Output>("SetOutput", workshopId, "b1", new OutputInput { Text = "Seçilen çıktı", SourceIdeaIds = [ideaF] });
                break;
        }

        var phase = AccessRules.Hub[rule].Phase;
        await admin.InvokeAsync("SetPhase", workshopId, phase.ToString());
        if (method == "RetractVote")
        {
            await author.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideaF, "stage-vote");
            if (who == Who.OtherParticipant)
            {
                await actor.InvokeAsync<VoteReceipt>("CastVote", workshopId, ideaF, "stage-vote");
            }
        }

        object?[] args = method switch
        {
            "JoinWorkshop" or "LeaveWorkshop" or "StopTimer" => [workshopId],
            "AddIdea" when rule.EndsWith("paper", StringComparison.Ordinal) =>
                [workshopId, new IdeaInput { BoardId = "b1", Text = "Kağıttan bir fikir", ClientOpId = "case-paper", Source = "paper" }],
            "AddIdea" => [workshopId, new IdeaInput { BoardId = "b1", Text = "Yeni bir fikir", ClientOpId = "case-add" }],
            "SetHallVotes" => [workshopId, ideaF, 12],
            "EditIdea" => [workshopId, ideaP, "Düzeltilmiş fikir"],
            "DeleteIdea" or "HideIdea" => [workshopId, ideaP],
            "CastVote" => [workshopId, ideaP, "case-vote"],
            "RetractVote" => [workshopId, ideaF, "case-retract"],
            "SetPhase" => [workshopId, phase == WorkshopPhase.Closed ? "Results" : "Voting"],
            "StartTimer" => [workshopId, 300],
            "RestoreIdea" => [workshopId, ideaG],
            "MergeIdeas" => [workshopId, ideaF, new[] { ideaP }],
            "SetOutput" => [workshopId, "b1", new OutputInput { Text = "Yeni çıktı", SourceIdeaIds = [ideaF] }],
            "ClearOutput" => [workshopId, "b1"],
            "UpdateSettings" => [workshopId, new WorkshopSettings { VotesPerBoard = 5, MaxVotesPerIdea = 2 }],
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };

        var before = await scene.FingerprintAsync();
        if (expected == AccessRules.Ok)
        {
            var result = await actor.InvokeCoreAsync(method, typeof(JsonElement), args);
            var after = await scene.FingerprintAsync();
            if (method == "JoinWorkshop")
            {
                var snapshot = (JsonElement)result!;
                Assert.Equal(workshopId, snapshot.GetProperty("workshopId").GetString());
                Assert.Equal(RoleName(who), snapshot.GetProperty("me").GetProperty("role").GetString());
            }
            else if (method == "LeaveWorkshop")
            {
                Assert.Equal(before, after);
            }
            else
            {
                Assert.NotEqual(before, after);
            }
        }
        else
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => actor.InvokeCoreAsync(method, typeof(JsonElement), args));
            Assert.StartsWith(expected + ": ", refused.Message, StringComparison.Ordinal);
            Assert.Equal(before, await scene.FingerprintAsync());
        }
    }

    /// <summary>
    /// A connection opened with a token that is revoked later: its calls are refused
    /// <c>unauthorized</c> and the server closes it within 5 seconds, after telling it why.
    /// </summary>
    [Theory]
    [InlineData("facilitator key rotated", "tokenRevoked")]
    [InlineData("moderator key rotated", "tokenRevoked")]
    [InlineData("event deleted, moderator", "eventDeleted")]
    [InlineData("event deleted, participant", "eventDeleted")]
    public async Task Open_connection_of_a_revoked_token_is_refused_and_closed_within_5_seconds(string situation, string told)
    {
        var scene = await MatrixScene.CreateAsync(fixture);
        var token = situation switch
        {
            "facilitator key rotated" => await scene.TokenAsync(Who.Facilitator),
            "event deleted, participant" => scene.ParticipantToken,
            _ => await scene.TokenAsync(Who.Moderator),
        };
        await using var client = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token!);
        await client.JoinAsync(scene.WorkshopId);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (path, body) = situation switch
        {
            "facilitator key rotated" => ($"api/events/{scene.EventId}/keys", (object?)new { role = "facilitator", workshopId = scene.WorkshopId }),
            "moderator key rotated" => ($"api/events/{scene.EventId}/keys", new { role = "moderator" }),
            _ => ("api/events/" + scene.EventId, null),
        };
        var (status, _, reply) = body is null
            ? await fixture.Api.TryAsync(HttpMethod.Delete, path, fixture.AdminToken)
            : await fixture.Api.TryAsync(HttpMethod.Post, path, fixture.AdminToken, System.Net.Http.Json.JsonContent.Create(body));
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, reply);

        try
        {
            await client.Connection.InvokeAsync<WorkshopSnapshot>("JoinWorkshop", scene.WorkshopId);
            Assert.Fail("a revoked token's hub call was served");
        }
        catch (HubException refused)
        {
            Assert.StartsWith(ErrorCodes.Unauthorized + ": ", refused.Message, StringComparison.Ordinal);
        }
        catch (Exception closed) when (closed is InvalidOperationException or TaskCanceledException or IOException)
        {
            // Already closed by the sweep: also a refusal.
        }

        await client.Closed.WaitAsync(TimeSpan.FromSeconds(5) - clock.Elapsed);
        Assert.Equal(told, Assert.Single(client.SessionEvents).Name);
        await AssertConnectionRefusedAsync(token);
    }

    private static string RoleName(Who who) => who switch
    {
        Who.Admin => "admin",
        Who.Moderator => "moderator",
        Who.Facilitator => "facilitator",
        _ => "participant",
    };

    /// <summary>
    /// A bad token never gets a connection: the .NET client's start fails with 401, negotiate
    /// answers the contract's problem, and a direct WebSocket (token in the query) is refused.
    /// </summary>
    private async Task AssertConnectionRefusedAsync(string? token)
    {
        var client = new HubClient(fixture.Server.BaseUrl, token ?? "");
        if (token is null)
        {
            client.Token = null!;
        }

        await using (client)
        {
            var start = await Assert.ThrowsAsync<HttpRequestException>(() => client.Connection.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
        }

        using (var negotiate = new HttpRequestMessage(HttpMethod.Post, "hubs/workshop/negotiate?negotiateVersion=1"))
        {
            if (token is not null)
            {
                negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await fixture.Api.Http.SendAsync(negotiate);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(ErrorCodes.Unauthorized, problem.RootElement.GetProperty("code").GetString());
        }

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var url = fixture.Server.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/workshop"
            + (token is null ? "" : "?access_token=" + Uri.EscapeDataString(token));
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }
}
