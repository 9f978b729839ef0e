namespace Workshops.Grains;

[GenerateSerializer, Alias("Workshops.ParticipantRecord")]
public sealed class ParticipantRecord
{
    [Id(0)] public string? DisplayName { get; set; }
    [Id(1)] public string? Organization { get; set; }
    [Id(2)] public string? Group { get; set; }
    [Id(3)] public DateTimeOffset JoinedAt { get; set; }
    /// <summary>Added (section 8): the badge this participant is; null for those who joined with the code.</summary>
    [Id(4)] public string? BadgeId { get; set; }
}
