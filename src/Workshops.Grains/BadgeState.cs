namespace Workshops.Grains;

[GenerateSerializer, Alias("Workshops.BadgeState")]
public sealed class BadgeState
{
    [Id(0)] public string? EventId { get; set; }
    [Id(1)] public string? BadgeId { get; set; }
}
