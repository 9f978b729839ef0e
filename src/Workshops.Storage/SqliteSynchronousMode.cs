namespace Workshops.Storage;

/// <summary>The SQLite <c>PRAGMA synchronous</c> level the grain storage runs with (WAL journal).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// The WAL is synced only at checkpoints: a committed write survives a killed process,
    /// but the last transactions may be lost on power loss or an OS crash.
    /// </summary>
    Normal,

    /// <summary>
    /// The WAL is synced at every commit: a committed write also survives power loss.
    /// Commits are batched (group commit), so the fsync is shared by concurrent writers.
    /// </summary>
    Full,
}
