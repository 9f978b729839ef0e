using Workshops.Contracts;

namespace Workshops.Grains;

/// <summary>
/// Group commit for a reentrant grain that keeps whole-state storage (the event grain; the workshop
/// grain batches through JournaledGrain instead): at most one write in flight; every change made while it
/// runs waits for the next write, which already holds it. A vote storm thus costs one storage
/// round trip per batch, not per vote. Runs on the grain's scheduler, so it needs no locks.
/// </summary>
/// <remarks>
/// If a write fails, every caller of that batch and of the next one gets an
/// <see cref="ErrorCodes.Unavailable"/> error and the owner is told to drop its in-memory state:
/// nothing that was not stored may be served afterwards.
/// </remarks>
/// <remarks>
/// A batch is written "light" (the write delegate gets <c>false</c>) when none of its calls
/// changed the owner's main state: only a small side record (a version number) is due.
/// </remarks>
internal sealed class GroupCommit(Func<bool, Task> write, Action<Exception> onFailure)
{
    private TaskCompletionSource? _pending;
    private bool _pendingFull;
    private bool _writing;
    private Exception? _failure;

    // Calls waiting for the pending write: the batch size the metrics report.
    private int _joined;

    /// <summary>How many writes have completed; for tests and metrics.</summary>
    public long Writes { get; private set; }

    /// <summary>True once a write failed: the owner's memory no longer matches storage.</summary>
    public bool IsBroken => _failure is not null;

    /// <summary>Throws when a write failed earlier; call before serving anything.</summary>
    public void ThrowIfBroken()
    {
        if (_failure is not null)
        {
            throw WorkshopException.Unavailable("storage failed; the grain is reloading, try again", _failure);
        }
    }

    public GroupCommit(Func<Task> write, Action<Exception> onFailure)
        : this(_ => write(), onFailure)
    {
    }

    /// <summary>Completes once every change made so far is stored.</summary>
    public Task CommitAsync() => Commit(full: true);

    /// <summary>Like <see cref="CommitAsync"/>, for a change that only the side record holds.</summary>
    public Task CommitLightAsync() => Commit(full: false);

    private Task Commit(bool full)
    {
        if (_failure is not null)
        {
            return Task.FromException(WorkshopException.Unavailable("storage failed; the grain is reloading, try again", _failure));
        }

        var batch = _pending ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingFull |= full;
        _joined++;
        if (!_writing)
        {
            _ = RunAsync();
        }

        return batch.Task;
    }

    /// <summary>Completes once the changes already made are stored, without forcing a write when none is due.</summary>
    public Task FlushedAsync() => _writing || _pending is not null ? Commit(full: false) : Task.CompletedTask;

    private async Task RunAsync()
    {
        _writing = true;
        try
        {
            while (_pending is { } batch)
            {
                _pending = null;
                var full = _pendingFull;
                _pendingFull = false;
                var size = _joined;
                _joined = 0;
                try
                {
                    await write(full);
                }
                catch (Exception ex)
                {
                    _failure = ex;
                    var error = WorkshopException.Unavailable("storage failed; nothing of this call was kept", ex);
                    batch.TrySetException(error);
                    _pending?.TrySetException(error);
                    _pending = null;
                    _pendingFull = false;
                    _joined = 0;
                    onFailure(ex);
                    return;
                }

                Writes++;
                WorkshopsMetrics.WriteBatchSize.Record(size);
                batch.TrySetResult();
            }
        }
        finally
        {
            _writing = false;
        }
    }
}
