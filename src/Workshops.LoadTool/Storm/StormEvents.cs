using Workshops.Contracts;

namespace Workshops.LoadTool.Storm;

/// <summary>The server-to-client events of the contract (PROTOCOL.md section 3).</summary>
internal static class StormEvents
{
    public static readonly string[] Names =
    [
        EventNames.IdeaAdded, EventNames.IdeaChanged, EventNames.IdeaRemoved, EventNames.TalliesChanged,
        EventNames.PhaseChanged, EventNames.TimerChanged, EventNames.OutputChanged, EventNames.PresenceChanged,
        EventNames.SettingsChanged, EventNames.VersionChanged,
    ];
}
