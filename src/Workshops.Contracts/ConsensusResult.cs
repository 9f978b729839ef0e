namespace Workshops.Contracts;

/// <summary>An idea's or output's consensus (null when fewer than 2 groups qualify) and its support per qualifying group.</summary>
public sealed record ConsensusResult(double? Consensus, IReadOnlyList<GroupSupport> Support)
{
    public static readonly ConsensusResult None = new(null, []);
}
