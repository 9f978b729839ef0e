using System.Collections.Concurrent;
using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// Carries this server's votes to each workshop grain, many to a call: while one call of a workshop
/// is in flight, the votes arriving for it wait here and go together in the next
/// (<see cref="IWorkshopGrain.ChangeVotes"/>). A vote with no call in flight goes at once, alone.
/// </summary>
/// <remarks>
/// Why: in a vote storm the Orleans call, not the vote, was most of a vote's server CPU (scheduling
/// and invoking ~27 µs of ~60 µs with the log append taken out, docs/benchmarks.md). The grain
/// already stores whatever is raised while a write is in flight in one write (JournaledGrain's
/// confirm step); this does the same one step earlier, for the calls. Each vote still gets its own
/// answer, only once it is stored, and a refusal stays that vote's. Hand-written because neither
/// Orleans nor SignalR batches calls; it is GPSTracker's PushNotifierGrain pattern (one call in
/// flight, the next batch collected meanwhile) applied to the way in.
/// </remarks>
public sealed class VoteBatcher(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, WorkshopVotes> _workshops = new(StringComparer.Ordinal);

    /// <summary>The vote's receipt once stored; a refusal throws its <see cref="WorkshopException"/>.</summary>
    public Task<VoteReceipt> Submit(string workshopId, VoteRequest vote)
    {
        while (true)
        {
            var workshop = _workshops.GetOrAdd(workshopId, id => new WorkshopVotes(this, id, grains.GetGrain<IWorkshopGrain>(id)));
            if (workshop.TryAdd(vote, out var receipt))
            {
                return receipt;
            }

            // It went idle and retired meanwhile: a fresh one takes the vote.
            _workshops.TryRemove(KeyValuePair.Create(workshopId, workshop));
        }
    }

    private long _calls;
    private long _votes;

    /// <summary>Grain calls made so far; with <see cref="VotesSent"/>, how many votes a call carried.</summary>
    public long CallsSent => Interlocked.Read(ref _calls);

    public long VotesSent => Interlocked.Read(ref _votes);

    /// <summary>Workshops with votes waiting or in flight; an idle one holds no memory here (any workshopId may be asked for).</summary>
    public int WorkshopsHeld => _workshops.Count;

    private void Sent(int votes)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _votes, votes);
    }

    private void Retired(string workshopId, WorkshopVotes workshop) =>
        _workshops.TryRemove(KeyValuePair.Create(workshopId, workshop));

    private sealed class WorkshopVotes(VoteBatcher owner, string workshopId, IWorkshopGrain grain)
    {
        private readonly Lock _lock = new();
        private List<(VoteRequest Vote, TaskCompletionSource<VoteReceipt> Answer)> _waiting = [];
        private bool _sending;
        private bool _retired;

        public bool TryAdd(VoteRequest vote, out Task<VoteReceipt> receipt)
        {
            // Continuations run off this server's sending loop, so one slow hub frame does not hold the next batch.
            var answer = new TaskCompletionSource<VoteReceipt>(TaskCreationOptions.RunContinuationsAsynchronously);
            receipt = answer.Task;
            lock (_lock)
            {
                if (_retired)
                {
                    return false;
                }

                _waiting.Add((vote, answer));
                if (_sending)
                {
                    return true;
                }

                _sending = true;
            }

            _ = SendAsync();
            return true;
        }

        private async Task SendAsync()
        {
            while (true)
            {
                List<(VoteRequest Vote, TaskCompletionSource<VoteReceipt> Answer)> batch;
                lock (_lock)
                {
                    if (_waiting.Count == 0)
                    {
                        _sending = false;
                        _retired = true;
                        break;
                    }

                    batch = _waiting;
                    _waiting = [];
                }

                await SendOneAsync(batch);
            }

            owner.Retired(workshopId, this);
        }

        private async Task SendOneAsync(List<(VoteRequest Vote, TaskCompletionSource<VoteReceipt> Answer)> batch)
        {
            var votes = new VoteRequest[batch.Count];
            for (var i = 0; i < votes.Length; i++)
            {
                votes[i] = batch[i].Vote;
            }

            owner.Sent(votes.Length);
            IReadOnlyList<VoteOutcome> outcomes;
            try
            {
                outcomes = await grain.ChangeVotes(votes);
            }
#pragma warning disable CA1031 // every waiting vote gets the call's failure; the hub filter maps and logs it
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (var (_, answer) in batch)
                {
                    answer.TrySetException(ex);
                }

                return;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var outcome = i < outcomes.Count ? outcomes[i] : null;
                var answer = batch[i].Answer;
                if (outcome?.Receipt is { } receipt)
                {
                    answer.TrySetResult(receipt);
                }
                else if (outcome?.ErrorCode is { } code)
                {
                    answer.TrySetException(new WorkshopException(code, outcome.ErrorMessage ?? code));
                }
                else
                {
                    answer.TrySetException(new InvalidOperationException("the vote failed in the workshop grain (its log says why)"));
                }
            }
        }
    }
}
