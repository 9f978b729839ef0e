using Workshops.Contracts;

namespace Workshops.Domain.Events;

/// <summary>The settings changed; takes one version (and a participant tally seq when results become visible).</summary>
[GenerateSerializer, Alias("Workshops.Domain.SettingsSet")]
public sealed record SettingsSet : WorkshopEvent
{
    [Id(0)] public required WorkshopSettings Settings { get; init; }
}
