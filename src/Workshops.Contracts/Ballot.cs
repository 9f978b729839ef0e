namespace Workshops.Contracts;

/// <summary>
/// One person's votes on one board: their stakeholder group ("" when undeclared) and the
/// ideas they gave at least one dot. People count, not dots.
/// </summary>
public sealed record Ballot(string Group, IReadOnlyCollection<string> IdeaIds);
