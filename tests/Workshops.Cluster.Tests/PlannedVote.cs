namespace Workshops.Cluster.Tests;

/// <summary>One vote a participant will cast, with the clientOpId it keeps across re-sends.</summary>
internal sealed record PlannedVote(string IdeaId, string ClientOpId);
