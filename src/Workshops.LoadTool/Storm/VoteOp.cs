namespace Workshops.LoadTool.Storm;

/// <summary>One dot a participant casts: the same clientOpId on every re-send.</summary>
internal sealed class VoteOp(string opId, string ideaId)
{
    public string OpId { get; } = opId;

    public string IdeaId { get; } = ideaId;

    /// <summary>When it was first sent; latency counts from here, re-sends included.</summary>
    public long FirstSentAt { get; set; }

    /// <summary>It was sent and the answer was lost: the server may hold it.</summary>
    public bool OutcomeUnknown { get; set; }
}
