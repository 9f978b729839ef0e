using System.Diagnostics;
using Orleans.Storage;
using Workshops.Contracts;

namespace Workshops.Storage.Tests;

/// <summary>
/// Azure Blob through an Azurite outage: the health probe tells, and state written before the
/// outage is there after Azurite comes back on the same folder and ports.
/// </summary>
/// <param name="fixture">An Azurite of this class alone (it gets stopped) and a silo on it.</param>
public sealed class AzureBlobOutageTests(AzureBlobSiloFixture fixture) : IClassFixture<AzureBlobSiloFixture>
{
    [Fact]
    public async Task Probe_reports_the_outage_and_state_survives_an_azurite_restart()
    {
        var services = fixture.Silo.Services;
        var probe = services.GetRequiredService<IStorageHealthProbe>();
        Assert.IsType<AzureBlobStorageHealthProbe>(probe);
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Workshops);
        Assert.Same(storage, services.GetRequiredKeyedService<IGrainStorage>(Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        var grains = services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<ITestStateGrain>("kesinti");
        await grain.Append("önce");
        Assert.True(await probe.CheckAsync(CancellationToken.None));

        await fixture.Azurite.StopAsync();
        try
        {
            Assert.False(fixture.Azurite.IsRunning);
            var clock = Stopwatch.StartNew();
            Assert.False(await probe.CheckAsync(CancellationToken.None));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the probe took {clock.Elapsed}");
        }
        finally
        {
            await fixture.Azurite.StartAsync();
        }

        Assert.True(await probe.CheckAsync(CancellationToken.None));
        var read = new GrainState<TestState>(new TestState());
        await storage.ReadStateAsync("state", grain.GetGrainId(), read);
        Assert.True(read.RecordExists);
        Assert.Equal(["önce"], read.State!.Items);

        await grain.Append("sonra");
        Assert.Equal(["önce", "sonra"], await grain.GetItems());
    }
}
