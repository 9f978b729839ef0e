using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>Legacy, read-only: part of <see cref="WorkshopState"/>. Never rename or renumber a member.</summary>
[GenerateSerializer, Alias("Workshops.IdeaRecord")]
public sealed class IdeaRecord
{
    [Id(0)] public string IdeaId { get; set; } = "";
    [Id(1)] public string BoardId { get; set; } = "";
    [Id(2)] public string Text { get; set; } = "";
    [Id(3)] public string AuthorKey { get; set; } = "";
    [Id(4)] public string? AuthorName { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public IdeaStatus Status { get; set; }
    [Id(7)] public string? MergedInto { get; set; }
}
