namespace Workshops.Storage;

/// <summary>The stores <c>Workshops:Storage:Provider</c> can name.</summary>
public enum WorkshopStorageProvider
{
    /// <summary>An embedded SQLite file (<see cref="SqliteGrainStorage"/>); the default.</summary>
    Sqlite,

    /// <summary>Orleans' Azure Blob grain storage (one blob per grain state).</summary>
    AzureBlob,

    /// <summary>Orleans' in-memory grain storage: nothing survives a restart. Tests and demos only.</summary>
    Memory,
}
