namespace Workshops.Benchmarks;

/// <summary>An idea voters may vote on, and the index of its board.</summary>
internal sealed record BenchIdea(string IdeaId, int Board);
