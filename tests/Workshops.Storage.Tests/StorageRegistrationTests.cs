using Microsoft.Extensions.Configuration;
using Orleans.Providers;
using Orleans.Storage;
using Workshops.Contracts;

namespace Workshops.Storage.Tests;

/// <summary>How <c>AddWorkshopStorage</c> reads <c>Workshops:Storage</c>.</summary>
public sealed class StorageRegistrationTests
{
    [Fact]
    public void Unknown_provider_name_fails_at_startup_naming_the_key_and_the_choices()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => TestSilo.Build(new Dictionary<string, string?>
        {
            ["Workshops:Storage:Provider"] = "AzureTable",
        }));

        Assert.Contains("Workshops:Storage:Provider", exception.Message, StringComparison.Ordinal);
        Assert.Contains("AzureTable", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite | AzureBlob | Memory", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numeric_provider_value_is_refused_rather_than_mapped_to_a_store()
    {
        Assert.Throws<InvalidOperationException>(() => Settings(new() { ["Workshops:Storage:Provider"] = "1" }));
    }

    [Fact]
    public void Azure_blob_without_a_connection_string_fails_at_startup()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => TestSilo.Build(new Dictionary<string, string?>
        {
            ["Workshops:Storage:Provider"] = "AzureBlob",
        }));

        Assert.Contains("AzureConnectionString", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_configuration_means_sqlite_at_data_workshops_db_under_the_current_directory()
    {
        var settings = Settings([]);

        Assert.Equal(WorkshopStorageProvider.Sqlite, settings.Provider);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data", "workshops.db"), settings.SqlitePath);
        Assert.Equal(SqliteSynchronousMode.Full, settings.SqliteSynchronous);
        Assert.Equal("workshops", settings.AzureContainer);
        Assert.Null(settings.AzureConnectionString);
    }

    [Fact]
    public void Provider_names_are_matched_ignoring_case_even_under_turkish_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("tr-TR");
        try
        {
            Assert.Equal(WorkshopStorageProvider.Sqlite, Settings(new() { ["Workshops:Storage:Provider"] = "SQLITE" }).Provider);
            Assert.Equal(WorkshopStorageProvider.Memory, Settings(new() { ["Workshops:Storage:Provider"] = "memory" }).Provider);
            Assert.Equal(SqliteSynchronousMode.Normal, Settings(new() { ["Workshops:Storage:SqliteSynchronous"] = "NORMAL" }).SqliteSynchronous);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Azure_connection_string_falls_back_to_connection_strings_azure_storage()
    {
        var settings = Settings(new()
        {
            ["Workshops:Storage:Provider"] = "AzureBlob",
            ["ConnectionStrings:AzureStorage"] = "UseDevelopmentStorage=true",
            ["Workshops:Storage:AzureContainer"] = "atolye",
        });

        Assert.Equal("UseDevelopmentStorage=true", settings.AzureConnectionString);
        Assert.Equal("atolye", settings.AzureContainer);

        var explicitWins = Settings(new()
        {
            ["Workshops:Storage:AzureConnectionString"] = "explicit",
            ["ConnectionStrings:AzureStorage"] = "fallback",
        });
        Assert.Equal("explicit", explicitWins.AzureConnectionString);
    }

    [Fact]
    public void Relative_sqlite_path_is_resolved_against_the_current_directory()
    {
        var settings = Settings(new() { ["Workshops:Storage:SqlitePath"] = Path.Combine("state", "w.db") });

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "state", "w.db"), settings.SqlitePath);
    }

    [Fact]
    public async Task Memory_provider_persists_within_the_silo_and_is_also_the_default()
    {
        var silo = await TestSilo.StartAsync(new Dictionary<string, string?> { ["Workshops:Storage:Provider"] = "Memory" });
        try
        {
            var services = silo.Services;
            var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Workshops);
            Assert.IsType<MemoryGrainStorage>(storage);
            Assert.Same(storage, services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
            Assert.True(await services.GetRequiredService<IStorageHealthProbe>().CheckAsync(CancellationToken.None));

            var grains = services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<ITestStateGrain>("bellek").Append("şimdilik");
            var read = new GrainState<TestState>(new TestState());
            await storage.ReadStateAsync("state", grains.GetGrain<ITestStateGrain>("bellek").GetGrainId(), read);
            Assert.Equal(["şimdilik"], read.State!.Items);
        }
        finally
        {
            await TestSilo.StopAsync(silo);
        }
    }

    [Theory]
    [InlineData("Memory", typeof(MemoryEventLogStore))]
    [InlineData("Sqlite", typeof(SqliteEventLogStore))]
    [InlineData("AzureBlob", typeof(AzureEventLogStore))]
    public void Each_provider_registers_its_event_log_store_the_statistics_and_the_workshop_log_provider(string provider, Type store)
    {
        using var folder = new Workshops.Testing.TempDirectory("registration");
        using var host = TestSilo.Build(new Dictionary<string, string?>
        {
            ["Workshops:Storage:Provider"] = provider,
            ["Workshops:Storage:SqlitePath"] = folder.Combine("workshops.db"),
            ["Workshops:Storage:AzureConnectionString"] = "UseDevelopmentStorage=true",
        });
        var services = host.Services;

        Assert.IsType(store, services.GetRequiredService<IEventLogStore>());
        Assert.Same(services.GetRequiredService<IEventLogStore>(), services.GetRequiredService<IEventLogStore>());
        Assert.Same(services.GetRequiredService<EventLogStatistics>(), services.GetRequiredService<EventLogStatistics>());
        Assert.NotNull(services.GetKeyedService<Orleans.EventSourcing.ILogViewAdaptorFactory>(StorageNames.WorkshopLog));
    }

    private static WorkshopStorageSettings Settings(Dictionary<string, string?> values) =>
        WorkshopStorageSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
