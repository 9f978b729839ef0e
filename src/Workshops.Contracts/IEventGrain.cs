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
    /// <summary>PUT /api/events/{eventId} (admin, the event's moderator): the program edited (PROTOCOL.md section 7).</summary>
    Task<EventUpdated> Update(Caller caller, EventProgram program);

    /// <summary>DELETE /api/events/{eventId} (admin): the event, its workshops, keys and join code, removed from storage.</summary>
    Task Delete(Caller caller);

    /// <summary>A new key for the moderator (admin only) or a workshop's facilitator seat; the old key and its tokens stop working.</summary>
    Task<string> RotateKey(Caller caller, Role role, string? workshopId);

    /// <summary>A new join code (admin, moderator); the old one stops working, joined people keep their tokens.</summary>
    Task<string> NewJoinCode(Caller caller);

    /// <summary>One line of GET /api/events; null when the event does not exist (any more).</summary>
    Task<EventListing?> GetListing();

    /// <summary>What this event's tokens must match (servers cache it for seconds).</summary>
    Task<EventAccess> GetAccess();

    /// <summary>
    /// POST /api/events/{eventId}/badges (admin, moderator): <paramref name="count"/> blank badges or
    /// one per person; the codes are in this reply only (section 8).
    /// </summary>
    Task<IReadOnlyList<BadgeIssued>> CreateBadges(Caller caller, int? count, IReadOnlyList<BadgePerson>? people);

    /// <summary>GET /api/events/{eventId}/badges (admin, moderator): every badge, without codes.</summary>
    Task<IReadOnlyList<BadgeListing>> GetBadges(Caller caller);

    /// <summary>DELETE /api/events/{eventId}/badges/{badgeId} (admin, moderator): the badge and its holder's tokens stop working.</summary>
    Task RevokeBadge(Caller caller, string badgeId);

    /// <summary>
    /// Joins with a badge: always the badge's own participant. The organizer's name, organization
    /// and group win over the join's own. <paramref name="codeHash"/> is the hash the code resolved by.
    /// </summary>
    Task<ParticipantJoined> JoinWithBadge(string badgeId, string codeHash, string? displayName, string? organization, string? group);

    /// <summary>
    /// What the join page shows for a badge before anyone joins with it (the privacy notice, the
    /// groups, what the organizer set on the badge); claims nothing. Revoked: forbidden.
    /// </summary>
    Task<EventPublicInfo> GetBadgePublicInfo(string badgeId, string codeHash);

    /// <summary>Where the groups of these participants (the people behind a report) come from (staff); null in an event without badges.</summary>
    Task<GroupSource?> GetGroupSource(Caller caller, IReadOnlyList<string> participantIds);
    /// <summary>GET /api/me (participant): everything stored about the caller, here and in every workshop.</summary>
    Task<PersonalData> GetPersonalData(Caller caller);

    /// <summary>
    /// DELETE /api/me (participant): the caller's name and organization erased here and in every
    /// workshop (ideas stay without author, votes without a name), and the caller's tokens refused.
    /// </summary>
    Task EraseMyData(Caller caller);

    /// <summary>
    /// DELETE /api/events/{eventId}/personal-data (admin, the event's moderator): every
    /// participant's name and organization erased, audited without names. Returns how many people.
    /// </summary>
    Task<int> PurgePersonalData(Caller caller);

    /// <summary>The event's purges of personal data as audit entries (staff), for a single workshop's export; null when none.</summary>
    Task<IReadOnlyList<AuditEntry>?> GetPurgeAudit(Caller caller);

    /// <summary>GET /api/events/{eventId}/personal-data (admin, moderator): purges and retention.</summary>
    Task<PersonalDataStatus> GetPersonalDataStatus(Caller caller);
}

[GenerateSerializer, Immutable, Alias("Workshops.EventPublicInfo")]
public sealed record EventPublicInfo(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Language,
    [property: Id(3)] IReadOnlyList<string> StakeholderGroups,
    [property: Id(4)] IReadOnlyList<WorkshopTitle> Workshops)
{
    /// <summary>Added: the privacy notice the join page shows before anyone joins; null when none.</summary>
    [Id(5)] public EventPrivacy? Privacy { get; init; }

    /// <summary>Added: "code" or "badge" (section 8), so that the join page asks for the right thing.</summary>
    [Id(6)] public string JoinWith { get; init; } = WorkshopSettings.JoinWithCode;

    /// <summary>
    /// Added (<c>POST /api/events/by-badge</c> only): what the organizer set on the badge. A field
    /// set here is the holder's and cannot be changed at join (section 8); one left empty is theirs to give.
    /// </summary>
    [Id(7)] public BadgePerson? Badge { get; init; }
}

[GenerateSerializer, Immutable, Alias("Workshops.WorkshopTitle")]
public sealed record WorkshopTitle([property: Id(0)] string WorkshopId, [property: Id(1)] string Title);

[GenerateSerializer, Immutable, Alias("Workshops.ParticipantJoined")]
public sealed record ParticipantJoined(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string EventId,
    [property: Id(2)] string? DisplayName,
    [property: Id(3)] string? Group);
