namespace Workshops.Contracts;

/// <summary>
/// Consensus across stakeholder groups (PROTOCOL.md section 10), the one place it is computed.
/// A group qualifies on a board when at least <see cref="MinGroupVoters"/> of its people voted
/// there; its support for an idea is (s + 1) / (n + 2) with s its people who dotted the idea and
/// n its voters on the board; the consensus is the geometric mean of the qualifying groups'
/// supports (unrounded), rounded to 3 decimals, or null when fewer than 2 groups qualify.
/// Undeclared voters ("") form no group. Pol.is ranks by the product of the same rates.
/// </summary>
public static class Consensus
{
    /// <summary>Fewer voters than this and a group neither counts nor has its votes shown outside staff exports.</summary>
    public const int MinGroupVoters = 3;

    public const int MinGroups = 2;

    /// <summary>From the voters per group on the board and the supporters per group of one idea or output.</summary>
    public static ConsensusResult Compute(IReadOnlyDictionary<string, int> votersByGroup, IReadOnlyDictionary<string, int> supportersByGroup)
    {
        ArgumentNullException.ThrowIfNull(votersByGroup);
        ArgumentNullException.ThrowIfNull(supportersByGroup);
        var support = new List<GroupSupport>();
        var logSum = 0.0;
        foreach (var (group, voters) in votersByGroup.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!Qualifies(group, voters))
            {
                continue;
            }

            var supporters = Math.Min(supportersByGroup.GetValueOrDefault(group), voters);
            var rate = (supporters + 1.0) / (voters + 2.0);
            logSum += Math.Log(rate);
            support.Add(new GroupSupport { Group = group, Voters = voters, Supporters = supporters, Support = Round(rate) });
        }

        double? consensus = support.Count >= MinGroups ? Round(Math.Exp(logSum / support.Count)) : null;
        return new ConsensusResult(consensus, support);
    }

    /// <summary>A declared group with enough voters on the board.</summary>
    public static bool Qualifies(string group, int voters) => group.Length > 0 && voters >= MinGroupVoters;

    public static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}
