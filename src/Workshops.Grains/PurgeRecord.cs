using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>One purge in the event's audit: who (null: the retention period), when, how many people. No names.</summary>
[GenerateSerializer, Alias("Workshops.PurgeRecord")]
public sealed class PurgeRecord
{
    [Id(0)] public DateTimeOffset At { get; set; }
    [Id(1)] public Role? Role { get; set; }
    [Id(2)] public int People { get; set; }
}
