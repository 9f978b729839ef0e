using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>The persisted state of one event. Never rename or renumber a member.</summary>
[GenerateSerializer, Alias("Workshops.EventState")]
public sealed class EventState
{
    [Id(0)] public bool Initialized { get; set; }
    [Id(1)] public string Title { get; set; } = "";
    [Id(2)] public string? Date { get; set; }
    [Id(3)] public string? Venue { get; set; }
    [Id(4)] public string Language { get; set; } = "tr";
    [Id(5)] public List<string> OutputAreas { get; set; } = [];
    [Id(6)] public List<string> StakeholderGroups { get; set; } = [];
    [Id(7)] public WorkshopSettings Settings { get; set; } = WorkshopSettings.Default;
    [Id(8)] public string JoinCode { get; set; } = "";
    /// <summary>SHA-256 of the moderator key; the key itself is never stored.</summary>
    [Id(9)] public string ModeratorKeyHash { get; set; } = "";
    [Id(10)] public List<EventWorkshopRecord> Workshops { get; set; } = [];
    [Id(11)] public Dictionary<string, ParticipantRecord> Participants { get; set; } = [];
    [Id(12)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Grows with every rotation of the moderator key; tokens carry the one they came from.</summary>
    [Id(13)] public int ModeratorKeyGeneration { get; set; }
    /// <summary>The number of the next workshop added ("-w7"); 0 in events stored before workshops could be added.</summary>
    [Id(14)] public int NextWorkshopNumber { get; set; }
    /// <summary>Set first when the event is deleted: from then on it refuses everything, even if removal must be retried.</summary>
    [Id(15)] public bool Deleting { get; set; }
    /// <summary>The privacy notice of the program (PROTOCOL.md section 11); null when it has none.</summary>
    [Id(16)] public EventPrivacy? Privacy { get; set; }
    /// <summary>Added (section 8): the event's personal badges by badgeId; codes only as hashes.</summary>
    [Id(17)] public Dictionary<string, BadgeRecord> Badges { get; set; } = [];
    /// <summary>Added: what organizers did to the event itself (badge revocations), in order.</summary>
    [Id(18)] public List<AuditRecord> Audit { get; set; } = [];
    // [Id(19)] is unused (kept for badges).
    /// <summary>Added (section 11): participants who erased their own data; their tokens are refused.</summary>
    [Id(20)] public HashSet<string> ErasedParticipants { get; set; } = [];
    /// <summary>Added (section 11): every purge of the event's personal data, without names.</summary>
    [Id(21)] public List<PurgeRecord> Purges { get; set; } = [];
    /// <summary>Added (section 11): when the event was first seen with every workshop closed (retention starts).</summary>
    [Id(22)] public DateTimeOffset? AllClosedAt { get; set; }
    /// <summary>Added (section 11): when the automatic purge ran; it runs once.</summary>
    [Id(23)] public DateTimeOffset? RetentionPurgedAt { get; set; }
}
