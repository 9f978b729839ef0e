namespace Workshops.Grains;

/// <summary>One personal badge of an event (PROTOCOL.md section 8). Never rename or renumber a member.</summary>
[GenerateSerializer, Alias("Workshops.BadgeRecord")]
public sealed class BadgeRecord
{
    /// <summary>See <see cref="Secrets.HashBadgeCode"/>; the code itself is never stored.</summary>
    [Id(0)] public string CodeHash { get; set; } = "";
    /// <summary>Set by the organizer: then it wins over what the holder types at join.</summary>
    [Id(1)] public string? Name { get; set; }
    [Id(2)] public string? Organization { get; set; }
    [Id(3)] public string? Group { get; set; }
    /// <summary>The participant this badge is, from its first join on (null: never used).</summary>
    [Id(4)] public string? ParticipantId { get; set; }
    [Id(5)] public bool Revoked { get; set; }
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public DateTimeOffset? RevokedAt { get; set; }
}
