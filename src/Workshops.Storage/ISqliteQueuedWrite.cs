using Microsoft.Data.Sqlite;

namespace Workshops.Storage;

/// <summary>One unit of work waiting for the <see cref="SqliteWriter"/> thread, applied inside a shared transaction.</summary>
internal interface ISqliteQueuedWrite
{
    /// <summary>Gets the payload bytes it writes (to bound a batch).</summary>
    long Bytes { get; }

    /// <summary>Runs its statements in <paramref name="transaction"/> and keeps the result until the commit.</summary>
    /// <param name="connection">The writer's connection.</param>
    /// <param name="transaction">The batch's transaction.</param>
    void Apply(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>Hands the kept result to the caller once the transaction committed.</summary>
    void Succeed();

    /// <summary>Fails the caller.</summary>
    /// <param name="exception">Why.</param>
    void Fail(Exception exception);
}
