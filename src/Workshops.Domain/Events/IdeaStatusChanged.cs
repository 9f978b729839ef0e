using Workshops.Contracts;

namespace Workshops.Domain.Events;

/// <summary>Staff hid or restored an idea; takes one version.</summary>
[GenerateSerializer, Alias("Workshops.Domain.IdeaStatusChanged")]
public sealed record IdeaStatusChanged : WorkshopEvent
{
    [Id(0)] public required string IdeaId { get; init; }
    [Id(1)] public IdeaStatus Status { get; init; }
}
