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
