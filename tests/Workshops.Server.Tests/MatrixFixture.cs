using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// A server of its own for the authorization matrix (so that it runs beside the other
/// collection), with a foreign event B whose people try to reach each test's own event A.
/// </summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    private ServerHost? _server;

    public ServerHost Server => _server ?? throw new InvalidOperationException("not started");

    public WorkshopsApi Api { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    /// <summary>An admin connection that prepares each test's workshop (it joins none).</summary>
    public HubClient Admin { get; private set; } = null!;

    public string ForeignModeratorToken { get; private set; } = "";

    public string ForeignFacilitatorToken { get; private set; } = "";

    public string ForeignParticipantToken { get; private set; } = "";

    /// <summary>Event B's join code: a case that erases a foreign participant joins its own.</summary>
    public string ForeignJoinCode { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = await ServerHost.StartAsync();
        Api = _server.Api();
        AdminToken = (await Api.SignInAsync(_server.AdminKey)).Token;
        Admin = await HubClient.ConnectAsync(_server.BaseUrl, AdminToken);
        var foreign = await CreateEventAsync();
        ForeignModeratorToken = (await Api.SignInAsync(foreign.ModeratorKey)).Token;
        ForeignFacilitatorToken = (await Api.SignInAsync(foreign.Workshops[0].FacilitatorKey)).Token;
        ForeignParticipantToken = (await Api.JoinAsync(foreign.JoinCode, "Yabancı")).Token;
        ForeignJoinCode = foreign.JoinCode;
    }

    public async Task DisposeAsync()
    {
        if (Admin is not null)
        {
            await Admin.DisposeAsync();
        }

        Api?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public Task<EventCreated> CreateEventAsync() =>
        Api.CreateEventAsync(AdminToken, new EventProgram
        {
            Title = "Yetki Matrisi",
            Workshops = [new() { Title = "Hedef" }, new() { Title = "Komşu" }],
        });
}
