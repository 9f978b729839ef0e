using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>Rate limits and the hub's origin check, on a server with low limits.</summary>
public sealed class LimitTests(LimitedServerFixture fixture) : IClassFixture<LimitedServerFixture>
{
    [Fact]
    public async Task Hub_calls_beyond_the_per_person_rate_are_refused_with_rate_limited_and_change_nothing()
    {
        var created = await CreateEventAsync();
        var workshopId = created.Workshops[0].WorkshopId;
        var staffToken = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using (var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, staffToken))
        {
            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        }

        var token = (await fixture.Api.JoinAsync(created.JoinCode, "Aceleci")).Token;
        await using var phone = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token);
        await using var laptop = await HubClient.ConnectAsync(fixture.Server.BaseUrl, token);
        await using var neighbour = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode, "Sakin")).Token);

        // A burst of ten ideas from one person: the bucket holds four and refills two a second.
        var burst = System.Diagnostics.Stopwatch.StartNew();
        var added = 0;
        var refusals = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await phone.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Hızlı fikir " + i, ClientOpId = "burst-" + i });
                added++;
            }
            catch (HubException ex)
            {
                refusals.Add(ex.Message);
            }
        }

        Assert.NotEmpty(refusals);
        Assert.All(refusals, m => Assert.StartsWith("rate_limited: ", m, StringComparison.Ordinal));
        Assert.InRange(added, 4, 4 + (2 * (int)Math.Ceiling(burst.Elapsed.TotalSeconds)));

        // Same person on another connection: the same budget. Someone else: unaffected.
        var laptopRefused = 0;
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await laptop.Connection.InvokeAsync("LeaveWorkshop", workshopId);
            }
            catch (HubException ex) when (ex.Message.StartsWith("rate_limited: ", StringComparison.Ordinal))
            {
                laptopRefused++;
            }
        }

        Assert.True(laptopRefused > 0, "the second connection of the same person must share the limit");
        await neighbour.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Komşunun fikri", ClientOpId = "n1" });

        // Refused calls stored nothing.
        var snapshot = await fixture.Api.GetAsync<JsonElement>("api/workshops/" + workshopId, staffToken);
        var ideas = snapshot.GetProperty("boards")[0].GetProperty("ideas");
        Assert.Equal(added + 1, ideas.GetArrayLength());

        // The budget comes back with time.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await phone.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = "Sonra gelen fikir", ClientOpId = "later" });
    }

    [Fact]
    public async Task Guessing_join_codes_from_one_address_is_answered_with_429_and_other_addresses_still_join()
    {
        var created = await CreateEventAsync();
        using var guesser = ClientFrom(IPAddress.Parse("127.0.0.2"));

        // Wrong codes until the address is stopped: three are allowed per minute.
        var statuses = new List<(HttpStatusCode Status, string? Code)>();
        for (var i = 0; i < 6 && statuses.LastOrDefault().Status != HttpStatusCode.TooManyRequests; i++)
        {
            statuses.Add(await PostAsync(guesser, "api/auth/join", new { code = WrongCode(created.JoinCode, i) }));
        }

        Assert.True(statuses.Count(s => s.Status == HttpStatusCode.NotFound) >= 3, string.Join(", ", statuses));
        Assert.All(statuses.Where(s => s.Status == HttpStatusCode.NotFound), s => Assert.Equal(ErrorCodes.NotFound, s.Code));
        Assert.Equal((HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited), statuses[^1]);

        // Now even the right code, a key and the join page's look-up wait; other addresses do not.
        Assert.Equal((HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited), await PostAsync(guesser, "api/auth/join", new { code = created.JoinCode }));
        Assert.Equal((HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited), await PostAsync(guesser, "api/auth/key", new { key = created.ModeratorKey }));
        using (var lookUp = await guesser.GetAsync("api/events/by-code/" + created.JoinCode))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, lookUp.StatusCode);
        }

        var joined = await fixture.Api.JoinAsync(created.JoinCode, "Başka adresten");
        Assert.Equal(created.EventId, joined.EventId);
    }

    /// <summary>The limited server's join budget per address (the default is 600).</summary>
    public const int JoinsPerMinute = 30;

    [Fact]
    public async Task Right_code_joins_beyond_the_per_address_budget_are_answered_with_429_and_other_addresses_still_join()
    {
        var created = await CreateEventAsync();
        using var hall = ClientFrom(IPAddress.Parse("127.0.0.3"));

        // A full bucket lets a hall's burst through; the one after it waits.
        var statuses = new List<(HttpStatusCode Status, string? Code)>();
        for (var i = 0; i < JoinsPerMinute + 5 && statuses.LastOrDefault().Status != HttpStatusCode.TooManyRequests; i++)
        {
            statuses.Add(await PostAsync(hall, "api/auth/join", new { code = created.JoinCode, displayName = "Salon " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }

        Assert.True(statuses.Count(s => s.Status == HttpStatusCode.OK) >= JoinsPerMinute, string.Join(", ", statuses));
        Assert.Equal((HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited), statuses[^1]);

        var joined = await fixture.Api.JoinAsync(created.JoinCode, "Başka adresten");
        Assert.Equal(created.EventId, joined.EventId);
    }

    [Fact]
    public async Task A_hub_request_from_a_foreign_origin_is_refused_while_our_own_and_configured_origins_pass()
    {
        var token = fixture.AdminToken;
        var own = fixture.Server.BaseUrl;

        var foreignNegotiate = await NegotiateAsync(token, "https://kotu.example.com");
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), foreignNegotiate);
        Assert.Equal((HttpStatusCode.Forbidden, ErrorCodes.Forbidden), await NegotiateAsync(token, "null"));
        Assert.Equal(HttpStatusCode.Forbidden, await OpenWebSocketAsync(token, "https://kotu.example.com"));
        Assert.Equal(HttpStatusCode.Forbidden, await OpenWebSocketAsync(token, "http://localhost.example.com"));

        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(token, own)).Status);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(token, LimitedServerFixture.AllowedOrigin)).Status);
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await OpenWebSocketAsync(token, own));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await OpenWebSocketAsync(token, LimitedServerFixture.AllowedOrigin));

        // No Origin at all (the CLI, Node, this test's client) passes too.
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync(token, null)).Status);
    }

    private Task<EventCreated> CreateEventAsync() =>
        fixture.Api.CreateEventAsync(fixture.AdminToken, new EventProgram { Title = "Sınırlar", Workshops = [new() { Title = "Tek" }] });

    /// <summary>A six-letter code from the join-code alphabet that is not the event's.</summary>
    private static string WrongCode(string right, int i)
    {
        var candidate = "HJKMNP"[i..] + "HJKMNP"[..i];
        return candidate == right ? "QRSTUV" : candidate;
    }

    private async Task<(HttpStatusCode Status, string? Code)> NegotiateAsync(string token, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "hubs/workshop/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        using var response = await fixture.Api.Http.SendAsync(request);
        return (response.StatusCode, await ProblemCodeAsync(response));
    }

    private async Task<HttpStatusCode> OpenWebSocketAsync(string token, string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        var url = new Uri(fixture.Server.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/workshop?access_token=" + Uri.EscapeDataString(token));
        try
        {
            await socket.ConnectAsync(url, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        return socket.HttpStatusCode;
    }

    private static async Task<(HttpStatusCode Status, string? Code)> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        return (response.StatusCode, await ProblemCodeAsync(response));
    }

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("code").GetString();
    }

    /// <summary>An HTTP client whose connections come from another loopback address.</summary>
    private HttpClient ClientFrom(IPAddress source)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(fixture.Server.BaseUrl + "/") };
    }
}
