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
}
