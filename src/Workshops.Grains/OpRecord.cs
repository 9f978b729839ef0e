namespace Workshops.Grains;

/// <summary>Legacy, read-only: part of <see cref="WorkshopState"/>. Never rename or renumber a member.</summary>
[GenerateSerializer, Alias("Workshops.OpRecord")]
public sealed class OpRecord
{
    [Id(0)] public OpKind Kind { get; set; }
    [Id(1)] public string IdeaId { get; set; } = "";
    [Id(2)] public int MyVotes { get; set; }
    [Id(3)] public int Remaining { get; set; }
    [Id(4)] public long Sequence { get; set; }
}
