using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// A server with low limits (2 hub calls a second per person, 3 wrong codes a minute per
/// address) and one configured foreign origin, for the abuse tests that need them.
/// </summary>
public sealed class LimitedServerFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "https://salon.example.org";

    private ServerHost? _server;

    public ServerHost Server => _server ?? throw new InvalidOperationException("not started");

    public WorkshopsApi Api { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _server = await ServerHost.StartAsync(new ServerOptions
        {
            HubCallsPerSecond = 2,
            WrongCodesPerMinute = 3,
            JoinsPerMinute = LimitTests.JoinsPerMinute,
            Extra = new Dictionary<string, string?> { ["Workshops:AllowedOrigins:0"] = AllowedOrigin },
        });
        Api = _server.Api();
        AdminToken = (await Api.SignInAsync(_server.AdminKey)).Token;
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
