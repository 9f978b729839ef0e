using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Workshops.Contracts;
using Workshops.TestHost;
using Xunit.Abstractions;

namespace Workshops.Server.Tests;

/// <summary>
/// Random and malformed hub calls and HTTP bodies against a real server. Every refusal carries a
/// contract code, no connection drops, and afterwards the workshop is exactly what the
/// acknowledged calls made it. A failing case prints its CsCheck seed; set WORKSHOPS_FUZZ_SEED to
/// replay it.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class FuzzTests(ServerFixture fixture, ITestOutputHelper output)
{
    private const int HubCases = 1500;
    // SignalR's default limit on a received message, which the server keeps.
    private const int MaxMessageBytes = 32 * 1024;
    private const int HttpCases = 400;
    private const int People = 3;
    private const int VotesPerBoard = 3;
    private const int MaxVotesPerIdea = 2;

    private static readonly string[] Codes =
    [
        ErrorCodes.Unauthorized, ErrorCodes.Forbidden, ErrorCodes.NotFound, ErrorCodes.InvalidInput, ErrorCodes.WrongPhase,
        ErrorCodes.VoteLimit, ErrorCodes.RateLimited, ErrorCodes.Conflict, ErrorCodes.Unavailable,
    ];

    private static readonly string[] Methods =
    [
        "JoinWorkshop", "LeaveWorkshop", "AddIdea", "EditIdea", "DeleteIdea", "CastVote", "RetractVote", "SetPhase", "StartTimer",
        "StopTimer", "HideIdea", "RestoreIdea", "MergeIdeas", "SetOutput", "ClearOutput", "UpdateSettings", "SetHallVotes",
        "NoSuchMethod", "castVote", "CASTVOTE",
    ];

    private static readonly string? Seed = Environment.GetEnvironmentVariable("WORKSHOPS_FUZZ_SEED");

    private static readonly JsonHubProtocol HubProtocol = new(Options.Create(new JsonHubProtocolOptions { PayloadSerializerOptions = WorkshopsApi.Json }));

    /// <summary>Text no form would send: lone and paired surrogates, piles of combining marks, bidi overrides, controls.</summary>
    private static readonly Gen<string> Weird = Gen.OneOf<string>(
        Gen.String.Select(WellFormed),
        Gen.Char['\0', '\u001f'].Array[0, 20].Select(c => new string(c)),
        Gen.Int[0, 1000].Select(n => "e" + new string('\u0301', n)),
        Gen.OneOf<string>("\u202Eevil\u202C", "\u2066x\u2069", "\u200B\u200B\u200B", "İıŞşĞğÜüÖöÇç", "👩‍👩‍👧‍👦", "\uFEFF", "\uFFFF\uFFFE", " \t\r\n "),
        Gen.Int[1, 1000].Select(n => new string('ş', n)),
        Gen.Char.Array[0, 300].Select(c => WellFormed(new string(c))));

    /// <summary>Raw JSON values for arguments the .NET client could not otherwise send (lone surrogates, deep nesting, odd numbers).</summary>
    private static readonly Gen<JsonElement> RawJson = Gen.OneOf<JsonElement>(
        Gen.OneOf<string>("\"\\ud800\"", "\"\\udfff x\"", "\"a\\u0000b\"", "1e400", "-0", "123456789012345678901234567890", "true", "{}", "[]", "{\"text\":{}}", "{\"boardId\":[],\"text\":1}")
            .Select(j => Parse(j)),
        Gen.Int[1, 60].Select(depth => Parse(new string('[', depth) + new string(']', depth))),
        Gen.Int[1, 60].Select(depth => Parse(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))));

    [Fact]
    public async Task Random_and_malformed_calls_get_contract_codes_and_leave_every_invariant_intact()
    {
        var created = await fixture.CreateEventAsync(new WorkshopSettings { VotesPerBoard = VotesPerBoard, MaxVotesPerIdea = MaxVotesPerIdea });
        var workshopId = created.Workshops[0].WorkshopId;
        var otherWorkshopId = created.Workshops[1].WorkshopId;
        var staffToken = (await fixture.Api.SignInAsync(created.Workshops[0].FacilitatorKey)).Token;
        await using var staff = await HubClient.ConnectAsync(fixture.Server.BaseUrl, staffToken);
        await staff.JoinAsync(workshopId);
        await staff.Connection.InvokeAsync("SetPhase", workshopId, "Brainstorm");
        var clients = new List<HubClient> { staff };
        var ideaIds = new List<string>();
        var boards = new[] { "b1", "b2", "b3" };
        try
        {
            for (var p = 0; p < People; p++)
            {
                var person = await HubClient.ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(created.JoinCode, "Kişi " + p)).Token);
                await person.JoinAsync(workshopId);
                clients.Add(person);
                for (var b = 0; b < 2; b++)
                {
                    var idea = await person.Connection.InvokeAsync<Idea>("AddIdea", workshopId, new IdeaInput { BoardId = boards[b], Text = "Fikir " + p + "/" + b, ClientOpId = "seed-" + b });
                    ideaIds.Add(idea.IdeaId);
                }
            }

            await staff.Connection.InvokeAsync("SetPhase", workshopId, "Voting");
            var model = new VoteModel();
            var staffAdds = new HashSet<string>(StringComparer.Ordinal);
            var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
            var tried = 0;
            string? firstDrop = null;
            var previous = new string?[People + 1];
            var clock = Stopwatch.StartNew();

            await CallGen(workshopId, otherWorkshopId, ideaIds, boards).SampleAsync(async call =>
            {
                tried++;
                var client = clients[call.Caller];
                string outcome;

                // Framed here first with the client's own protocol: a call it cannot write, or that
                // SignalR would refuse for size, has no reply to check (see Framing).
                var framed = Framing(call);
                if (framed is not null)
                {
                    outcomes[framed] = outcomes.GetValueOrDefault(framed) + 1;
                    return;
                }

                try
                {
                    var result = await client.Connection.InvokeCoreAsync<JsonElement>(call.Method, call.Arguments);
                    outcome = "ok";
                    if (call.Caller > 0 && call.Method is "CastVote" or "RetractVote")
                    {
                        Assert.True(call.Arguments is [string, string, string], call + " was accepted");
                        model.Acknowledge(call.Caller, call.Method, (string)call.Arguments[1]!, (string)call.Arguments[2]!, result);
                    }
                    else if (call.Caller == 0 && call.Method == "AddIdea")
                    {
                        // The same clientOpId again returns the first idea: count ideas, not replies.
                        staffAdds.Add(result.GetProperty("ideaId").GetString()!);
                    }
                }
                catch (Exception e) when (e is not HubException)
                {
                    // Shrinking goes on with the same connections, so the case CsCheck reports
                    // last may only have met the damage: say which call did it.
                    firstDrop ??= call + " threw " + e.GetType().Name + ": " + e.Message;
                    Log("unexpected failure: " + firstDrop);
                    throw;
                }
                catch (HubException ex)
                {
                    var code = ex.Message.Split(':')[0];
                    Assert.True(Codes.Contains(code, StringComparer.Ordinal) && ex.Message.StartsWith(code + ":", StringComparison.Ordinal), call + " -> " + ex.Message);
                    outcome = code;
                }

                if (client.Connection.State != HubConnectionState.Connected && firstDrop is null)
                {
                    // Later calls of this client fail too, and shrinking would name one of them.
                    firstDrop = call.ToString();
                    Log("first call that dropped its connection: " + firstDrop);
                }

                Assert.True(client.Connection.State == HubConnectionState.Connected, call + " dropped the connection (the first to do so: " + firstDrop + ")");
                previous[call.Caller] = call.ToString();
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }, seed: Seed, iter: HubCases, threads: 1, print: c => c.ToString());

            Log($"hub fuzz: {tried} calls in {clock.Elapsed.TotalSeconds:F1} s ({string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Key + " " + o.Value))})");
            Assert.Equal(HubCases, tried);

            await AssertInvariantsAsync(workshopId, staffToken, clients, model, ideaIds.Count + staffAdds.Count, boards);
        }
        finally
        {
            foreach (var client in clients.Skip(1))
            {
                await client.DisposeAsync();
            }
        }
    }

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

    private async Task AssertInvariantsAsync(string workshopId, string staffToken, List<HubClient> clients, VoteModel model, int ideaCount, string[] boards)
    {
        var staffView = await clients[0].JoinAsync(workshopId);
        Assert.Equal(WorkshopPhase.Voting, staffView.Phase);
        var ideas = staffView.Boards.SelectMany(b => b.Ideas.Select(i => (Board: b.BoardId, Idea: i))).ToList();
        Assert.Equal(ideaCount, ideas.Count);

        // Tallies are the net votes the fuzz was told about, idea by idea.
        foreach (var (_, idea) in ideas)
        {
            Assert.Equal(model.TallyOf(idea.IdeaId), idea.Votes ?? 0);
        }

        // Each person's own view: their votes, what is left of each board's budget.
        var boardOf = ideas.ToDictionary(i => i.Idea.IdeaId, i => i.Board, StringComparer.Ordinal);
        for (var p = 1; p < clients.Count; p++)
        {
            var mine = (await clients[p].JoinAsync(workshopId)).Me;
            Assert.Equal(model.VotesOf(p).OrderBy(v => v.Key, StringComparer.Ordinal), mine.Votes.Where(v => v.Value != 0).OrderBy(v => v.Key, StringComparer.Ordinal));
            foreach (var board in boards)
            {
                var used = mine.Votes.Where(v => boardOf[v.Key] == board).Sum(v => v.Value);
                Assert.InRange(used, 0, VotesPerBoard);
                Assert.Equal(VotesPerBoard - used, mine.Remaining[board]);
            }

            Assert.All(mine.Votes.Values, v => Assert.InRange(v, 0, MaxVotesPerIdea));
        }

        // The export says the same, and every output points at ideas that exist.
        var export = await fixture.Api.GetAsync<JsonElement>("api/workshops/" + workshopId + "/export?format=json", staffToken);
        var workshop = export.GetProperty("workshops")[0];
        var exported = workshop.GetProperty("boards").EnumerateArray().SelectMany(b => b.GetProperty("ideas").EnumerateArray()).ToList();
        Assert.Equal(ideaCount, exported.Count);
        Assert.All(exported, i => Assert.Equal(model.TallyOf(i.GetProperty("ideaId").GetString()!), i.GetProperty("votes").GetInt32()));
        Assert.Equal(model.Total, workshop.GetProperty("votes").GetInt32());
        foreach (var outputItem in workshop.GetProperty("outputs").EnumerateArray())
        {
            Assert.All(outputItem.GetProperty("sourceIdeaIds").EnumerateArray(), id => Assert.Contains(id.GetString()!, boardOf.Keys));
        }

    }

    /// <summary>
    /// Why a call is not sent, or null when it is. The .NET client writes an invocation straight
    /// into its transport: an argument its serializer refuses (NaN, say) leaves half a message
    /// there, and the server, reading invalid JSON with no invocation id to answer, closes the
    /// connection (dotnet/aspnetcore#13651). A message over 32 KB is refused by SignalR the same
    /// way, before there is an invocation. Neither is a reply of ours to check.
    /// </summary>
    private static string? Framing(FuzzCall call)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            HubProtocol.WriteMessage(new InvocationMessage("1", call.Method, call.Arguments), buffer);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return "not sent (the client cannot write it)";
        }

        return buffer.WrittenCount > MaxMessageBytes ? "not sent (over 32 KB)" : null;
    }

    private static Gen<FuzzCall> CallGen(string workshopId, string otherWorkshopId, List<string> ideaIds, string[] boards)
    {
        var ideaId = Gen.Frequency<string>((6, Gen.OneOf<string>([.. ideaIds])), (1, Weird), (1, Gen.OneOf<string>("", "i-unknown", otherWorkshopId)));
        var workshop = Gen.Frequency<string>((12, Gen.Const(workshopId)), (1, Gen.OneOf<string>(otherWorkshopId, "", "no-such-workshop", new string('w', 200))), (1, Weird));
        var opId = Gen.Frequency<string>((4, Gen.Int[0, 40].Select(i => "op-" + i.ToString(CultureInfo.InvariantCulture))), (1, Weird), (1, Gen.OneOf<string>("", new string('o', 65))));

        // A huge id list always holds ids that do not exist: a merge that took it would be half-done.
        var idList = Gen.Frequency<object?>(
            (3, ideaId.Array[0, 6].Select(a => (object?)a)),
            // Huge, yet under the hub's 32 KB message limit: a bigger message is refused by SignalR
            // itself, which closes the connection (docs/protocol-notes.md, "Limits").
            (1, Gen.Int[1_000, 2_000].Select(n => (object?)Enumerable.Range(0, n).Select(i => i % 100 == 0 && i / 100 < ideaIds.Count ? ideaIds[i / 100] : "x" + i.ToString(CultureInfo.InvariantCulture)).ToArray())),
            (1, Gen.Const<object?>(() => null)),
            (1, RawJson.Select(j => (object?)j)));
        var any = Gen.Frequency<object?>(
            (3, Weird.Select(s => (object?)s)),
            (2, RawJson.Select(j => (object?)j)),
            (1, Gen.Int.Select(i => (object?)i)),
            (1, Gen.Double.Select(d => (object?)d)),
            (1, Gen.Const<object?>(() => null)),
            (1, idList));
        var text = Gen.Frequency<string>((3, Gen.OneOf<string>("Kısa bir fikir", "Güzel öneri İzmir'den")), (3, Weird));
        var ideaInput = Gen.Frequency<object?>(
            (3, Gen.Select(Gen.OneOf<string>([.. boards, "b9", ""]), text, opId, (board, t, op) => (object?)new Dictionary<string, object?> { ["boardId"] = board, ["text"] = t, ["clientOpId"] = op })),
            (1, any));
        var outputInput = Gen.Frequency<object?>(
            (3, Gen.Select(text, idList, (t, ids) => (object?)new Dictionary<string, object?> { ["text"] = t, ["sourceIdeaIds"] = ids })),
            (1, any));
        var board = Gen.Frequency<object?>((3, Gen.OneOf<object?>([.. boards])), (1, any));
        var phase = Gen.OneOf<object?>("voting", "VOTING", "Votıng", "VOTİNG", " Voting", "Voting ", "results", "Phase", "", null, 3, "0");

        Gen<object?[]> Args(string method)
        {
            var w = workshop.Select(x => (object?)x);
            var i = ideaId.Select(x => (object?)x);
            var o = opId.Select(x => (object?)x);
            return method switch
            {
                "JoinWorkshop" or "LeaveWorkshop" or "StopTimer" => Gen.Select(w, x => new[] { x }),
                "AddIdea" => Gen.Select(w, ideaInput, (a, b) => new[] { a, b }),
                "EditIdea" => Gen.Select(w, i, text.Select(x => (object?)x), (a, b, c) => new[] { a, b, c }),
                "DeleteIdea" or "HideIdea" or "RestoreIdea" => Gen.Select(w, any, (a, b) => new[] { a, b }),
                "CastVote" or "RetractVote" => Gen.Select(w, i, o, (a, b, c) => new[] { a, b, c }),
                "SetPhase" => Gen.Select(w, phase, (a, b) => new[] { a, b }),
                "StartTimer" => Gen.Select(w, Gen.Frequency<object?>((2, Gen.Int[-5, 100_000].Select(x => (object?)x)), (1, any)), (a, b) => new[] { a, b }),
                "MergeIdeas" => Gen.Select(w, i, idList, (a, b, c) => new[] { a, b, c }),
                "SetOutput" => Gen.Select(w, board, outputInput, (a, b, c) => new[] { a, b, c }),
                "ClearOutput" => Gen.Select(w, board, (a, b) => new[] { a, b }),
                "UpdateSettings" => Gen.Select(w, any, (a, b) => new[] { a, b }),
                "SetHallVotes" => Gen.Select(w, any, Gen.Frequency<object?>((2, Gen.Int.Select(x => (object?)x)), (1, any)), (a, b, c) => new[] { a, b, c }),
                _ => any.Array[0, 4],
            };
        }

        // Mostly well-formed calls of the right arity (they reach the grain), sometimes any arity.
        return Gen.OneOf<FuzzCall>([.. Methods.Select(method => (IGen<FuzzCall>)Gen.Select(
            Gen.Int[0, People],
            Gen.Frequency<object?[]>((5, Args(method)), (1, any.Array[0, 5])),
            (who, args) => Tame(new FuzzCall(who, method, args), ideaIds)))]);
    }

    /// <summary>
    /// Only votes move the model: the facilitator may not delete or hide a seeded idea here (that
    /// would move votes the model does not follow), so those ids are spoilt. Merges keep their real
    /// ids: a huge list always holds unknown ones too, so a merge must be refused whole.
    /// </summary>
    private static FuzzCall Tame(FuzzCall call, List<string> ideaIds) =>
        call is { Caller: 0, Method: "DeleteIdea" or "HideIdea" or "MergeIdeas" } && call.Arguments.Length >= 2 && call.Arguments[1] is string id && ideaIds.Contains(id)
            && !(call.Method == "MergeIdeas" && call.Arguments.Length == 3 && call.Arguments[2] is string[] { Length: >= 1_000 })
            ? call with { Arguments = [call.Arguments[0], "x" + id, .. call.Arguments.Skip(2)] }
            : call;

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

    /// <summary>Lone surrogates become U+FFFD: the client's serializer cannot write them (RawJson sends them escaped).</summary>
    private static string WellFormed(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 128 });
        return document.RootElement.Clone();
    }

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
