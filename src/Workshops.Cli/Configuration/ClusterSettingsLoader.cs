using System.Globalization;
using Microsoft.Extensions.Configuration;
using Workshops.ClusterTls;

namespace Workshops.Cli.Configuration;

/// <summary>
/// Reads <see cref="ClusterSettings"/>. Later sources win:
/// built-in defaults, then <c>workshops.json</c> next to the tool, then the file given with
/// <c>--config</c>, then environment variables (<c>Workshops__Cluster__GatewayPort</c>, ...),
/// then command-line options. The same order as a .NET host: files, environment, command line.
/// </summary>
public static class ClusterSettingsLoader
{
    /// <summary>The optional file beside the tool's binaries.</summary>
    public const string DefaultFileName = "workshops.json";

    private const string Section = "Workshops:Cluster:";

    public static ClusterSettings Load(ClusterOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var configuration = Build(overrides.ConfigFile);
        var defaults = new ClusterSettings();

        var mode = overrides.Mode
            ?? (overrides.AzureConnectionString is not null ? ClusterSettings.AzureTableMode : null)
            ?? configuration[Section + "Mode"]
            ?? defaults.Mode;
        mode = NormalizeMode(mode);

        var azure = overrides.AzureConnectionString
            ?? configuration[Section + "AzureConnectionString"]
            // The server falls back to these too (ClusterRegistration), so one file serves both.
            ?? configuration["Workshops:Storage:AzureConnectionString"]
            ?? configuration.GetConnectionString("AzureStorage");

        var settings = new ClusterSettings
        {
            Mode = mode,
            ClusterId = NonEmpty(overrides.ClusterId ?? configuration[Section + "ClusterId"], "cluster id") ?? defaults.ClusterId,
            ServiceId = NonEmpty(overrides.ServiceId ?? configuration[Section + "ServiceId"], "service id") ?? defaults.ServiceId,
            GatewayPort = overrides.GatewayPort ?? ParsePort(configuration[Section + "GatewayPort"]) ?? defaults.GatewayPort,
            AzureConnectionString = string.IsNullOrWhiteSpace(azure) ? null : azure,
            Tls = configuration.GetSection(ClusterTlsOptions.Section).Get<ClusterTlsOptions>() ?? new(),
            ConnectTimeout = overrides.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.ConnectTimeout,
        };

        if (settings.GatewayPort is < 1 or > 65535)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture, $"the gateway port must be between 1 and 65535, not {settings.GatewayPort}"));
        }

        if (overrides.TimeoutSeconds is < 1 or > 600)
        {
            throw Invalid("--timeout must be between 1 and 600 seconds");
        }

        if (settings.IsAzureTable && settings.AzureConnectionString is null)
        {
            throw Invalid("AzureTable mode needs a connection string: --azure-connection-string or Workshops__Cluster__AzureConnectionString");
        }

        return settings;
    }

    private static IConfigurationRoot Build(string? configFile)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, DefaultFileName), optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            var path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw Invalid($"the configuration file {path} does not exist");
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            throw Invalid("a configuration file could not be read: " + (ex.InnerException?.Message ?? ex.Message));
        }
    }

    private static string NormalizeMode(string mode)
    {
        if (string.Equals(mode, ClusterSettings.LocalhostMode, StringComparison.OrdinalIgnoreCase))
        {
            return ClusterSettings.LocalhostMode;
        }

        if (string.Equals(mode, ClusterSettings.AzureTableMode, StringComparison.OrdinalIgnoreCase))
        {
            return ClusterSettings.AzureTableMode;
        }

        throw Invalid($"the cluster mode '{mode}' is not Localhost or AzureTable");
    }

    private static int? ParsePort(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw Invalid($"Workshops:Cluster:GatewayPort '{text}' is not a port number");
    }

    private static string? NonEmpty(string? value, string what)
    {
        if (value is null)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? throw Invalid($"the {what} must not be empty") : value.Trim();
    }

    private static CliException Invalid(string message) => new(ExitCodes.InvalidInput, message);
}
