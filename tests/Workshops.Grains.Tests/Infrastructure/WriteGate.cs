namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>A barrier a write waits at: the test learns it was reached and decides when it goes on.</summary>
public sealed class WriteGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;

    internal Task Opened => _opened.Task;

    internal void MarkReached() => _reached.TrySetResult();

    public void Open() => _opened.TrySetResult();
}
