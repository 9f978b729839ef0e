namespace Workshops.Domain.State;

public enum OpKind
{
    AddIdea = 0,
    CastVote = 1,
    RetractVote = 2,
}
