using Workshops.Contracts;

namespace Workshops.Domain.State;

/// <summary>A participant or a staff seat of the workshop: their votes and their recent clientOpIds.</summary>
[GenerateSerializer, Alias("Workshops.Domain.ActorState")]
public sealed class ActorState
{
    [Id(0)] public Role Role { get; set; }
    /// <summary>The stakeholder group declared at their latest join; "" when none.</summary>
    [Id(1)] public string Group { get; set; } = "";
    /// <summary>Votes by ideaId.</summary>
    [Id(2)] public Dictionary<string, int> Votes { get; set; } = [];
    /// <summary>Results of their latest operations by clientOpId, for idempotent re-sends; bounded.</summary>
    [Id(3)] public Dictionary<string, OpState> Ops { get; set; } = [];

    /// <summary>
    /// <see cref="Ops"/> oldest first, so that the oldest is dropped in O(1): finding it by scanning
    /// took a third of the grain's CPU once every voter had 512 (profile in docs/benchmarks.md).
    /// Memory only (no <c>[Id]</c>, never persisted): rebuilt from <see cref="OpState.Sequence"/> when missing.
    /// </summary>
    [NonSerialized]
    internal Queue<(string OpId, long Sequence)>? OpOrder;
}
