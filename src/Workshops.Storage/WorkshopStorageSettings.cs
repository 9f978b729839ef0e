using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Workshops.Storage;

/// <summary>The <c>Workshops:Storage</c> configuration section, read and checked once at startup.</summary>
public sealed record WorkshopStorageSettings
{
    /// <summary>The configuration section the settings are read from.</summary>
    public const string SectionName = "Workshops:Storage";

    /// <summary>The default Azure Blob container.</summary>
    public const string DefaultAzureContainer = "workshops";

    /// <summary>Gets the configured store.</summary>
    public WorkshopStorageProvider Provider { get; init; } = WorkshopStorageProvider.Sqlite;

    /// <summary>Gets the SQLite file, already made absolute against the current directory.</summary>
    public string SqlitePath { get; init; } = Path.GetFullPath(SqliteGrainStorageOptions.DefaultPath);

    /// <summary>Gets the SQLite durability level.</summary>
    public SqliteSynchronousMode SqliteSynchronous { get; init; } = SqliteSynchronousMode.Full;

    /// <summary>Gets the Azure Storage connection string (required for <see cref="WorkshopStorageProvider.AzureBlob"/>).</summary>
    public string? AzureConnectionString { get; init; }

    /// <summary>Gets the Azure Blob container holding one blob per grain state.</summary>
    public string AzureContainer { get; init; } = DefaultAzureContainer;

    /// <summary>Reads and validates the settings.</summary>
    /// <param name="configuration">The application configuration (root).</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">A value is unknown or a required value is missing.</exception>
    public static WorkshopStorageSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);

        var provider = ParseEnum(section, "Provider", WorkshopStorageProvider.Sqlite);
        var sqlitePath = NullIfBlank(section["SqlitePath"]) ?? SqliteGrainStorageOptions.DefaultPath;
        var synchronous = ParseEnum(section, "SqliteSynchronous", SqliteSynchronousMode.Full);
        var azureConnectionString = NullIfBlank(section["AzureConnectionString"])
            ?? NullIfBlank(configuration.GetConnectionString("AzureStorage"));
        var azureContainer = NullIfBlank(section["AzureContainer"]) ?? DefaultAzureContainer;

        if (provider == WorkshopStorageProvider.AzureBlob && azureConnectionString is null)
        {
            throw new InvalidOperationException(
                $"{SectionName}:Provider is AzureBlob but neither {SectionName}:AzureConnectionString nor ConnectionStrings:AzureStorage is set.");
        }

        return new WorkshopStorageSettings
        {
            Provider = provider,
            SqlitePath = Path.GetFullPath(sqlitePath),
            SqliteSynchronous = synchronous,
            AzureConnectionString = azureConnectionString,
            AzureContainer = azureContainer,
        };
    }

    private static TEnum ParseEnum<TEnum>(IConfigurationSection section, string key, TEnum fallback)
        where TEnum : struct, Enum
    {
        var text = NullIfBlank(section[key]);
        if (text is null)
        {
            return fallback;
        }

        // Names only ("Sqlite", "sqlite"), never numbers: a typo must not silently pick a store.
        if (!char.IsDigit(text.Trim()[0]) && Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var value)
            && Enum.IsDefined(value))
        {
            return value;
        }

        var allowed = string.Join(" | ", Enum.GetNames<TEnum>());
        throw new InvalidOperationException(
            string.Format(CultureInfo.InvariantCulture, "{0}:{1} is '{2}'; expected one of {3}.", SectionName, key, text, allowed));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
