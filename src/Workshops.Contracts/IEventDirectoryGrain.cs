namespace Workshops.Contracts;

/// <summary>
/// Singleton (key 0): every event that exists, so that GET /api/events lists them without a
/// storage scan. Events add themselves when created (or first activated) and leave when deleted.
/// </summary>
public interface IEventDirectoryGrain : IGrainWithIntegerKey
{
    Task Add(string eventId, DateTimeOffset createdAt);

    Task Remove(string eventId);

    /// <summary>The event ids, newest first.</summary>
    Task<IReadOnlyList<string>> List();
}
