using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;
using Workshops.Testing;

namespace Workshops.Cluster.Tests;

/// <summary>What an operator uses: liveness and readiness, the admin-only Orleans dashboard, OTLP export.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task The_dashboard_answers_admins_only_and_an_admin_token_in_the_address_becomes_a_dashboard_cookie()
    {
        await using var cluster = new ProcessCluster();
        var server = await cluster.StartAsync(new ServerOptions { StorageProvider = "Memory" });
        using var api = new WorkshopsApi(server.BaseUrl);
        var admin = (await api.SignInAsync(ServerOptions.TestAdminKey)).Token;
        var created = await api.CreateEventAsync(admin, new EventProgram { Title = "Pano", Workshops = [new() { Title = "İzleme" }] });
        var participant = (await api.JoinAsync(created.JoinCode, "Işıl")).Token;
        var facilitator = (await api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        var moderator = (await api.SignInAsync(created.ModeratorKey)).Token;
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(server.BaseUrl) };

        foreach (var page in new[] { "/dashboard/", "/dashboard/DashboardCounters", "/dashboard/ClusterStats" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, page, bearer: null));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, page, bearer: "not-a-token"));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, page, bearer: participant));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, page, bearer: facilitator));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, page, bearer: moderator));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, page, bearer: admin));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, page + "?access_token=" + participant, bearer: null));
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, page, bearer: null, cookie: "workshops_dashboard=" + participant[..20]));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, page, bearer: null, cookie: "workshops_dashboard=" + participant));
        }

        // A browser: the admin opens the address with the token once, and from then on the cookie does.
        using var first = await http.GetAsync("/dashboard/?access_token=" + admin);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/dashboard/", first.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("workshops_dashboard=" + admin + ";", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/dashboard/", bearer: null, cookie: "workshops_dashboard=" + admin));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/dashboard/DashboardCounters", bearer: null, cookie: "workshops_dashboard=" + admin));

        // The cookie is for the dashboard only: the API still wants a bearer token.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, "/api/events/" + created.EventId, bearer: null, cookie: "workshops_dashboard=" + admin));
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_without_a_token()
    {
        await using var cluster = new ProcessCluster();
        var server = await cluster.StartAsync(new ServerOptions { StorageProvider = "Sqlite" });
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        foreach (var probe in new[] { "/healthz", "/readyz", "/livez" })
        {
            using var response = await http.GetAsync(probe);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"status\":\"ok\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Kubernetes_mode_starts_through_orleans_kubernetes_hosting_which_needs_the_pods_environment()
    {
        // No Kubernetes here: outside a pod, Orleans' Kubernetes hosting stops the start and says what is missing.
        using var data = new TempDirectory("kubernetes-mode");
        // A pod's ports are open beyond loopback: without a certificate the server would refuse before Orleans looks at the pod.
        using var authority = new TestCertificateAuthority(data.Combine("certs"), "Kubernetes test CA");
        var certificate = authority.Issue("pod");
        var options = new ServerOptions
        {
            StorageProvider = "Memory",
            ClusterMode = "Kubernetes",
            AzureConnectionString = "UseDevelopmentStorage=true",
            Extra = new Dictionary<string, string?>
            {
                ["Workshops:Cluster:Tls:CertificatePath"] = certificate.CertificatePath,
                ["Workshops:Cluster:Tls:KeyPath"] = certificate.KeyPath,
                ["Workshops:Cluster:Tls:CaPath"] = authority.CaPath,
            },
        };
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = data.Path,
        };
        info.ArgumentList.Add(ServerProcess.ServerDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:" + FreePort.Get().ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in options.ToConfiguration(data.Path).Where(c => c.Value is not null))
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var text = await output + await errors;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("KubernetesHostingOptions", text, StringComparison.Ordinal);
        Assert.Contains("POD_NAMESPACE", text, StringComparison.Ordinal);
    }

    public static TheoryData<string> OtlpSettings => new() { "standard OTEL_* variables", "Workshops:Otlp section" };

    [Theory]
    [MemberData(nameof(OtlpSettings))]
    public async Task Metrics_and_traces_of_asp_net_core_signalr_orleans_and_workshops_reach_an_otlp_collector(string configuredBy)
    {
        await using var collector = await OtlpCollector.StartAsync();
        var settings = configuredBy.StartsWith("standard", StringComparison.Ordinal)
            ? ClusterTuning.Settings(("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Endpoint), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"))
            : ClusterTuning.Settings(("Workshops:Otlp:Endpoint", collector.Endpoint), ("Workshops:Otlp:Protocol", "http/protobuf"));
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        await using var cluster = new ProcessCluster();
        var server = await cluster.StartAsync(new ServerOptions { StorageProvider = "Sqlite", Extra = settings });

        using var api = new WorkshopsApi(server.BaseUrl);
        var admin = (await api.SignInAsync(ServerOptions.TestAdminKey)).Token;
        var created = await api.CreateEventAsync(admin, new EventProgram { Title = "Ölçüm", Workshops = [new() { Title = "İzleme" }] });
        var workshopId = created.Workshops[0].WorkshopId;
        await using var facilitator = await HubClient.ConnectAsync(server.BaseUrl, (await api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token);
        await facilitator.JoinAsync(workshopId);
        var idea = await facilitator.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Ölçülebilir hedefler", ClientOpId = "o-1" });
        await facilitator.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
        await using var participant = await HubClient.ConnectAsync(server.BaseUrl, (await api.JoinAsync(created.JoinCode, "Ümit")).Token);
        await participant.JoinAsync(workshopId);
        await participant.Connection.InvokeAsync<VoteReceipt>("CastVote", workshopId, idea.IdeaId, "v-1");

        await collector.WaitForAsync("metrics",
        [
            "workshops.votes", "workshops.ideas", "workshops.write_batch_size", "workshops.connected_people",
            "http.server.request.duration", "signalr.server.active_connections", "orleans-catalog-activations",
        ], TimeSpan.FromSeconds(30));
        await collector.WaitForAsync("traces",
        [
            "Microsoft.AspNetCore", "Microsoft.AspNetCore.SignalR.Server", "CastVote", "Microsoft.Orleans.Application", "IWorkshopGrain",
        ], TimeSpan.FromSeconds(30));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path, string? bearer, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
