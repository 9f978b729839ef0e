using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace Workshops.Server.Realtime;

/// <summary>
/// The pushes waiting for one connection. SignalR's group sends await every member's write, and a
/// write to a connection whose reader stopped waits until the transport's send timeout: one phone
/// out of range would hold up the workshop's pushes to everybody on this server. So every connection
/// gets its own short queue, written by its own loop; when the queue is full the connection is closed
/// (its client reconnects and resyncs with JoinWorkshop) instead of the queue growing.
/// Several workshops' grains may push to one connection at the same time: many writers.
/// </summary>
internal sealed class ConnectionOutbox
{
    /// <summary>Pushes one connection may be behind before it is closed; a second or more of a busy workshop.</summary>
    public const int Capacity = 128;

    private readonly HubConnectionContext _connection;
    private readonly Channel<SerializedHubMessage> _queue = Channel.CreateBounded<SerializedHubMessage>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

    private readonly Action<Exception> _writeFailed;

    public ConnectionOutbox(HubConnectionContext connection, Action<Exception> writeFailed)
    {
        _connection = connection;
        _writeFailed = writeFailed;
        _ = PumpAsync();
    }

    /// <summary>Queues a push; false when the connection is too far behind and was closed.</summary>
    public bool Post(SerializedHubMessage message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }

        if (_queue.Writer.TryComplete())
        {
            _connection.Abort();
            return false;
        }

        return true;
    }

    public void Complete() => _queue.Writer.TryComplete();

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync())
            {
                // Completes when the transport took it, or at once once the connection is aborted.
                await _connection.WriteAsync(message);
            }
        }
        catch (Exception ex)
        {
            // A push that cannot be written ends the connection (its client resyncs); say why.
            _writeFailed(ex);
            _connection.Abort();
        }
    }
}
