namespace Workshops.Domain.Events;

/// <summary>A participant cast (+1) or took back (-1) a vote. Takes no version: tallies have their own stream.</summary>
[GenerateSerializer, Alias("Workshops.Domain.VoteChanged")]
public sealed record VoteChanged : WorkshopEvent
{
    [Id(0)] public required string ActorKey { get; init; }
    [Id(1)] public string Group { get; init; } = "";
    [Id(2)] public required string IdeaId { get; init; }
    [Id(3)] public int Delta { get; init; }
    [Id(4)] public required string ClientOpId { get; init; }
}
