using Workshops.Testing;

namespace Workshops.Storage.Tests;

/// <summary>SQLite stores: one file per store name in a temp folder (in a subfolder the provider must create).</summary>
public sealed class SqliteSiloFixture : StorageSiloFixture, IDisposable
{
    private TempDirectory? _directory;

    /// <summary>Returns the database file of a store.</summary>
    /// <param name="storeName">The store.</param>
    /// <returns>The absolute path.</returns>
    public string DatabasePath(string storeName) =>
        (_directory ?? throw new InvalidOperationException("The fixture is not initialized."))
            .Combine(Path.Combine(storeName, "workshops.db"));

    /// <inheritdoc />
    public override Dictionary<string, string?> StoreSettings(string storeName) => new()
    {
        ["Workshops:Storage:Provider"] = "Sqlite",
        ["Workshops:Storage:SqlitePath"] = DatabasePath(storeName),
    };

    /// <inheritdoc />
    protected override Task StartStoreAsync()
    {
        _directory = new TempDirectory("sqlite-storage");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _directory?.Dispose();

    /// <inheritdoc />
    protected override Task DisposeStoreAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }
}
