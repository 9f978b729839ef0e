namespace Workshops.Contracts;

/// <summary>Action names of the event's own audit entries (the export's top-level <c>audit</c>), shared by the grains and the reports.</summary>
public static class AuditNames
{
    /// <summary>A badge was revoked; the detail is its badgeId.</summary>
    public const string BadgeRevoked = "badgeRevoked";

    /// <summary>An admin or the moderator purged the event's personal data; the detail is how many people, never a name.</summary>
    public const string PersonalDataPurge = "personalDataPurge";

    /// <summary>
    /// The server purged the event's personal data by itself when the retention period ran out
    /// (section 11); the entry has no role; the detail is how many people.
    /// </summary>
    public const string RetentionPurge = "retentionPurge";
}
