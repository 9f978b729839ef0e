namespace Workshops.Contracts;

/// <summary>
/// One vote of a batch that a server hands to a workshop in one grain call
/// (<see cref="IWorkshopGrain.ChangeVotes"/>): the vote storm's commonest command, carried many
/// to a call because the Orleans call itself, not the vote, was most of a vote's CPU.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.VoteRequest")]
public sealed record VoteRequest(
    [property: Id(0)] Caller Caller,
    [property: Id(1)] string IdeaId,
    [property: Id(2)] string ClientOpId,
    [property: Id(3)] bool Cast);

/// <summary>
/// What became of one <see cref="VoteRequest"/>: its receipt, or the refusal's contract error code
/// and message. Neither means the vote failed unexpectedly (the grain logged why).
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.VoteOutcome")]
public sealed record VoteOutcome(
    [property: Id(0)] VoteReceipt? Receipt,
    [property: Id(1)] string? ErrorCode,
    [property: Id(2)] string? ErrorMessage);
