namespace Workshops.Storage;

/// <summary>The result of one queued write once its transaction committed.</summary>
/// <param name="Conflict">Whether the expected ETag did not match, so nothing was changed.</param>
/// <param name="StoredETag">On a conflict, the ETag found in the database (null: no row).</param>
internal readonly record struct SqliteWriteOutcome(bool Conflict, string? StoredETag)
{
    /// <summary>Gets the outcome of a write that was applied.</summary>
    public static SqliteWriteOutcome Success => default;

    /// <summary>Returns the outcome of a write refused because the row holds <paramref name="storedETag"/>.</summary>
    /// <param name="storedETag">The ETag in the database.</param>
    /// <returns>The outcome.</returns>
    public static SqliteWriteOutcome ConflictWith(string? storedETag) => new(true, storedETag);
}
