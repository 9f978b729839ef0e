using Xunit;

namespace Workshops.Testing;

/// <summary>
/// xunit fixture owning one <see cref="Testing.Azurite"/> per test class (or collection):
/// its own ports and folder, so parallel classes never share an emulator.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    /// <summary>Gets the running emulator.</summary>
    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>Gets the emulator's connection string.</summary>
    public string ConnectionString => Azurite.ConnectionString;

    /// <inheritdoc />
    public async Task InitializeAsync() => _azurite = await Azurite.StartNewAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
