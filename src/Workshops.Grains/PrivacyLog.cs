using Microsoft.Extensions.Logging;

namespace Workshops.Grains;

/// <summary>Log messages of the personal-data code (event ids 1300+, apart from <see cref="Log"/>).</summary>
internal static partial class PrivacyLog
{
    [LoggerMessage(1301, LogLevel.Warning, "Event {EventId}: registering the retention reminder failed; tried again at the next activation")]
    public static partial void ReminderFailed(ILogger logger, Exception error, string eventId);

    [LoggerMessage(1302, LogLevel.Information, "Event {EventId}: personal data purged ({People} people, automatic: {Automatic})")]
    public static partial void Purged(ILogger logger, string eventId, int people, bool automatic);

    [LoggerMessage(1303, LogLevel.Warning, "Event {EventId}: the storage scrub after an erasure failed; it runs again with the next erasure")]
    public static partial void ScrubFailed(ILogger logger, Exception error, string eventId);
}
