using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>A server subscribed to a workshop's changes, and the people it holds connections for.</summary>
internal sealed record Subscriber(string ServerId, IWorkshopObserver Observer, DateTimeOffset RenewedAt, IReadOnlySet<string> Participants);
