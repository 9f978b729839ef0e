namespace Workshops.Domain.State;

/// <summary>What an operation with a clientOpId did, so that a re-send returns it again.</summary>
[GenerateSerializer, Alias("Workshops.Domain.OpState")]
public sealed class OpState
{
    [Id(0)] public OpKind Kind { get; set; }
    [Id(1)] public string IdeaId { get; set; } = "";
    [Id(2)] public int MyVotes { get; set; }
    [Id(3)] public int Remaining { get; set; }
    [Id(4)] public long Sequence { get; set; }
}
