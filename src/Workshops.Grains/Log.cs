using Microsoft.Extensions.Logging;

namespace Workshops.Grains;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Workshop {WorkshopId}: a write failed; dropping the in-memory state")]
    public static partial void WriteFailed(ILogger logger, Exception error, string workshopId);

    [LoggerMessage(2, LogLevel.Warning, "Workshop {WorkshopId}: a push to server {ServerId} failed; dropped until it renews")]
    public static partial void PushFailed(ILogger logger, Exception error, string workshopId, string serverId);

    [LoggerMessage(3, LogLevel.Warning, "Workshop {WorkshopId}: tallies were not stored")]
    public static partial void TalliesNotStored(ILogger logger, Exception error, string workshopId);

    [LoggerMessage(4, LogLevel.Error, "Event {EventId}: a write failed; dropping the in-memory state")]
    public static partial void EventWriteFailed(ILogger logger, Exception error, string eventId);

    [LoggerMessage(5, LogLevel.Warning, "Event {EventId}: registering in the event directory failed")]
    public static partial void DirectoryFailed(ILogger logger, Exception error, string eventId);
}
