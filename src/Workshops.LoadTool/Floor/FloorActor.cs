using Workshops.Contracts;

namespace Workshops.LoadTool.Floor;

/// <summary>One person's votes in one workshop, and the answers to their clientOpIds.</summary>
internal sealed class FloorActor
{
    public Dictionary<string, int> Votes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (bool Cast, VoteReceipt Receipt)> Ops { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Idea> IdeaOps { get; } = new(StringComparer.Ordinal);
}
