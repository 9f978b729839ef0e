using Workshops.Testing;

namespace Workshops.Storage.Tests;

/// <summary>Azure Blob stores on a real Azurite of this fixture's own (through the shared AzuriteFixture): one container per store name.</summary>
public sealed class AzureBlobSiloFixture : StorageSiloFixture
{
    private readonly AzuriteFixture _azurite = new();

    /// <summary>Gets the emulator.</summary>
    public Azurite Azurite => _azurite.Azurite;

    /// <inheritdoc />
    public override Dictionary<string, string?> StoreSettings(string storeName) => new()
    {
        ["Workshops:Storage:Provider"] = "AzureBlob",
        ["Workshops:Storage:AzureConnectionString"] = Azurite.ConnectionString,
        ["Workshops:Storage:AzureContainer"] = $"workshops-{storeName}",
    };

    /// <inheritdoc />
    protected override Task StartStoreAsync() => _azurite.InitializeAsync();

    /// <inheritdoc />
    protected override Task DisposeStoreAsync() => _azurite.DisposeAsync();
}
