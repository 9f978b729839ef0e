namespace Workshops.Grains;

/// <summary>Legacy, read-only: part of <see cref="WorkshopState"/>. Never rename or renumber a member.</summary>
public enum OpKind
{
    AddIdea = 0,
    CastVote = 1,
    RetractVote = 2,
}
