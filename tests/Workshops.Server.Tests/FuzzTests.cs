using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CsCheck;
using Workshops.Contracts;
using Xunit.Abstractions;

namespace Workshops.Server.Tests;

/// <summary>
/// Random and malformed HTTP bodies against a real server: every refusal carries a contract code,
/// never a 500. A failing case prints its CsCheck seed; set WORKSHOPS_FUZZ_SEED to replay it.
/// (The hub half of this fuzz is not in the suite yet: under random calls the server closed hub
/// connections without an error, cause not found; see the issue note and docs/security.md.)
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class FuzzTests(ServerFixture fixture, ITestOutputHelper output)
{
    private const int HttpCases = 400;

    private static readonly string[] Codes =
    [
        ErrorCodes.Unauthorized, ErrorCodes.Forbidden, ErrorCodes.NotFound, ErrorCodes.InvalidInput, ErrorCodes.WrongPhase,
        ErrorCodes.VoteLimit, ErrorCodes.RateLimited, ErrorCodes.Conflict, ErrorCodes.Unavailable,
    ];

    private static readonly string? Seed = Environment.GetEnvironmentVariable("WORKSHOPS_FUZZ_SEED");

    /// <summary>Text no form would send: lone and paired surrogates, piles of combining marks, bidi overrides, controls.</summary>
    private static readonly Gen<string> Weird = Gen.OneOf<string>(
        Gen.String.Select(WellFormed),
        Gen.Char['\0', '\u001f'].Array[0, 20].Select(c => new string(c)),
        Gen.Int[0, 1000].Select(n => "e" + new string('\u0301', n)),
        Gen.OneOf<string>("\u202Eevil\u202C", "\u2066x\u2069", "\u200B\u200B\u200B", "İıŞşĞğÜüÖöÇç", "👩‍👩‍👧‍👦", "\uFEFF", "\uFFFF\uFFFE", " \t\r\n "),
        Gen.Int[1, 1000].Select(n => new string('ş', n)),
        Gen.Char.Array[0, 300].Select(c => WellFormed(new string(c))));

    [Fact]
    public async Task Random_http_bodies_never_get_a_500()
    {
        var created = await fixture.CreateEventAsync();
        Assert.NotEmpty(created.JoinCode);

        // From an address of its own: the join rate limit it runs into must not slow other tests.
        using var http = ClientFrom(IPAddress.Parse("127.0.0.3"));
        var tried = 0;
        var statuses = new Dictionary<HttpStatusCode, int>();
        var clock = Stopwatch.StartNew();
        var routes = Gen.OneOf<string>("api/auth/join", "api/auth/key", "api/events");
        await Gen.Select(routes, Body(created.JoinCode), Gen.Bool, Gen.OneOf<string>("application/json", "text/plain", "application/json; charset=latin1", "")).SampleAsync(async (route, body, admin, contentType) =>
        {
            tried++;
            using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new ByteArrayContent(body) };
            if (contentType.Length > 0)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            if (admin)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.AdminToken);
            }

            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            var what = route + " " + (int)response.StatusCode + " " + Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)) + " -> " + text[..Math.Min(text.Length, 300)];
            Assert.True((int)response.StatusCode < 500, what);
            if ((int)response.StatusCode >= 400)
            {
                Assert.True(text.StartsWith('{'), what);
                using var problem = JsonDocument.Parse(text);
                Assert.Contains(problem.RootElement.GetProperty("code").GetString() ?? "", Codes);
            }
        }, seed: Seed, iter: HttpCases, threads: 1);

        Log($"http fuzz: {tried} bodies in {clock.Elapsed.TotalSeconds:F1} s ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => (int)s.Key + " " + s.Value))})");
        Assert.Equal(HttpCases, tried);
    }

    private static Gen<byte[]> Body(string joinCode)
    {
        var value = Gen.Recursive<string>((depth, self) => depth > 4
            ? Gen.OneOf<string>("null", "1", "-1e999", "\"x\"", "true", "\"" + joinCode + "\"")
            : Gen.Frequency<string>(
                (3, Weird.Select(s => JsonSerializer.Serialize(s))),
                (1, Gen.OneOf<string>("null", "0", "1.5", "true", "[]", "{}", "\"\\ud800\"")),
                (2, self.Array[0, 4].Select(a => "[" + string.Join(",", a) + "]")),
                (3, Gen.Select(Gen.OneOf<string>("code", "key", "displayName", "group", "badge", "title", "workshops", "outputAreas", "settings", "votesPerBoard", "role", "count", "people", "stakeholderGroups"), self)
                    .Array[0, 5].Select(kv => "{" + string.Join(",", kv.Select(p => JsonSerializer.Serialize(p.Item1) + ":" + p.Item2)) + "}"))));
        return Gen.Frequency<byte[]>(
            (6, value.Select(v => Encoding.UTF8.GetBytes(v))),
            (1, Gen.Int[1, 3000].Select(n => Encoding.UTF8.GetBytes(new string('[', n) + new string(']', n)))),
            (1, Gen.Int[1, 3000].Select(n => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n)))),
            (1, Gen.Int[1, 60_000].Select(n => Encoding.UTF8.GetBytes("{\"title\":\"T\",\"workshops\":[" + string.Join(",", Enumerable.Repeat("{\"title\":\"W\"}", n)) + "]}"))),
            (1, Gen.Byte.Array[0, 500]),
            (1, Gen.Const(Array.Empty<byte>())));
    }

    /// <summary>Lone surrogates become U+FFFD: bodies here are UTF-8 (a lone one is sent escaped in the JSON).</summary>
    private static string WellFormed(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

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

    private void Log(string line)
    {
        output.WriteLine(line);
        System.Console.WriteLine(line);
    }
}
