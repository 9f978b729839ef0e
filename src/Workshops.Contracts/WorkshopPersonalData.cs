namespace Workshops.Contracts;

/// <summary>What one workshop stores about one participant (contract section 11).</summary>
[GenerateSerializer, Immutable, Alias("Workshops.WorkshopPersonalData")]
public sealed record WorkshopPersonalData(
    [property: Id(0)] string WorkshopId,
    [property: Id(1)] IReadOnlyList<PersonalIdea> Ideas,
    [property: Id(2)] IReadOnlyList<PersonalVote> Votes);
