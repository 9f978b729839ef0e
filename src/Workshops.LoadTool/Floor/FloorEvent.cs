using Workshops.Contracts;

namespace Workshops.LoadTool.Floor;

/// <summary>An event on the floor: its codes, keys and workshops.</summary>
internal sealed record FloorEvent(
    string EventId,
    string Title,
    string JoinCode,
    string ModeratorKey,
    IReadOnlyList<string> OutputAreas,
    IReadOnlyList<FloorWorkshop> Workshops,
    Dictionary<string, string> FacilitatorKeys)
{
    public Dictionary<string, string?> Participants { get; } = new(StringComparer.Ordinal);

    public WorkshopSettings Settings { get; init; } = WorkshopSettings.Default;
}
