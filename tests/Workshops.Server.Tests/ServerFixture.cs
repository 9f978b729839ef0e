using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>One real server (SQLite in a temp folder) shared by a collection; each test makes its own event.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServerHost? _server;

    public ServerHost Server => _server ?? throw new InvalidOperationException("not started");

    public WorkshopsApi Api { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = await ServerHost.StartAsync();
        Api = _server.Api();
        AdminToken = (await Api.SignInAsync(_server.AdminKey)).Token;
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh event: two workshops, the default three areas, given settings.</summary>
    public Task<EventCreated> CreateEventAsync(WorkshopSettings? settings = null, string language = "tr") =>
        Api.CreateEventAsync(AdminToken, new EventProgram
        {
            Title = "Test Toplantısı",
            Date = "2026-11-26",
            Venue = "İzmir",
            Language = language,
            Workshops = [new() { Title = "Hassas Gruplar" }, new() { Title = "Eğitim ve Gençlik" }],
            Settings = settings,
        });
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
