namespace Workshops.Cluster.Tests;

/// <summary>A workshop of a <see cref="StormScene"/>: its facilitator's token and its ideas, board by board.</summary>
internal sealed record SceneWorkshop(string WorkshopId, string FacilitatorToken, IReadOnlyList<IReadOnlyList<string>> IdeasByBoard);
