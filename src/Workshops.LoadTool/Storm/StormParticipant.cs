using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Workshops.Contracts;

namespace Workshops.LoadTool.Storm;

/// <summary>
/// One participant of the storm: joins over HTTP, holds one hub connection, spends its dots.
/// Votes not yet acknowledged stay pending; when the connection breaks the participant moves to
/// the next URL and re-sends them with the same clientOpIds, within a bounded budget.
/// </summary>
internal sealed class StormParticipant(int index, string workshopId, VoteStormOptions options, StormErrors errors)
{
    private readonly List<VoteOp> _pending = [];
    private readonly List<VoteAck> _acks = [];
    private HubConnection? _connection;
    private int _urlIndex = index % options.Urls.Count;
    private int _reconnectsLeft = options.MaxReconnects;
    private long _eventsReceived;

    public int Index => index;

    public string WorkshopId => workshopId;

    public string? Token { get; private set; }

    public string? ParticipantId { get; private set; }

    public IReadOnlyList<VoteAck> Acks => _acks;

    public int Reconnects { get; private set; }

    /// <summary>Server events this participant was sent so far (acks not counted).</summary>
    public long EventsReceived => Interlocked.Read(ref _eventsReceived);

    public int Resends { get; private set; }

    /// <summary>Votes given up with an unknown outcome.</summary>
    public int Unresolved { get; private set; }

    public int Planned { get; private set; }

    public bool Connected => _connection is { State: HubConnectionState.Connected };

    /// <summary>Joins the event over HTTP, trying each server in turn.</summary>
    public async Task<bool> JoinAsync(IReadOnlyList<StormApi> apis, string joinCode, CancellationToken cancellationToken)
    {
        var name = "Katılımcı " + index.ToString(CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt <= options.MaxReconnects; attempt++)
        {
            try
            {
                var reply = await apis[(_urlIndex + attempt) % apis.Count].JoinAsync(joinCode, name, null, cancellationToken);
                Token = reply.Token;
                ParticipantId = reply.ParticipantId;
                return true;
            }
            catch (Exception ex) when (ex is StormHttpException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                errors.Add(ex is StormHttpException { Code: { } code } ? "join_" + code : "join_failed");
                await Task.Delay(options.Backoff(attempt), cancellationToken);
            }
        }

        return false;
    }

    /// <summary>Opens the hub connection on the current URL (the next ones if it fails) and joins the workshop.</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await TryConnectAsync(cancellationToken))
            {
                return true;
            }

            if (_reconnectsLeft-- <= 0)
            {
                return false;
            }

            _urlIndex = (_urlIndex + 1) % options.Urls.Count;
            await Task.Delay(options.Backoff(attempt), cancellationToken);
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        await StormConnection.DisposeQuietlyAsync(_connection, options.CallTimeout);
        var connection = StormConnection.Create(options.Urls[_urlIndex], Token!);
        foreach (var name in StormEvents.Names)
        {
            // A page parses every event it is sent; so does the load.
            connection.On<System.Text.Json.JsonElement>(name, _ => Interlocked.Increment(ref _eventsReceived));
        }

        _connection = connection;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CallTimeout);
            await connection.StartAsync(timeout.Token);
            await connection.InvokeAsync<WorkshopSnapshot>("JoinWorkshop", workshopId, timeout.Token);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            errors.Add("connect_" + HubErrors.Classify(ex).Code);
            return false;
        }
    }

    public async Task<Idea> AddIdeaAsync(string text, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CallTimeout);
        return await _connection!.InvokeAsync<Idea>(
            "AddIdea", workshopId, new IdeaInput { BoardId = "b1", Text = text, ClientOpId = "idea-" + index.ToString(CultureInfo.InvariantCulture) }, timeout.Token);
    }

    /// <summary>The dots this participant will cast, one per idea.</summary>
    public void Plan(IReadOnlyList<string> ideaIds)
    {
        for (var k = 0; k < ideaIds.Count; k++)
        {
            _pending.Add(new VoteOp("dot-" + k.ToString(CultureInfo.InvariantCulture), ideaIds[k]));
        }

        Planned = ideaIds.Count;
    }

    /// <summary>Sends every pending vote (all at once, or paced) until each is acknowledged, refused or given up.</summary>
    public async Task VoteAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; _pending.Count > 0; round++)
        {
            if (round > options.MaxResendRounds)
            {
                GiveUp("retry_budget_spent");
                return;
            }

            if (round > 0)
            {
                Resends += _pending.Count;
                await Task.Delay(options.Backoff(round - 1), cancellationToken);
            }

            if (!Connected)
            {
                if (_reconnectsLeft <= 0)
                {
                    GiveUp("reconnect_budget_spent");
                    return;
                }

                // The server we were on is gone or refused us: the next URL, then re-send what is pending.
                _urlIndex = (_urlIndex + 1) % options.Urls.Count;
                Reconnects++;
                if (!await ConnectAsync(cancellationToken))
                {
                    GiveUp("reconnect_budget_spent");
                    return;
                }
            }

            await SendPendingAsync(cancellationToken);
        }
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        var ops = _pending.ToList();
        (VoteOp Op, VoteReceipt? Receipt, long At, CallFailure? Failure)[] results;
        if (options.VoteInterval <= TimeSpan.Zero)
        {
            results = await Task.WhenAll(ops.Select(op => SendAsync(op, cancellationToken)));
        }
        else
        {
            var paced = new List<(VoteOp, VoteReceipt?, long, CallFailure?)>();
            foreach (var op in ops)
            {
                var result = await SendAsync(op, cancellationToken);
                paced.Add(result);
                if (result.Failure == CallFailure.ConnectionLost && !Connected)
                {
                    break;
                }

                await Task.Delay(options.VoteInterval, cancellationToken);
            }

            results = [.. paced];
        }

        foreach (var (op, receipt, at, failure) in results)
        {
            if (receipt is not null)
            {
                _acks.Add(new VoteAck(ParticipantId!, workshopId, op.OpId, receipt, op.FirstSentAt, at));
                _pending.Remove(op);
            }
            else if (failure == CallFailure.Refused)
            {
                _pending.Remove(op);
            }
        }
    }

    private async Task<(VoteOp Op, VoteReceipt? Receipt, long At, CallFailure? Failure)> SendAsync(VoteOp op, CancellationToken cancellationToken)
    {
        if (op.FirstSentAt == 0)
        {
            op.FirstSentAt = Stopwatch.GetTimestamp();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CallTimeout);
        try
        {
            var receipt = await _connection!.InvokeAsync<VoteReceipt>("CastVote", workshopId, op.IdeaId, op.OpId, timeout.Token);
            return (op, receipt, Stopwatch.GetTimestamp(), null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A cancellation that is not our timeout is the client failing its pending calls as the connection closed.
            var (code, failure) = ex is OperationCanceledException && !timeout.IsCancellationRequested
                ? ("connection_lost", CallFailure.ConnectionLost)
                : HubErrors.Classify(ex);
            errors.Add(code);
            if (failure == CallFailure.ConnectionLost)
            {
                op.OutcomeUnknown = true;
            }

            return (op, null, Stopwatch.GetTimestamp(), failure);
        }
    }

    private void GiveUp(string reason)
    {
        errors.Add(reason);
        Unresolved += _pending.Count(op => op.OutcomeUnknown);
        _pending.Clear();
    }

    public Task DisposeAsync(TimeSpan timeout) => StormConnection.DisposeQuietlyAsync(_connection, timeout);
}
