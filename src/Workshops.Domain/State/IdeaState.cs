using Workshops.Contracts;

namespace Workshops.Domain.State;

[GenerateSerializer, Alias("Workshops.Domain.IdeaState")]
public sealed class IdeaState
{
    [Id(0)] public string IdeaId { get; set; } = "";
    [Id(1)] public string BoardId { get; set; } = "";
    [Id(2)] public string Text { get; set; } = "";
    [Id(3)] public string AuthorKey { get; set; } = "";
    [Id(4)] public string? AuthorName { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public IdeaStatus Status { get; set; }
    [Id(7)] public string? MergedInto { get; set; }
    /// <summary>Raised hands counted in the room (section 9); each counts as one dot in the ranking.</summary>
    [Id(8)] public int HallVotes { get; set; }
    [Id(9)] public IdeaSource Source { get; set; }

    /// <summary>The participant id of the author ("p:" + id), or null for a staff author.</summary>
    public string? ParticipantAuthor =>
        AuthorKey.StartsWith("p:", StringComparison.Ordinal) ? AuthorKey[2..] : null;
}
