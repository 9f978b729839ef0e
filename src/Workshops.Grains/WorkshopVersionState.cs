namespace Workshops.Grains;

/// <summary>
/// Legacy, read-only (see <see cref="LegacyConversion"/>). /// A workshop's version number and tally seqs, stored on their own so that a presence change
/// (people connecting and leaving all day) or a tally announcement writes a few bytes, not the
/// whole workshop. Never rename or renumber a member.
/// </summary>
[GenerateSerializer, Alias("Workshops.WorkshopVersionState")]
public sealed class WorkshopVersionState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public long StaffTallySeq { get; set; }
    [Id(2)] public long ParticipantTallySeq { get; set; }
}
