using Orleans.Storage;

namespace Workshops.Storage;

/// <summary>Options of <see cref="SqliteGrainStorage"/>, named after the storage provider.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The default database file, relative to the current directory.</summary>
    public const string DefaultPath = "data/workshops.db";

    /// <summary>Gets or sets the database file; a relative path is resolved against the current directory.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>Gets or sets the durability level of a commit. See docs/storage.md.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>Gets or sets the most writes committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>Gets or sets the payload bytes after which a batch is committed without taking more writes.</summary>
    public long MaxBatchBytes { get; set; } = 32L * 1024 * 1024;

    /// <inheritdoc />
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
