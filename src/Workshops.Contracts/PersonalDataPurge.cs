namespace Workshops.Contracts;

/// <summary>
/// One purge of an event's personal data, as its audit keeps it: who (a role, or none when the
/// retention period ran out), when, and how many people's names were erased. Never the names.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.PersonalDataPurge")]
public sealed record PersonalDataPurge(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] Role? Role,
    [property: Id(2)] int People,
    [property: Id(3)] bool Automatic);
