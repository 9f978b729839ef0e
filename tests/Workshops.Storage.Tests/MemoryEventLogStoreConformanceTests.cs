using Workshops.Contracts;

namespace Workshops.Storage.Tests;

/// <summary>The event log conformance suite on the in-memory store.</summary>
public sealed class MemoryEventLogStoreConformanceTests : EventLogStoreConformanceTests
{
    private readonly MemoryEventLogStore _store = new(new EventLogStatistics());

    /// <inheritdoc />
    protected override IEventLogStore Store => _store;

    /// <inheritdoc />
    protected override Task<bool> HoldsAsync(string streamId, byte[] bytes) =>
        Task.FromResult(_store.HeldEntries(streamId).Any(e => Contains(e, bytes)));
}
