using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>Legacy, read-only: part of <see cref="WorkshopState"/>. Never rename or renumber a member.</summary>
[GenerateSerializer, Alias("Workshops.AuditRecord")]
public sealed class AuditRecord
{
    [Id(0)] public DateTimeOffset At { get; set; }
    [Id(1)] public Role Role { get; set; }
    [Id(2)] public string Action { get; set; } = "";
    [Id(3)] public string? IdeaId { get; set; }
    [Id(4)] public string? Detail { get; set; }
}
