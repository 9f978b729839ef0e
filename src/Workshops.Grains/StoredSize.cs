using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>
/// A counted proxy for how much a record adds to its grain's stored state: the UTF-16 code units
/// of its texts plus a fixed allowance for its ids, numbers and framing. Budgets are checked with
/// it before a change, which serializing the whole state on every call could not do cheaply: the
/// texts are the only part of a record whose size a caller controls. (The workshop's own is
/// <see cref="Domain.State.StoredSize"/>.)
/// </summary>
internal static class StoredSize
{
    /// <summary>Ids, timestamps, enums and the serializer's framing of one record.</summary>
    internal const int RecordOverhead = 48;

    public static long Of(ParticipantRecord record) =>
        RecordOverhead + Units(record.DisplayName) + Units(record.Organization) + Units(record.Group);

    public static long Of(BadgeRecord badge) =>
        RecordOverhead + Units(badge.CodeHash) + Units(badge.Name) + Units(badge.Organization) + Units(badge.Group) + Units(badge.ParticipantId);

    public static long Of(EventPrivacy? privacy) =>
        privacy is null ? 0 : RecordOverhead + Units(privacy.Controller) + Units(privacy.Contact) + Units(privacy.Purpose);

    private static int Units(string? text) => text?.Length ?? 0;
}
