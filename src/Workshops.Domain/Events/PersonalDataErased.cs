namespace Workshops.Domain.Events;

/// <summary>
/// The names of these people were erased (contract section 11): their ideas stay, without author.
/// The grain writes a snapshot right after it, which drops every earlier entry of the log.
/// </summary>
[GenerateSerializer, Alias("Workshops.Domain.PersonalDataErased")]
public sealed record PersonalDataErased : WorkshopEvent
{
    [Id(0)] public required IReadOnlyList<string> ActorKeys { get; init; }

    /// <summary>
    /// How many versions the erasure takes: one per changed idea (each announced as
    /// <c>ideaChanged</c>), or one for a single <c>eventChanged</c> when many ideas changed.
    /// 0 in erasures stored before open pages were told.
    /// </summary>
    [Id(1)] public int Versions { get; init; }
}
