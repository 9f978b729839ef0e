using Microsoft.Data.Sqlite;

namespace Workshops.Storage;

/// <summary>A queued write whose caller awaits <see cref="Completion"/> for the result of <paramref name="apply"/>.</summary>
/// <typeparam name="TResult">What the statements return (a conflict, a flag...).</typeparam>
/// <param name="bytes">The payload bytes it writes.</param>
/// <param name="apply">The statements; they may run again alone if their batch failed.</param>
internal sealed class SqliteQueuedWrite<TResult>(long bytes, Func<SqliteConnection, SqliteTransaction, TResult> apply) : ISqliteQueuedWrite
{
    private TResult? _result;

    /// <summary>
    /// Gets the completion, set after the commit. Continuations run asynchronously so that grain
    /// code never runs on (and stalls) the writer thread.
    /// </summary>
    public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public long Bytes => bytes;

    /// <inheritdoc />
    public void Apply(SqliteConnection connection, SqliteTransaction transaction) => _result = apply(connection, transaction);

    /// <inheritdoc />
    public void Succeed() => Completion.TrySetResult(_result!);

    /// <inheritdoc />
    public void Fail(Exception exception) => Completion.TrySetException(exception);
}
