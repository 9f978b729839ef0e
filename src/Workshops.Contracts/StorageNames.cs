namespace Workshops.Contracts;

/// <summary>Names shared by the grains and the host's storage registration.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider every Workshops grain persists through.</summary>
    public const string Workshops = "workshops";

    /// <summary>
    /// The log-consistency provider (Orleans' <c>CustomStorage</c>) of the event-sourced workshop
    /// grain, which keeps its log in <see cref="IEventLogStore"/>.
    /// </summary>
    public const string WorkshopLog = "workshop-log";
}
