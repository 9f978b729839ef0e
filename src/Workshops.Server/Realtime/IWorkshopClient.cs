using Workshops.Contracts;

namespace Workshops.Server.Realtime;

/// <summary>
/// The events a browser receives (PROTOCOL.md section 3). Method names are the wire names
/// exactly, camelCase, because the .NET SignalR client matches handler names ordinally.
/// </summary>
#pragma warning disable IDE1006 // Wire names, not C# names.
public interface IWorkshopClient
{
    Task ideaAdded(IdeaEvent e);

    Task ideaChanged(IdeaEvent e);

    Task ideaRemoved(IdeaRemovedEvent e);

    /// <summary>The tally stream: carries its audience's seq, no version.</summary>
    Task talliesChanged(TalliesChangedEvent e);

    Task phaseChanged(PhaseChangedEvent e);

    Task timerChanged(TimerChangedEvent e);

    Task outputChanged(OutputChangedEvent e);

    Task presenceChanged(PresenceChangedEvent e);

    /// <summary>Added to the contract.</summary>
    Task settingsChanged(SettingsChangedEvent e);

    /// <summary>Added to the contract: the version moved on through a change this viewer may not see (never a vote).</summary>
    Task versionChanged(VersionChangedEvent e);

    /// <summary>Added: the event's program changed; fetch the event and the workshop again.</summary>
    Task eventChanged(EventChangedEvent e);

    /// <summary>Added, to every connection of a deleted event, just before it is closed.</summary>
    Task eventDeleted(EventDeletedEvent e);

    /// <summary>Added, to a connection whose token was revoked (key replaced), just before it is closed.</summary>
    Task tokenRevoked(TokenRevokedEvent e);
}
#pragma warning restore IDE1006
