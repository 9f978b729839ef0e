using Workshops.Contracts;

namespace Workshops.Domain.State;

[GenerateSerializer, Alias("Workshops.Domain.AuditState")]
public sealed class AuditState
{
    [Id(0)] public DateTimeOffset At { get; set; }
    [Id(1)] public Role Role { get; set; }
    [Id(2)] public string Action { get; set; } = "";
    [Id(3)] public string? IdeaId { get; set; }
    [Id(4)] public string? Detail { get; set; }
}
