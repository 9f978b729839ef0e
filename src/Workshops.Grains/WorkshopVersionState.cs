namespace Workshops.Grains;

/// <summary>
/// A workshop's version number, stored on its own so that a presence change (people connecting
/// and leaving all day) writes a few bytes, not the whole workshop. Never rename or renumber a member.
/// </summary>
[GenerateSerializer, Alias("Workshops.WorkshopVersionState")]
public sealed class WorkshopVersionState
{
    [Id(0)] public long Version { get; set; }
}
