using Workshops.Contracts;

namespace Workshops.Domain.Events;

/// <summary>
/// The phase changed; takes one version. When participants start seeing results by it, their
/// tally seq moves on too (they get every count with the change).
/// </summary>
[GenerateSerializer, Alias("Workshops.Domain.PhaseSet")]
public sealed record PhaseSet : WorkshopEvent
{
    [Id(0)] public WorkshopPhase Phase { get; init; }
}
