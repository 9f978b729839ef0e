using Workshops.Contracts;
using Workshops.Domain.Events;

namespace Workshops.Domain.Model;

/// <summary>
/// What a command decided: the events to store (already folded into the state it was given;
/// none for a refusal-free no-op or an idempotent replay), what each audience is told once they
/// are stored, and the caller's answer.
/// </summary>
public sealed record Decision<T>(IReadOnlyList<WorkshopEvent> Events, IReadOnlyList<WorkshopNotice> Notices, T Result);
