namespace Workshops.Contracts;

/// <summary>
/// The ballots of one board, tallied once (voters per group, supporters per idea and group) so
/// that every idea of the board gets its <see cref="Consensus"/> without another pass.
/// </summary>
public sealed class BoardConsensus
{
    private readonly IReadOnlyList<Ballot> _ballots;
    private readonly Dictionary<string, int> _votersByGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _supportersByIdea = new(StringComparer.Ordinal);

    public BoardConsensus(IEnumerable<Ballot> ballots)
    {
        ArgumentNullException.ThrowIfNull(ballots);
        _ballots = [.. ballots.Where(b => b.IdeaIds.Count > 0)];
        foreach (var ballot in _ballots)
        {
            _votersByGroup[ballot.Group] = _votersByGroup.GetValueOrDefault(ballot.Group) + 1;
            foreach (var ideaId in ballot.IdeaIds.Distinct(StringComparer.Ordinal))
            {
                if (!_supportersByIdea.TryGetValue(ideaId, out var byGroup))
                {
                    _supportersByIdea[ideaId] = byGroup = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                byGroup[ballot.Group] = byGroup.GetValueOrDefault(ballot.Group) + 1;
            }
        }
    }

    /// <summary>People who voted on the board, by group; undeclared voters under "".</summary>
    public IReadOnlyDictionary<string, int> VotersByGroup => _votersByGroup;

    /// <summary>
    /// Whether the votes of this group may be shown outside staff exports: at least
    /// <see cref="Consensus.MinGroupVoters"/> of its people voted on the board. The undeclared
    /// voters ("") are held to the same rule: a lone undeclared voter is as identifiable.
    /// </summary>
    public bool MayShow(string group) => _votersByGroup.GetValueOrDefault(group) >= Consensus.MinGroupVoters;

    public ConsensusResult For(string ideaId) =>
        Consensus.Compute(_votersByGroup, _supportersByIdea.TryGetValue(ideaId, out var byGroup) ? byGroup : new Dictionary<string, int>());

    /// <summary>For an output made of several ideas: a person supports it when they dotted any of them. No ideas, no consensus.</summary>
    public ConsensusResult For(IReadOnlyCollection<string> ideaIds)
    {
        ArgumentNullException.ThrowIfNull(ideaIds);
        switch (ideaIds.Count)
        {
            case 0:
                return ConsensusResult.None;
            case 1:
                return For(ideaIds.First());
        }

        var wanted = ideaIds.ToHashSet(StringComparer.Ordinal);
        var supporters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ballot in _ballots)
        {
            if (ballot.IdeaIds.Any(wanted.Contains))
            {
                supporters[ballot.Group] = supporters.GetValueOrDefault(ballot.Group) + 1;
            }
        }

        return Consensus.Compute(_votersByGroup, supporters);
    }

    /// <summary>Only the groups that <see cref="MayShow"/>.</summary>
    public Dictionary<string, int> Shown(IReadOnlyDictionary<string, int> votesByGroup)
    {
        ArgumentNullException.ThrowIfNull(votesByGroup);
        return votesByGroup.Where(pair => MayShow(pair.Key)).ToDictionary(StringComparer.Ordinal);
    }
}
