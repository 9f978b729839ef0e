using Workshops.Contracts;

namespace Workshops.Storage.Tests;

/// <summary>The event log conformance suite on Azure Blob storage (Azurite), with two writers that share nothing but the container.</summary>
/// <param name="fixture">Azurite and the stores.</param>
public sealed class AzureEventLogStoreConformanceTests(AzureEventLogFixture fixture)
    : EventLogStoreConformanceTests, IClassFixture<AzureEventLogFixture>
{
    /// <inheritdoc />
    protected override IEventLogStore Store => fixture.Store;

    /// <inheritdoc />
    protected override IEventLogStore OtherWriter => fixture.OtherWriter;

    /// <inheritdoc />
    protected override int LargeEntryBytes => 2 * 1024 * 1024;

    /// <inheritdoc />
    protected override Task<bool> HoldsAsync(string streamId, byte[] bytes) => fixture.HoldsAsync(streamId, bytes);
}
