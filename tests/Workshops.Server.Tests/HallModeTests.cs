using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workshops.Contracts;
using Workshops.Server.Hosting;
using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Server.Tests;

/// <summary>What a server started for a hall shows a browser: no stack traces, keys out of request lines, a tight CSP.</summary>
public sealed class HallModeTests
{
    /// <summary>The environment <c>dotnet run</c> starts the server in (Properties/launchSettings.json).</summary>
    public static string LaunchProfileEnvironment
    {
        get
        {
            var path = Path.Combine(RepoPaths.Root, "src", "Workshops.Server", "Properties", "launchSettings.json");
            using var settings = JsonDocument.Parse(File.ReadAllText(path));
            return settings.RootElement.GetProperty("profiles").GetProperty("Workshops")
                .GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString()!;
        }
    }

    public static TheoryData<string> EnvironmentsToTry => new() { LaunchProfileEnvironment, Environments.Development };

    [Fact]
    public void Dotnet_run_starts_in_Production()
    {
        Assert.Equal(Environments.Production, LaunchProfileEnvironment);
    }

    [Theory]
    [MemberData(nameof(EnvironmentsToTry))]
    public async Task A_request_that_fails_unexpectedly_answers_problem_json_without_the_exception(string environment)
    {
        var options = new ServerOptions();
        using var data = new TempDirectory("hall-mode");
        await using var app = ServerApp.Build(["--environment", environment], builder =>
        {
            builder.Configuration.AddInMemoryCollection(options.ToConfiguration(data.Path));
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<IStartupFilter, ThrowingRoute>();
        });
        Assert.Equal(environment, app.Environment.EnvironmentName);
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl + "/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, ThrowingRoute.Path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("internal", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("the server failed to answer this request; the error is in its log", problem.RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain(ThrowingRoute.Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ThrowingRoute), body, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public void Printed_key_links_carry_the_key_in_the_fragment_only()
    {
        var created = new EventCreated(
            "ev1", "ABC234", "mod_secret-moderator",
            [new WorkshopCreated("ev1-w1", "İklim", "fac_secret-facilitator")]);

        var text = StartupBanner.DemoText("http://192.168.1.20:5080", created);

        Assert.Contains("  Moderator:      http://192.168.1.20:5080/#key=mod_secret-moderator" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Contains("  Facilitator, İklim: http://192.168.1.20:5080/#key=fac_secret-facilitator" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.DoesNotContain("?key=", text, StringComparison.Ordinal);

        var admin = StartupBanner.AdminText("http://192.168.1.20:5080", "adm_secret-admin");
        Assert.Contains("  Organizer's console: http://192.168.1.20:5080/admin#key=adm_secret-admin" + Environment.NewLine, admin, StringComparison.Ordinal);
        Assert.DoesNotContain("?key=", admin, StringComparison.Ordinal);
    }

    /// <summary>Appended after the server's own pipeline: a path nothing else answers throws.</summary>
    private sealed class ThrowingRoute : IStartupFilter
    {
        public const string Path = "/test-only/throws";
        public const string Secret = "connection string Password=hunter2";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, rest) => context.Request.Path == Path
                ? throw new InvalidOperationException(Secret)
                : rest(context));
        };
    }
}
