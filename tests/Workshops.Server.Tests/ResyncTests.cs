using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;
using Workshops.TestHost;

namespace Workshops.Server.Tests;

/// <summary>
/// A participant who misses changes rebuilds the same workshop everyone else sees: from a
/// snapshot plus later events, resyncing whenever the versions show a gap (PROTOCOL.md section 3).
/// The participant's network is a <see cref="FaultyProxy"/>; everyone else connects directly.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ResyncTests(ServerFixture fixture) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private EventCreated _created = null!;
    private string _workshopId = "";
    private HubClient _staff = null!;
    private HubClient _writer = null!;
    private HubClient _other = null!;
    private string _otherToken = "";
    private string _token = "";
    private FaultyProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _created = await fixture.CreateEventAsync();
        _workshopId = _created.Workshops[0].WorkshopId;
        _staff = await ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.SignInAsync(_created.Workshops[0].FacilitatorKey)).Token);
        await _staff.JoinAsync(_workshopId);
        _writer = await ConnectAsync(fixture.Server.BaseUrl, (await fixture.Api.JoinAsync(_created.JoinCode, "Yazan", "Kamu kurumu")).Token);
        await _writer.JoinAsync(_workshopId);
        _otherToken = (await fixture.Api.JoinAsync(_created.JoinCode, "Karşılaştırılan", "Basın")).Token;
        _other = await ConnectAsync(fixture.Server.BaseUrl, _otherToken);
        await _other.JoinAsync(_workshopId);
        _token = (await fixture.Api.JoinAsync(_created.JoinCode, "Kopan", "Diğer")).Token;
        _proxy = FaultyProxy.Start(fixture.Server.BaseUrl);
        _owned.Add(_proxy);
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_participant_that_lost_events_sees_the_gap_on_the_next_one_and_resyncs_to_what_others_see()
    {
        var me = await ConnectAsync(_proxy.BaseUrl, _token);
        var model = new WorkshopModel(await me.Connection.InvokeAsync<JsonElement>("JoinWorkshop", _workshopId));
        await _staff.WaitForAsync(e => e.Name == EventNames.PresenceChanged && e.Payload.GetProperty("participants").GetInt32() == 3);
        await Staff("SetPhase", "Brainstorm");
        var hidden = await AddIdeaAsync(_writer, "b1", "Sahada gönüllü ağı", "w1");
        var mine = await AddIdeaAsync(me, "b1", "Engelsiz toplu taşıma", "m1");
        await AddIdeaAsync(_other, "b2", "Yerel fon havuzu", "o1");
        await AssertSameAsOthersAsync(model, me);

        // The participant's link now loses everything the server sends, while the others go on.
        _proxy.DropServerMessages = true;
        var late = await AddIdeaAsync(_writer, "b1", "Gençlere staj", "w2");
        await Staff<Idea>("HideIdea", hidden);
        await Staff("SetPhase", "Voting");
        var voting = await _staff.WaitForAsync(e => e.Name == EventNames.PhaseChanged && e.Payload.GetProperty("phase").GetString() == "Voting");
        var missedUpTo = voting.Version!.Value;

        // Votes take no version, and participants hear nothing of them while results are hidden.
        await _other.Connection.InvokeAsync<VoteReceipt>("CastVote", _workshopId, mine, "o-v1");
        await _writer.Connection.InvokeAsync<VoteReceipt>("CastVote", _workshopId, mine, "w-v1");
        await _writer.Connection.InvokeAsync<VoteReceipt>("CastVote", _workshopId, late, "w-v2");
        await _staff.WaitForAsync(e => e.Name == EventNames.TalliesChanged
            && e.Payload.GetProperty("tallies").TryGetProperty(late, out var v) && v.GetInt32() == 1);
        await Poll.UntilAsync(() => Task.FromResult(_proxy.Dropped.Any(m => CarriesVersion(m, missedUpTo))),
            "the participant's copy of the last change to be lost");
        await model.CatchUpAsync(me, _workshopId);
        Assert.True(model.Version < missedUpTo, "the participant must have missed the changes");
        Assert.Empty(model.Gaps);

        // The link is back: the next event is not the next version, so the client resyncs.
        _proxy.DropServerMessages = false;
        await Staff("SetPhase", "Results");
        await Staff<Output>("SetOutput", "b1", new OutputInput { Text = "Erişilebilir ulaşım", SourceIdeaIds = [mine, late] });
        await AssertSameAsOthersAsync(model, me);

        var gap = Assert.Single(model.Gaps);
        Assert.True(gap.Got > gap.Expected, $"gap {gap.Expected} -> {gap.Got}");
        Assert.True(gap.Got > missedUpTo);
        Assert.Equal(1, model.Resyncs);
        Assert.Equal("Results", model.Phase);
    }

    [Fact]
    public async Task A_participant_that_lost_a_tally_announcement_sees_the_seq_gap_on_the_next_one_and_resyncs()
    {
        await Staff("UpdateSettings", WorkshopSettings.Default with { LiveResults = true });
        var me = await ConnectAsync(_proxy.BaseUrl, _token);
        var model = new WorkshopModel(await me.Connection.InvokeAsync<JsonElement>("JoinWorkshop", _workshopId));
        await _staff.WaitForAsync(e => e.Name == EventNames.PresenceChanged && e.Payload.GetProperty("participants").GetInt32() == 3);
        await Staff("SetPhase", "Brainstorm");
        var first = await AddIdeaAsync(_writer, "b1", "Sahada gönüllü ağı", "w1");
        var second = await AddIdeaAsync(_other, "b2", "Yerel fon havuzu", "o1");
        await Staff("SetPhase", "Voting");
        await _other.Connection.InvokeAsync<VoteReceipt>("CastVote", _workshopId, first, "o-v1");
        await AssertSameAsOthersAsync(model, me);
        var seq = model.TallySeq;

        // One announcement is lost on the participant's link; no version moves meanwhile.
        _proxy.DropServerMessages = true;
        await _writer.Connection.InvokeAsync<VoteReceipt>("CastVote", _workshopId, first, "w-v1");
        await Poll.UntilAsync(() => Task.FromResult(_proxy.Dropped.Any(m => m.Contains("\"talliesChanged\"", StringComparison.Ordinal))),
            "the participant's copy of an announcement to be lost");
        await _staff.WaitForAsync(e => e.Name == EventNames.TalliesChanged
            && e.Payload.GetProperty("tallies").TryGetProperty(first, out var v) && v.GetInt32() == 2);
        _proxy.DropServerMessages = false;
        await model.CatchUpAsync(me, _workshopId);
        Assert.Equal(seq, model.TallySeq);

        // The next announcement is not the next seq: the client joins again and ends where the others are.
        await _writer.Connection.InvokeAsync<VoteReceipt>("CastVote", _workshopId, second, "w-v2");
        await AssertSameAsOthersAsync(model, me);
        var gap = Assert.Single(model.SeqGaps);
        Assert.Equal(seq + 1, gap.Expected);
        Assert.True(gap.Got > gap.Expected, $"seq gap {gap.Expected} -> {gap.Got}");
        Assert.Empty(model.Gaps);
        Assert.Equal(1, model.Resyncs);
    }

    [Fact]
    public async Task A_participant_whose_connection_dropped_rejoins_and_ends_with_what_others_see()
    {
        var first = await ConnectAsync(_proxy.BaseUrl, _token);
        var model = new WorkshopModel(await first.Connection.InvokeAsync<JsonElement>("JoinWorkshop", _workshopId));
        await _staff.WaitForAsync(e => e.Name == EventNames.PresenceChanged && e.Payload.GetProperty("participants").GetInt32() == 3);
        await Staff("SetPhase", "Brainstorm");
        var mine = await AddIdeaAsync(first, "b1", "Engelsiz toplu taşıma", "m1");
        var theirs = await AddIdeaAsync(_writer, "b1", "Sahada gönüllü ağı", "w1");
        await Staff("SetPhase", "Voting");
        var myVote = await first.Connection.InvokeAsync<VoteReceipt>("CastVote", _workshopId, theirs, "m-v1");
        await AssertSameAsOthersAsync(model, first);

        // The network dies without a goodbye; the others vote and add ideas meanwhile.
        _proxy.CutAll();
        await Poll.UntilAsync(() => Task.FromResult(first.Connection.State == HubConnectionState.Disconnected), "the cut connection to close");
        var staffIdea = (await Staff<Idea>("AddIdea", new IdeaInput { BoardId = "b2", Text = "Kolaylaştırıcının önerisi", ClientOpId = "f1" })).IdeaId;
        await _other.Connection.InvokeAsync<VoteReceipt>("CastVote", _workshopId, mine, "o-v1");
        await _writer.Connection.InvokeAsync<VoteReceipt>("CastVote", _workshopId, staffIdea, "w-v1");
        await _staff.WaitForAsync(e => e.Name == EventNames.PresenceChanged && e.Payload.GetProperty("participants").GetInt32() == 2);
        var before = model.Version;

        // Back: a new connection, and a fresh snapshot that is ahead of what the phone had.
        var second = await ConnectAsync(_proxy.BaseUrl, _token);
        model.Rewind();
        var snapshot = await second.Connection.InvokeAsync<JsonElement>("JoinWorkshop", _workshopId);
        Assert.True(snapshot.GetProperty("version").GetInt64() > before + 1, "the phone missed changes");
        Assert.Equal(myVote.MyVotes, snapshot.GetProperty("me").GetProperty("votes").GetProperty(theirs).GetInt32());
        Assert.Equal(myVote.Remaining, snapshot.GetProperty("me").GetProperty("remaining").GetProperty("b1").GetInt32());
        model.Reset(snapshot);

        await Staff("SetPhase", "Results");
        await Staff<Output>("SetOutput", "b2", new OutputInput { Text = "Kolaylaştırıcı çıktısı", SourceIdeaIds = [staffIdea] });
        await AssertSameAsOthersAsync(model, second);
        Assert.Empty(model.Gaps);
        Assert.Equal("Results", model.Phase);
    }

    /// <summary>
    /// Lets the model read its events until it has reached the version and tally seq of a fresh
    /// snapshot taken by another participant, and compares the two (looking again if the workshop
    /// moved on, or if the snapshot holds votes whose announcement is still on its way).
    /// </summary>
    private async Task AssertSameAsOthersAsync(WorkshopModel model, HubClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var fresh = await fixture.Api.GetAsync<JsonElement>("api/workshops/" + _workshopId, _otherToken);
            var version = fresh.GetProperty("version").GetInt64();
            var tallySeq = fresh.GetProperty("tallySeq").GetInt64();
            while ((model.Version < version || model.TallySeq < tallySeq) && DateTime.UtcNow < deadline)
            {
                await model.CatchUpAsync(client, _workshopId);
                await Task.Delay(20);
            }

            var expected = WorkshopModel.Canonical(fresh);
            if (model.Version == version && model.TallySeq == tallySeq && expected == model.Canonical())
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Equal(expected, model.Canonical());
                throw new TimeoutException($"the model stayed at version {model.Version}, seq {model.TallySeq}; others are at {version}, {tallySeq}");
            }

            await Task.Delay(50);
        }
    }

    private static bool CarriesVersion(string message, long version)
    {
        var field = "\"version\":" + version.ToString(CultureInfo.InvariantCulture);
        return message.Contains(field + ",", StringComparison.Ordinal) || message.Contains(field + "}", StringComparison.Ordinal);
    }

    private async Task<HubClient> ConnectAsync(string baseUrl, string token)
    {
        var client = await HubClient.ConnectAsync(baseUrl, token);
        _owned.Add(client);
        return client;
    }

    private async Task<string> AddIdeaAsync(HubClient client, string boardId, string text, string opId) =>
        (await client.Connection.InvokeAsync<Idea>("AddIdea", _workshopId, new IdeaInput { BoardId = boardId, Text = text, ClientOpId = opId })).IdeaId;

    private Task Staff(string method, params object?[] args) =>
        _staff.Connection.InvokeCoreAsync(method, [_workshopId, .. args]);

    private Task<T> Staff<T>(string method, params object?[] args) =>
        _staff.Connection.InvokeCoreAsync<T>(method, [_workshopId, .. args]);
}
