namespace Workshops.Contracts;

/// <summary>An idea the participant wrote, in one workshop of the event.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.PersonalDataIdea")]
public sealed record PersonalDataIdea(
    [property: Id(0)] string WorkshopId,
    [property: Id(1)] string IdeaId,
    [property: Id(2)] string Text);
