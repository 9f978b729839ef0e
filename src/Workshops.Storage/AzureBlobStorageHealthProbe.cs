using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace Workshops.Storage;

/// <summary>Asks Azure Blob storage whether the grain container exists, without retries.</summary>
public sealed partial class AzureBlobStorageHealthProbe : IStorageHealthProbe
{
    private readonly BlobContainerClient _container;
    private readonly ILogger<AzureBlobStorageHealthProbe> _logger;

    /// <summary>Initializes a new instance of the <see cref="AzureBlobStorageHealthProbe"/> class.</summary>
    /// <param name="connectionString">The Azure Storage connection string.</param>
    /// <param name="containerName">The grain state container.</param>
    /// <param name="logger">The logger.</param>
    public AzureBlobStorageHealthProbe(string connectionString, string containerName, ILogger<AzureBlobStorageHealthProbe> logger)
    {
        // A health check must answer quickly: one attempt, short network timeout.
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        _container = new BlobContainerClient(connectionString, containerName, options);
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var exists = await _container.ExistsAsync(cancellationToken);
            return exists.Value;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnhealthy(exception, _container.Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure Blob grain container {Container} does not answer")]
    private partial void LogUnhealthy(Exception exception, string container);
}
