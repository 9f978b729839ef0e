namespace Workshops.Cluster.Tests;

/// <summary>A joined participant of a <see cref="StormScene"/>: the server it starts on and the votes it will cast.</summary>
internal sealed record SceneParticipant(int Number, string Token, string ParticipantId, string WorkshopId, int HomeServer, IReadOnlyList<PlannedVote> Plan);
