using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Workshops.Contracts;

namespace Workshops.Storage;

/// <summary>Registers the Workshops grain storage the configuration names.</summary>
public static class StorageRegistration
{
    /// <summary>
    /// Adds the grain storage provider <see cref="StorageNames.Workshops"/> (also the default provider)
    /// on the store named by <c>Workshops:Storage:Provider</c>, the <see cref="IEventLogStore"/> on the
    /// same store with its <see cref="EventLogStatistics"/>, the log-consistency provider
    /// <see cref="StorageNames.WorkshopLog"/> (Orleans' CustomStorage: the journaled grain reads and
    /// writes its log itself), and an <see cref="IStorageHealthProbe"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configuration">The application configuration (root).</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="InvalidOperationException">The configuration names an unknown store or lacks a required value.</exception>
    public static ISiloBuilder AddWorkshopStorage(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = WorkshopStorageSettings.FromConfiguration(configuration);
        var services = builder.Services;
        services.TryAddSingleton(settings);
        services.TryAddSingleton<EventLogStatistics>();
        builder.AddCustomStorageBasedLogConsistencyProvider(StorageNames.WorkshopLog);

        switch (settings.Provider)
        {
            case WorkshopStorageProvider.Sqlite:
                AddSqlite(services, settings);
                break;
            case WorkshopStorageProvider.AzureBlob:
                AddAzureBlob(builder, settings);
                break;
            case WorkshopStorageProvider.Memory:
                builder.AddMemoryGrainStorage(StorageNames.Workshops, options => options.Configure<Serializer>(UseOrleansSerializer));
                services.AddSingleton<IEventLogStore, MemoryEventLogStore>();
                services.AddSingleton<IStorageHealthProbe, MemoryStorageHealthProbe>();
                break;
            default:
                throw new InvalidOperationException($"Unsupported storage provider {settings.Provider}.");
        }

        // Grains that name no provider land in the same store.
        services.AddKeyedSingleton<IGrainStorage>(
            ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            static (sp, _) => sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.Workshops));
        services.TryAddSingleton<IGrainStorage>(static sp => sp.GetRequiredKeyedService<IGrainStorage>(StorageNames.Workshops));
        return builder;
    }

    private static void AddSqlite(IServiceCollection services, WorkshopStorageSettings settings)
    {
        // One writer per file: the grain storage and the event log store share its transactions.
        services.AddSingleton(sp => new SqliteWriter(settings.SqlitePath, settings.SqliteSynchronous, sp.GetRequiredService<ILogger<SqliteWriter>>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SqliteWriter>());
        services.AddOptions<SqliteGrainStorageOptions>(StorageNames.Workshops)
            .Configure<Serializer>(UseOrleansSerializer);
        services.AddTransient<IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>();
        services.AddGrainStorage(StorageNames.Workshops, SqliteGrainStorage.Create);
        services.AddSingleton<SqliteEventLogStore>();
        services.AddSingleton<IEventLogStore>(sp => sp.GetRequiredService<SqliteEventLogStore>());
        services.AddSingleton<IStorageHealthProbe>(sp => new SqliteStorageHealthProbe(
            settings.SqlitePath,
            sp.GetRequiredService<ILogger<SqliteStorageHealthProbe>>()));
    }

    private static void AddAzureBlob(ISiloBuilder builder, WorkshopStorageSettings settings)
    {
        var connectionString = settings.AzureConnectionString!;

        // Blob, not Table: a table entity stops near 1 MB and a busy workshop's state can outgrow it.
        builder.AddAzureBlobGrainStorage(StorageNames.Workshops, options => options.Configure<Serializer>((blob, serializer) =>
        {
            blob.BlobServiceClient = new BlobServiceClient(connectionString);
            blob.ContainerName = settings.AzureContainer;

            // A deleted event must leave no blob behind (the default writes an empty one).
            blob.DeleteStateOnClear = true;
            UseOrleansSerializer(blob, serializer);
        }));
        builder.Services.AddSingleton<IEventLogStore>(sp => new AzureEventLogStore(
            new BlobContainerClient(connectionString, settings.AzureContainer),
            new AzureEventLogOptions(),
            sp.GetRequiredService<EventLogStatistics>()));
        builder.Services.AddSingleton<IStorageHealthProbe>(sp => new AzureBlobStorageHealthProbe(
            connectionString,
            settings.AzureContainer,
            sp.GetRequiredService<ILogger<AzureBlobStorageHealthProbe>>()));
    }

    // State types are [GenerateSerializer] with [Id]s: the Orleans serializer keeps them version tolerant,
    // where Orleans' default (Newtonsoft JSON) would ignore the ids.
    private static void UseOrleansSerializer(IStorageProviderSerializerOptions options, Serializer serializer) =>
        options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
}
