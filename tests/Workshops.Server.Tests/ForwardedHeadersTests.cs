using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workshops.Contracts;
using Workshops.Server.Api;
using Workshops.Server.Hosting;

namespace Workshops.Server.Tests;

/// <summary>
/// The per-address join limits behind a real reverse proxy (YARP): the server keys them by the
/// client the proxy names, trusts only the configured proxy, and keys IPv6 clients by /64.
/// </summary>
public sealed class ForwardedHeadersTests(ProxiedServerFixture fixture) : IClassFixture<ProxiedServerFixture>
{
    [Fact]
    public async Task Two_clients_behind_the_proxy_have_separate_join_limits()
    {
        var created = await CreateEventAsync();
        using var guesser = LoopbackClient.From("127.0.0.2", fixture.ProxyUrl);
        using var neighbour = LoopbackClient.From("127.0.0.3", fixture.ProxyUrl);

        var statuses = await GuessUntilStoppedAsync(guesser, created.JoinCode, _ => null);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, await JoinAsync(guesser, created.JoinCode, null));

        // The same proxy, another client behind it: its own budget.
        Assert.Equal(HttpStatusCode.OK, await JoinAsync(neighbour, created.JoinCode, null));
    }

    [Fact]
    public async Task A_direct_client_cannot_escape_its_limit_by_sending_its_own_X_Forwarded_For()
    {
        var created = await CreateEventAsync();
        using var spoofer = LoopbackClient.From("127.0.0.4", fixture.Server.BaseUrl);

        // A new made-up address on every attempt: were the header believed, the limit would never bite.
        var statuses = await GuessUntilStoppedAsync(spoofer, created.JoinCode, i => "198.51.100." + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, await JoinAsync(spoofer, created.JoinCode, "203.0.113.77"));
    }

    [Fact]
    public async Task IPv6_clients_behind_the_proxy_share_a_limit_per_64_prefix()
    {
        var created = await CreateEventAsync();

        // The trusted proxy's own address, naming IPv6 clients as a proxy on a dual-stack network would.
        using var proxy = LoopbackClient.From(ProxiedServerFixture.ProxyAddress, fixture.Server.BaseUrl);
        var statuses = await GuessUntilStoppedAsync(proxy, created.JoinCode, i => "2001:db8:1:2::" + (i + 10).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, await JoinAsync(proxy, created.JoinCode, "2001:db8:1:2:ffff:ffff:ffff:ffff"));
        Assert.Equal(HttpStatusCode.OK, await JoinAsync(proxy, created.JoinCode, "2001:db8:1:3::1"));
    }

    [Theory]
    [InlineData(ProxiedServerFixture.ProxyAddress, "https", true)]
    [InlineData(ProxiedServerFixture.ProxyAddress, "http", false)]
    [InlineData("127.0.0.6", "https", false)]
    public async Task The_dashboard_cookie_is_Secure_when_the_trusted_proxy_says_the_request_came_over_HTTPS(string source, string forwardedProto, bool secure)
    {
        using var client = LoopbackClient.From(source, fixture.Server.BaseUrl, followRedirects: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "dashboard/?access_token=" + Uri.EscapeDataString(fixture.AdminToken));
        request.Headers.Add("X-Forwarded-For", "192.0.2.44");
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardRegistration.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Equal(secure, cookie.Split(';', StringSplitOptions.TrimEntries).Contains("secure", StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64")]
    [InlineData("2001:db8:aa:bb::", "2001:db8:aa:bb::/64")]
    [InlineData("::1", "::/64")]
    public void The_limit_key_of_an_address_is_the_IPv4_address_or_the_IPv6_64_prefix(string address, string key) =>
        Assert.Equal(key, ClientAddress.PartitionKey(IPAddress.Parse(address)));

    [Fact]
    public void A_proxy_setting_that_is_not_an_address_stops_the_start_with_its_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Workshops.Server.ServerApp.Build([], builder =>
            Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration, new Dictionary<string, string?>
            {
                ["Workshops:SigningKey"] = Workshops.TestHost.ServerOptions.TestSigningKey,
                ["Workshops:ForwardedHeaders:KnownNetworks"] = "10.0.0.0/8, traefik",
            })));
        Assert.Equal(ForwardedHeadersRegistration.Section + ":KnownNetworks: 'traefik' is not a network in CIDR notation (such as 10.0.0.0/8)", error.Message);
    }

    private Task<EventCreated> CreateEventAsync() =>
        fixture.Api.CreateEventAsync(fixture.AdminToken, new EventProgram
        {
            Title = "Vekil Testi",
            Date = "2026-12-01",
            Venue = "Ankara",
            Language = "tr",
            Workshops = [new() { Title = "İklim" }],
        });

    /// <summary>Wrong codes until the client is stopped (at most six tries).</summary>
    private static async Task<List<HttpStatusCode>> GuessUntilStoppedAsync(HttpClient client, string joinCode, Func<int, string?> forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6 && statuses.LastOrDefault() != HttpStatusCode.TooManyRequests; i++)
        {
            statuses.Add(await JoinAsync(client, WrongCode(joinCode, i), forwardedFor(i)));
        }

        return statuses;
    }

    private static async Task<HttpStatusCode> JoinAsync(HttpClient client, string code, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/join") { Content = JsonContent.Create(new { code }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests))
        {
            throw new InvalidOperationException($"unexpected {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(ErrorCodes.RateLimited, problem.RootElement.GetProperty("code").GetString());
        }

        return response.StatusCode;
    }

    /// <summary>Six valid-looking characters that are not the event's code.</summary>
    private static string WrongCode(string code, int i)
    {
        const string Alphabet = Workshops.Grains.Secrets.JoinCodeAlphabet;
        var first = Alphabet[(Alphabet.IndexOf(code[0], StringComparison.Ordinal) + 1 + i) % Alphabet.Length];
        return first + code[1..];
    }
}
