namespace Workshops.Domain.Events;

/// <summary>A timer started (<see cref="Seconds"/> from <see cref="WorkshopEvent.At"/>) or stopped (null); takes one version.</summary>
[GenerateSerializer, Alias("Workshops.Domain.TimerSet")]
public sealed record TimerSet : WorkshopEvent
{
    [Id(0)] public int? Seconds { get; init; }
}
