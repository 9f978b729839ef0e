namespace Workshops.Contracts;

/// <summary>The participant's votes on one idea of one workshop.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.PersonalDataVote")]
public sealed record PersonalDataVote(
    [property: Id(0)] string WorkshopId,
    [property: Id(1)] string IdeaId,
    [property: Id(2)] int Votes);
