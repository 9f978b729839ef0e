namespace Workshops.Grains;

[GenerateSerializer, Alias("Workshops.EventDirectoryState")]
public sealed class EventDirectoryState
{
    /// <summary>Event id -> when it was created.</summary>
    [Id(0)] public Dictionary<string, DateTimeOffset> Events { get; set; } = [];
}
