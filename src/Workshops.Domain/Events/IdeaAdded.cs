using Workshops.Contracts;

namespace Workshops.Domain.Events;

/// <summary>An idea was added; takes one version.</summary>
[GenerateSerializer, Alias("Workshops.Domain.IdeaAdded")]
public sealed record IdeaAdded : WorkshopEvent
{
    [Id(0)] public required string IdeaId { get; init; }
    [Id(1)] public required string BoardId { get; init; }
    [Id(2)] public required string Text { get; init; }
    [Id(3)] public required string AuthorKey { get; init; }
    [Id(4)] public Role AuthorRole { get; init; }
    /// <summary>The author's stakeholder group at their latest join; "" when none.</summary>
    [Id(5)] public string AuthorGroup { get; init; } = "";
    /// <summary>Null while ideas are anonymous: the name is never stored then.</summary>
    [Id(6)] public string? AuthorName { get; init; }
    [Id(7)] public string? ClientOpId { get; init; }
    /// <summary>Added (section 9); events stored before it read as digital.</summary>
    [Id(8)] public IdeaSource Source { get; init; }
}
