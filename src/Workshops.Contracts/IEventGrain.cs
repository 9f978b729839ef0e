namespace Workshops.Contracts;

/// <summary>An event: its program, join code, hashed keys, participants and workshops. Keyed by eventId.</summary>
public interface IEventGrain : IGrainWithStringKey
{
    /// <summary>Creates the event and its workshops (admin). Fails with conflict when it exists.</summary>
    Task<EventCreated> Create(EventProgram program);

    Task<EventSummary> GetSummary(Caller caller);

    /// <summary>
    /// Registers a participant, or updates the one with <paramref name="existingParticipantId"/>
    /// (a reload keeps the same id, so a person's votes are not doubled).
    /// </summary>
    Task<ParticipantJoined> Join(string? existingParticipantId, string? displayName, string? organization, string? group);

    Task<EventExport> GetExport(Caller caller);

    /// <summary>The workshop ids in program order (empty when the event does not exist).</summary>
    Task<IReadOnlyList<string>> GetWorkshopIds();

    /// <summary>What the join page may show before joining (title, groups, workshop titles).</summary>
    Task<EventPublicInfo> GetPublicInfo();

    /// <summary>
    /// The name a participant gave at their latest join, or null. Names are not carried in tokens
    /// (a token travels with every request), so a workshop asks here when an idea is signed.
    /// </summary>
    Task<string?> GetDisplayName(string participantId);
}

[GenerateSerializer, Immutable, Alias("Workshops.EventPublicInfo")]
public sealed record EventPublicInfo(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Language,
    [property: Id(3)] IReadOnlyList<string> StakeholderGroups,
    [property: Id(4)] IReadOnlyList<WorkshopTitle> Workshops);

[GenerateSerializer, Immutable, Alias("Workshops.WorkshopTitle")]
public sealed record WorkshopTitle([property: Id(0)] string WorkshopId, [property: Id(1)] string Title);

[GenerateSerializer, Immutable, Alias("Workshops.ParticipantJoined")]
public sealed record ParticipantJoined(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string EventId,
    [property: Id(2)] string? DisplayName,
    [property: Id(3)] string? Group);
