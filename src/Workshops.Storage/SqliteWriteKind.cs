namespace Workshops.Storage;

/// <summary>What a queued <see cref="SqlitePendingWrite"/> does to its row.</summary>
internal enum SqliteWriteKind
{
    /// <summary>Insert or update the row (WriteStateAsync).</summary>
    Write,

    /// <summary>Delete the row (ClearStateAsync).</summary>
    Clear,
}
