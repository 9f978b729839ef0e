namespace Workshops.Contracts;

/// <summary>The participant's votes on one idea.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.PersonalVote")]
public sealed record PersonalVote([property: Id(0)] string IdeaId, [property: Id(1)] int Votes);
