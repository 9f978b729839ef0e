using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Cli.Tests;

/// <summary>One real server (Kestrel, SignalR, a silo on SQLite) that the CLI processes of a collection connect to.</summary>
public sealed class CliServerFixture : IAsyncLifetime
{
    private ServerHost? _server;

    public ServerHost Server => _server ?? throw new InvalidOperationException("not started");

    public WorkshopsApi Api { get; private set; } = null!;

    public static string SampleProgram => Path.Combine(RepoPaths.Root, "docs", "samples", "program.json");

    /// <summary>
    /// The command-line options that point the CLI at this server. The generous timeout is for
    /// busy CI machines, where a server's first answers can take longer than the default 10 s.
    /// </summary>
    public IReadOnlyList<string> ClusterArgs =>
    [
        "--gateway-port", Server.Options.GatewayPort.ToString(CultureInfo.InvariantCulture),
        "--cluster-id", Server.Options.ClusterId,
        "--service-id", Server.Options.ClusterId,
        .. Patient,
    ];

    /// <summary>See <see cref="ClusterArgs"/>.</summary>
    public static IReadOnlyList<string> Patient { get; } = ["--timeout", "60"];

    public async Task InitializeAsync()
    {
        _server = await ServerHost.StartAsync(new ServerOptions());
        Api = _server.Api();
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Runs <c>workshops ARGS</c> against this server.</summary>
    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync([.. args, .. ClusterArgs]);

    /// <summary>Creates the sample event with the CLI, as a script would (<c>--json</c>).</summary>
    public async Task<EventCreated> CreateSampleEventAsync()
    {
        var result = await RunAsync("event", "create", SampleProgram, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonSerializer.Deserialize<EventCreated>(result.Stdout, WorkshopsApi.Json)!;
    }

    /// <summary>A facilitator adds an idea over the hub, so that reports have something to show.</summary>
    public async Task<Idea> AddIdeaAsync(WorkshopCreated workshop, string text)
    {
        var token = (await Api.SignInAsync(workshop.FacilitatorKey)).Token;
        await using var hub = await HubClient.ConnectAsync(Server.BaseUrl, token);
        var snapshot = await hub.JoinAsync(workshop.WorkshopId);
        return await hub.Connection.InvokeAsync<Idea>(
            "AddIdea",
            workshop.WorkshopId,
            new IdeaInput { BoardId = snapshot.Boards[0].BoardId, Text = text, ClientOpId = Guid.NewGuid().ToString("N") });
    }
}
