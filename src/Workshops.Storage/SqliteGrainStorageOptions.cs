using Orleans.Storage;

namespace Workshops.Storage;

/// <summary>Options of <see cref="SqliteGrainStorage"/>, named after the storage provider.</summary>
/// <remarks>The file, its durability and its batching belong to the shared <see cref="SqliteWriter"/>.</remarks>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The default database file, relative to the current directory.</summary>
    public const string DefaultPath = "data/workshops.db";

    /// <inheritdoc />
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
