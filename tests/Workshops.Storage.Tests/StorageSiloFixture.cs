using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Workshops.Contracts;

namespace Workshops.Storage.Tests;

/// <summary>One store and one running silo on it, shared by the tests of a class.</summary>
public abstract class StorageSiloFixture : IAsyncLifetime
{
    private IHost? _silo;

    /// <summary>Gets the running silo.</summary>
    public IHost Silo => _silo ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>Gets the Workshops grain storage of the running silo (the keyed service, as grains get it).</summary>
    public IGrainStorage Storage => Silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Workshops);

    /// <summary>Returns the configuration of a store; the same <paramref name="storeName"/> means the same data.</summary>
    /// <param name="storeName">A lowercase name (letters, digits, hyphens) that tells stores apart.</param>
    /// <returns>The configuration keys.</returns>
    public abstract Dictionary<string, string?> StoreSettings(string storeName);

    /// <summary>Starts another silo on the store named <paramref name="storeName"/>.</summary>
    /// <param name="storeName">The store.</param>
    /// <returns>The started host.</returns>
    public Task<IHost> StartSiloAsync(string storeName) => TestSilo.StartAsync(StoreSettings(storeName));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await StartStoreAsync();
        _silo = await StartSiloAsync("main");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await TestSilo.StopAsync(_silo);
        }

        await DisposeStoreAsync();
    }

    /// <summary>Starts whatever the store needs before a silo can use it.</summary>
    /// <returns>A task.</returns>
    protected virtual Task StartStoreAsync() => Task.CompletedTask;

    /// <summary>Releases the store.</summary>
    /// <returns>A task.</returns>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;
}
