using System.Text.Json;

namespace Workshops.Server.Tests;

/// <summary>
/// The votes the fuzz was told it cast: each acknowledged receipt gives the person's count on that
/// idea; a clientOpId seen before changes nothing (the contract's idempotency).
/// </summary>
internal sealed class VoteModel
{
    private readonly Dictionary<(int Person, string Idea), int> _votes = [];
    private readonly HashSet<(int Person, string OpId)> _ops = [];

    public int Total => _votes.Values.Sum();

    public void Acknowledge(int person, string method, string ideaId, string opId, JsonElement receipt)
    {
        var first = _ops.Add((person, opId));
        var before = _votes.GetValueOrDefault((person, ideaId));
        var expected = first ? before + (method == "CastVote" ? 1 : -1) : before;
        var told = receipt.GetProperty("myVotes").GetInt32();
        if (first)
        {
            // A fresh operation moves the count by exactly one.
            Xunit.Assert.True(told == expected, method + " " + ideaId + " op " + opId + ": receipt says " + told + ", expected " + expected);
        }

        _votes[(person, ideaId)] = first ? expected : before;
    }

    public int TallyOf(string ideaId) => _votes.Where(v => string.Equals(v.Key.Idea, ideaId, StringComparison.Ordinal)).Sum(v => v.Value);

    public IEnumerable<KeyValuePair<string, int>> VotesOf(int person) =>
        _votes.Where(v => v.Key.Person == person && v.Value != 0).Select(v => new KeyValuePair<string, int>(v.Key.Idea, v.Value));
}
