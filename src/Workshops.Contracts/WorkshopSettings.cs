namespace Workshops.Contracts;

/// <summary>Voting and idea rules of a workshop (PROTOCOL.md section 2, <c>settings</c>).</summary>
[GenerateSerializer, Immutable, Alias("Workshops.WorkshopSettings")]
public sealed record WorkshopSettings
{
    [Id(0)] public int VotesPerBoard { get; init; } = 3;
    [Id(1)] public int MaxVotesPerIdea { get; init; } = 1;
    [Id(2)] public bool AnonymousIdeas { get; init; } = true;
    [Id(3)] public bool LiveResults { get; init; }
    [Id(4)] public int MaxIdeaLength { get; init; } = 280;

    /// <summary>
    /// How people join the event (PROTOCOL.md section 8): with its shared join code ("code") or only
    /// with a personal badge ("badge"). An event's setting; a workshop carries it unused.
    /// </summary>
    [Id(5)] public string JoinWith { get; init; } = JoinWithCode;

    public static WorkshopSettings Default { get; } = new();

    public const int MaxVotesPerBoardLimit = 100;
    public const int MinIdeaLengthLimit = 10;
    public const int MaxIdeaLengthLimit = 2000;
    public const string JoinWithCode = "code";
    public const string JoinWithBadge = "badge";

    /// <summary>Null when valid, else a sentence saying what is wrong.</summary>
    public string? Validate()
    {
        if (VotesPerBoard is < 1 or > MaxVotesPerBoardLimit)
        {
            return $"votesPerBoard must be between 1 and {MaxVotesPerBoardLimit}";
        }

        if (MaxVotesPerIdea < 1 || MaxVotesPerIdea > VotesPerBoard)
        {
            return "maxVotesPerIdea must be between 1 and votesPerBoard";
        }

        if (MaxIdeaLength is < MinIdeaLengthLimit or > MaxIdeaLengthLimit)
        {
            return $"maxIdeaLength must be between {MinIdeaLengthLimit} and {MaxIdeaLengthLimit}";
        }

        if (JoinWith is not (null or JoinWithCode or JoinWithBadge))
        {
            return $"joinWith must be \"{JoinWithCode}\" or \"{JoinWithBadge}\"";
        }

        return null;
    }
}
