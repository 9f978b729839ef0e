namespace Workshops.Contracts;

/// <summary>An idea the participant wrote.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.PersonalIdea")]
public sealed record PersonalIdea([property: Id(0)] string IdeaId, [property: Id(1)] string Text);
