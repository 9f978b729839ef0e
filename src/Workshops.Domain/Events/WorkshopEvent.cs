using Workshops.Contracts;

namespace Workshops.Domain.Events;

/// <summary>
/// One change of a workshop, as stored in its log. Persisted: never rename or renumber a member.
/// </summary>
[GenerateSerializer, Alias("Workshops.Domain.WorkshopEvent")]
public abstract record WorkshopEvent
{
    /// <summary>
    /// The event's place in the workshop's log (1, 2, 3...). The fold ignores an event it has
    /// already folded in, so a state may be given the same event twice (see <see cref="Model.WorkshopFold"/>).
    /// </summary>
    [Id(0)] public long Position { get; init; }

    [Id(1)] public DateTimeOffset At { get; init; }

    /// <summary>The staff role that made the change: the fold records it in the audit trail. Null otherwise.</summary>
    [Id(2)] public Role? By { get; init; }
}
