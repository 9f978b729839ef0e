namespace Workshops.Grains;

[GenerateSerializer, Alias("Workshops.JoinCodeState")]
public sealed class JoinCodeState
{
    [Id(0)] public string? EventId { get; set; }
}
