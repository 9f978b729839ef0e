using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workshops.Server.Tests;

/// <summary>
/// A loopback TCP proxy in front of the server that can fail like a phone's network: cut every
/// connection abruptly (RST, no WebSocket close), or lose whole WebSocket messages from the
/// server (a SignalR completion or event that never arrives). Plain HTTP passes unchanged.
/// </summary>
public sealed class FaultyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly ConcurrentDictionary<Socket, bool> _sockets = new();
    private readonly ConcurrentQueue<string> _dropped = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private FaultyProxy(Uri upstream)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _listener.Start();
        BaseUrl = "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _accepting = AcceptAsync();
    }

    public string BaseUrl { get; }

    /// <summary>While true, WebSocket data messages from the server are lost (control frames pass).</summary>
    public bool DropServerMessages { get; set; }

    /// <summary>The text of every server message lost so far.</summary>
    public IReadOnlyList<string> Dropped => [.. _dropped];

    public static FaultyProxy Start(string upstreamBaseUrl) => new(new Uri(upstreamBaseUrl));

    /// <summary>Resets every connection at once, as a dead network does: no close handshake.</summary>
    public void CutAll()
    {
        foreach (var socket in _sockets.Keys)
        {
            Abort(socket);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => LinkAsync(client));
        }
    }

    private async Task LinkAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        _sockets[client] = true;
        _sockets[server] = true;
        try
        {
            await server.ConnectAsync(_upstream);
            await Task.WhenAny(PumpUpAsync(client, server), PumpDownAsync(server, client));
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            Abort(client);
            Abort(server);
            _sockets.TryRemove(client, out _);
            _sockets.TryRemove(server, out _);
        }
    }

    private static async Task PumpUpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                await SendAllAsync(to, buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Copies the server's bytes; after a "101 Switching Protocols" it reads WebSocket frames and
    /// drops whole data messages while <see cref="DropServerMessages"/> is set.
    /// </summary>
    private async Task PumpDownAsync(Socket from, Socket to)
    {
        var pending = new List<byte>();
        var buffer = new byte[16 * 1024];
        var upgraded = false;
        var headerDone = false;
        var droppingMessage = false;
        var message = new List<byte>();
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                if (headerDone && !upgraded)
                {
                    await SendAllAsync(to, buffer.AsMemory(0, read));
                    continue;
                }

                pending.AddRange(buffer.AsSpan(0, read));
                if (!headerDone)
                {
                    var end = IndexOfHeaderEnd(pending);
                    if (end < 0)
                    {
                        continue;
                    }

                    var header = pending.GetRange(0, end).ToArray();
                    pending.RemoveRange(0, end);
                    await SendAllAsync(to, header);
                    headerDone = true;
                    upgraded = Encoding.ASCII.GetString(header).Split("\r\n")[0].Contains(" 101 ", StringComparison.Ordinal);
                    if (!upgraded)
                    {
                        await SendAllAsync(to, pending.ToArray());
                        pending.Clear();
                        continue;
                    }
                }

                while (TryTakeFrame(pending, out var frame, out var fin, out var opcode, out var payload))
                {
                    if (opcode >= 0x8)
                    {
                        await SendAllAsync(to, frame);
                        continue;
                    }

                    if (opcode != 0x0)
                    {
                        droppingMessage = DropServerMessages;
                        message.Clear();
                    }

                    if (droppingMessage)
                    {
                        message.AddRange(payload);
                        if (fin)
                        {
                            _dropped.Enqueue(Encoding.UTF8.GetString(message.ToArray()));
                        }
                    }
                    else
                    {
                        await SendAllAsync(to, frame);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (var i = 3; i < bytes.Count; i++)
        {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>Takes one whole WebSocket frame (RFC 6455 section 5.2) off the front of the buffer.</summary>
    private static bool TryTakeFrame(List<byte> bytes, out byte[] frame, out bool fin, out int opcode, out byte[] payload)
    {
        frame = payload = [];
        fin = false;
        opcode = 0;
        if (bytes.Count < 2)
        {
            return false;
        }

        var masked = (bytes[1] & 0x80) != 0;
        long length = bytes[1] & 0x7F;
        var offset = 2;
        if (length == 126)
        {
            if (bytes.Count < 4)
            {
                return false;
            }

            length = (bytes[2] << 8) | bytes[3];
            offset = 4;
        }
        else if (length == 127)
        {
            if (bytes.Count < 10)
            {
                return false;
            }

            length = 0;
            for (var i = 2; i < 10; i++)
            {
                length = (length << 8) | bytes[i];
            }

            offset = 10;
        }

        var maskOffset = offset;
        if (masked)
        {
            offset += 4;
        }

        if (bytes.Count < offset + length)
        {
            return false;
        }

        fin = (bytes[0] & 0x80) != 0;
        opcode = bytes[0] & 0x0F;
        frame = bytes.GetRange(0, offset + (int)length).ToArray();
        payload = bytes.GetRange(offset, (int)length).ToArray();
        if (masked)
        {
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] ^= bytes[maskOffset + (i % 4)];
            }
        }

        bytes.RemoveRange(0, frame.Length);
        return true;
    }

    private static async Task SendAllAsync(Socket to, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await to.SendAsync(data, SocketFlags.None);
            data = data[sent..];
        }
    }

    private static void Abort(Socket socket)
    {
        try
        {
            // Linger 0: close sends RST, as a vanished network looks to the other side.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
