namespace Workshops.Contracts;

/// <summary>Reply to CastVote/RetractVote: my votes on this idea, my votes left on its board.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.VoteReceipt")]
public sealed record VoteReceipt(
    [property: Id(0)] string IdeaId,
    [property: Id(1)] int MyVotes,
    [property: Id(2)] int Remaining);
