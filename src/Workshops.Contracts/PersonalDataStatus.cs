namespace Workshops.Contracts;

/// <summary>
/// <c>GET /api/events/{eventId}/personal-data</c> (admin, moderator; added to contract section 11):
/// the event's purges and where its retention period stands.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.PersonalDataStatus")]
public sealed record PersonalDataStatus
{
    [Id(0)] public int RetentionDays { get; init; }

    /// <summary>When the event was first seen with every workshop closed; null while one is open.</summary>
    [Id(1)] public DateTimeOffset? AllClosedAt { get; init; }

    /// <summary>When the automatic purge is due; null when neither a close nor a date is known.</summary>
    [Id(2)] public DateTimeOffset? PurgeDueAt { get; init; }

    /// <summary>When the automatic purge ran; null until it has.</summary>
    [Id(3)] public DateTimeOffset? RetentionPurgedAt { get; init; }

    /// <summary>How many participants asked for their own data to be erased (DELETE /api/me).</summary>
    [Id(4)] public int ErasedOnRequest { get; init; }

    [Id(5)] public IReadOnlyList<PersonalDataPurge> Purges { get; init; } = [];
}
