using Azure.Storage.Blobs;
using Workshops.Testing;

namespace Workshops.Storage.Tests;

/// <summary>An Azurite of the test class's own, and event log stores on one container of it.</summary>
public sealed class AzureEventLogFixture : IAsyncLifetime
{
    /// <summary>The block threshold of the stores: small, so that tests roll generations quickly.</summary>
    public const int MaxBlocksPerGeneration = 4;

    private readonly AzuriteFixture _azurite = new();

    /// <summary>Gets the container the stores write to.</summary>
    public BlobContainerClient Container { get; private set; } = null!;

    /// <summary>Gets one store.</summary>
    public AzureEventLogStore Store { get; private set; } = null!;

    /// <summary>Gets a second store on the same container, with its own caches (another server, as far as it can tell).</summary>
    public AzureEventLogStore OtherWriter { get; private set; } = null!;

    /// <summary>Creates another store on the container.</summary>
    /// <param name="statistics">Where it counts; null for a fresh counter.</param>
    /// <returns>The store.</returns>
    public AzureEventLogStore NewStore(EventLogStatistics? statistics = null) => new(
        new BlobContainerClient(_azurite.ConnectionString, Container.Name),
        new AzureEventLogOptions { MaxBlocksPerGeneration = MaxBlocksPerGeneration },
        statistics ?? new EventLogStatistics());

    /// <summary>Returns the names of every blob of a stream, sorted.</summary>
    /// <param name="streamId">The stream.</param>
    /// <returns>The names, without the stream's prefix.</returns>
    public async Task<List<string>> BlobNamesAsync(string streamId)
    {
        var prefix = Store.StreamPrefix(streamId);
        var names = new List<string>();
        await foreach (var item in Container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            names.Add(item.Name[prefix.Length..]);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Whether any blob of the stream holds <paramref name="bytes"/>.</summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="bytes">What to look for.</param>
    /// <returns>True when found.</returns>
    public async Task<bool> HoldsAsync(string streamId, byte[] bytes)
    {
        var prefix = Store.StreamPrefix(streamId);
        foreach (var name in await BlobNamesAsync(streamId))
        {
            var content = await Container.GetBlobClient(prefix + name).DownloadContentAsync();
            if (content.Value.Content.ToMemory().Span.IndexOf(bytes) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Container = new BlobContainerClient(_azurite.ConnectionString, "eventlog-tests");
        Store = NewStore();
        OtherWriter = NewStore();
    }

    /// <inheritdoc />
    public Task DisposeAsync() => _azurite.DisposeAsync();
}
