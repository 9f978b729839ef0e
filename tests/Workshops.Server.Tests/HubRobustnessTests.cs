using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>Leaving a workshop answers and keeps the connection (LeaveWorkshop(null) once failed with no contract code, found by the fuzz test).</summary>
[Collection(ServerCollection.Name)]
public sealed class HubRobustnessTests(ServerFixture fixture)
{
    [Fact]
    public async Task Leaving_a_workshop_keeps_the_connection_open_and_joining_again_works()
    {
        var (staff, workshopId) = await StaffAsync();
        await using var _ = staff;

        await staff.Connection.InvokeAsync("LeaveWorkshop", workshopId);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(HubConnectionState.Connected, staff.Connection.State);
        Assert.Equal(workshopId, (await staff.JoinAsync(workshopId)).WorkshopId);
    }

    [Fact]
    public async Task LeaveWorkshop_without_a_workshop_is_invalid_input()
    {
        var (staff, _) = await StaffAsync();
        await using var __ = staff;

        var refused = await Assert.ThrowsAsync<HubException>(() => staff.Connection.InvokeCoreAsync("LeaveWorkshop", [null]));

        Assert.StartsWith(ErrorCodes.InvalidInput + ": ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, staff.Connection.State);
    }

    /// <summary>
    /// Lone surrogates, escaped as JSON allows: the .NET client cannot write them (the fuzz test
    /// leaves them out for that reason), so they go over a raw socket here.
    /// </summary>
    [Theory]
    [InlineData("JoinWorkshop", "\"\\ud800\"")]
    [InlineData("AddIdea", "\"{w}\",{\"boardId\":\"b1\",\"text\":\"a\\ud800b\",\"clientOpId\":\"op-1\"}")]
    [InlineData("AddIdea", "\"{w}\",{\"boardId\":\"\\udfff\",\"text\":\"fikir\",\"clientOpId\":\"op-2\"}")]
    [InlineData("AddIdea", "\"{w}\",{\"boardId\":\"b1\",\"text\":\"fikir\",\"clientOpId\":\"\\ud800\"}")]
    [InlineData("EditIdea", "\"{w}\",\"\\udfff x\",\"metin\"")]
    [InlineData("SetOutput", "\"{w}\",\"b1\",{\"text\":\"\\ud83d\",\"sourceIdeaIds\":[\"\\ud800\"]}")]
    [InlineData("SetPhase", "\"{w}\",\"Vot\\ud800ing\"")]
    public async Task Lone_surrogates_in_any_argument_get_a_contract_code_and_keep_the_connection(string method, string argumentsJson)
    {
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var token = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using var socket = await RawHubSocket.ConnectAsync(new Uri(fixture.Server.BaseUrl), token);
        Assert.Contains("\"error\"", await socket.InvokeAsync("0", "JoinWorkshop", "no-such-workshop"), StringComparison.Ordinal);

        var completion = await socket.InvokeRawAsync("1", method, argumentsJson.Replace("{w}", workshopId, StringComparison.Ordinal));

        using var reply = System.Text.Json.JsonDocument.Parse(completion);
        var error = reply.RootElement.GetProperty("error").GetString()!;
        Assert.Matches("^(invalid_input|not_found|wrong_phase): ", error);

        // Still open: the next call is answered, and nothing was added.
        var snapshot = await socket.InvokeAsync("2", "JoinWorkshop", workshopId);
        using var joined = System.Text.Json.JsonDocument.Parse(snapshot);
        var ideas = joined.RootElement.GetProperty("result").GetProperty("boards").EnumerateArray().Sum(b => b.GetProperty("ideas").GetArrayLength());
        Assert.Equal(0, ideas);
    }

    private async Task<(HubClient Staff, string WorkshopId)> StaffAsync()
    {
        var created = await fixture.CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var token = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token);
        await staff.JoinAsync(workshopId);
        return (staff, workshopId);
    }
}
