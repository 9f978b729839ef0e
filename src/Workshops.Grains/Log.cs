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

    [LoggerMessage(6, LogLevel.Warning, "Workshop {WorkshopId}: a snapshot was not written; the log keeps its entries")]
    public static partial void SnapshotFailed(ILogger logger, Exception error, string workshopId);

    [LoggerMessage(7, LogLevel.Information, "Workshop {WorkshopId}: converted the legacy record into the event log")]
    public static partial void LegacyConverted(ILogger logger, string workshopId);

    [LoggerMessage(8, LogLevel.Error, "Workshop {WorkshopId}: reading the event log failed; the activation serves nothing")]
    public static partial void ReadFailed(ILogger logger, Exception error, string workshopId);

    [LoggerMessage(9, LogLevel.Error, "Workshop {WorkshopId}: a vote of a batch failed")]
    public static partial void VoteFailed(ILogger logger, Exception error, string workshopId);
}
