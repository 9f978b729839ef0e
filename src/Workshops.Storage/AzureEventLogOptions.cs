namespace Workshops.Storage;

/// <summary>Options of <see cref="AzureEventLogStore"/>.</summary>
public sealed class AzureEventLogOptions
{
    /// <summary>Azure's limit of blocks in one append blob.</summary>
    public const int AzureBlockLimit = 50_000;

    /// <summary>Gets or sets the prefix of every event log blob in the container.</summary>
    public string BlobPrefix { get; set; } = "eventlog/";

    /// <summary>
    /// Gets or sets how many blocks a log generation takes before the next append starts a new one.
    /// Below <see cref="AzureBlockLimit"/>, with room for the block that links to the next generation;
    /// small values make tests reach a roll quickly.
    /// </summary>
    public int MaxBlocksPerGeneration { get; set; } = 49_000;

    /// <summary>
    /// Gets or sets the largest append block. 4 MiB is what every service version (and Azurite) accepts;
    /// one batch is one block, so a bigger batch is refused.
    /// </summary>
    public int MaxBlockBytes { get; set; } = 4 * 1024 * 1024;
}
