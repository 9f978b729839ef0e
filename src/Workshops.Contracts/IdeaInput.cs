namespace Workshops.Contracts;

/// <summary>The argument of AddIdea.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.IdeaInput")]
public sealed record IdeaInput
{
    [Id(0)] public string? BoardId { get; init; }
    [Id(1)] public string? Text { get; init; }
    [Id(2)] public string? ClientOpId { get; init; }
    /// <summary>Section 9: "digital" (or absent) or "paper" (staff only).</summary>
    [Id(3)] public string? Source { get; init; }
}
