namespace Workshops.Contracts;

/// <summary>
/// What an edit of the event program sets on one of its workshops. <see cref="Settings"/> is
/// adopted only while the workshop is in Setup (later its facilitator owns them).
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.WorkshopConfiguration")]
public sealed record WorkshopConfiguration(
    [property: Id(0)] string Title,
    [property: Id(1)] IReadOnlyList<string> OutputAreas,
    [property: Id(2)] string Language,
    [property: Id(3)] WorkshopSettings? Settings);
