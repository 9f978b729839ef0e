using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Workshops.Contracts;

namespace Workshops.Storage;

/// <summary>
/// What contract section 11 needs from storage, per provider: a durable reminder service (the
/// automatic purge must survive restarts and run once in a cluster) and the scrub after erasure.
/// </summary>
public static class PrivacyStorageRegistration
{
    /// <summary>The retention reminder's period (also read by the event grain); tests set seconds.</summary>
    public const string CheckPeriodKey = "Workshops:Privacy:RetentionCheckPeriod";

    /// <summary>
    /// SQLite: reminders in the same file (<see cref="SqliteReminderTable"/>) and
    /// <see cref="SqliteDataScrubber"/>. Azure Blob: reminders in Azure Table
    /// (<c>Microsoft.Orleans.Reminders.AzureStorage</c>) on the same account. Memory: Orleans'
    /// in-memory reminders (tests, demo; they die with the process, like the data).
    /// </summary>
    public static ISiloBuilder AddWorkshopPrivacyStorage(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = WorkshopStorageSettings.FromConfiguration(configuration);
        switch (settings.Provider)
        {
            case WorkshopStorageProvider.Sqlite:
                builder.AddReminders();
                builder.Services.AddSingleton<IReminderTable>(sp => new SqliteReminderTable(settings.SqlitePath, sp.GetRequiredService<IOptions<ClusterOptions>>()));
                builder.Services.AddSingleton<IDataScrubber>(new SqliteDataScrubber(settings.SqlitePath));
                break;
            case WorkshopStorageProvider.AzureBlob:
                builder.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(settings.AzureConnectionString));
                builder.Services.AddSingleton<IDataScrubber, NoDataScrubber>();
                break;
            default:
                builder.UseInMemoryReminderService();
                builder.Services.AddSingleton<IDataScrubber, NoDataScrubber>();
                break;
        }

        // Reminder ticks keep wall-clock time even where a test host injects a fake clock: the tick only
        // wakes the event, which decides on the injected TimeProvider whether the period is over.
        builder.Services.AddKeyedSingleton(Orleans.Reminders.ReminderTimeProviderNames.Reminders, TimeProvider.System);

        // Orleans refuses reminder periods under a minute unless told; a test's period of seconds is meant.
        if (configuration.GetValue<TimeSpan?>(CheckPeriodKey) is { } period && period < TimeSpan.FromMinutes(1))
        {
            builder.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = period);
        }

        return builder;
    }
}
