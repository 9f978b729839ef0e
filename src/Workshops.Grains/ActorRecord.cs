using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>Legacy, read-only: part of <see cref="WorkshopState"/>. Never rename or renumber a member.</summary>
[GenerateSerializer, Alias("Workshops.ActorRecord")]
public sealed class ActorRecord
{
    [Id(0)] public Role Role { get; set; }
    /// <summary>The stakeholder group declared at join; "" when none.</summary>
    [Id(1)] public string Group { get; set; } = "";
    /// <summary>Votes by ideaId.</summary>
    [Id(2)] public Dictionary<string, int> Votes { get; set; } = [];
    /// <summary>Results of operations by clientOpId, for idempotent re-sends.</summary>
    [Id(3)] public Dictionary<string, OpRecord> Ops { get; set; } = [];
    [Id(4)] public string? DisplayName { get; set; }
}
