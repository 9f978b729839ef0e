using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace Workshops.Server.Tests;

/// <summary>
/// A hub client that can stop reading: a plain TCP socket with a tiny receive buffer, the
/// WebSocket upgrade written by hand and the runtime's own WebSocket on top. Once it stops
/// reading, the kernel buffers on both sides fill after a few kilobytes and the server's
/// writes to it stall, as they do for a phone that walked out of Wi-Fi range without closing.
/// </summary>
internal sealed class RawHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly TcpClient _tcp;
    private readonly WebSocket _socket;
    private readonly StringBuilder _pending = new();
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();

    private RawHubSocket(TcpClient tcp, WebSocket socket)
    {
        _tcp = tcp;
        _socket = socket;
    }

    public static async Task<RawHubSocket> ConnectAsync(Uri baseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var tcp = new TcpClient { ReceiveBufferSize = 1024 };
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = "GET /hubs/workshop HTTP/1.1\r\n"
            + "Host: " + baseUrl.Authority + "\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
            + "Authorization: Bearer " + token + "\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        // The reply's head, byte by byte, so that nothing of the first frame is swallowed.
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("closed during the upgrade: " + head);
            }

            head.Append((char)one[0]);
        }

        if (!head.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new IOException("upgrade refused: " + head);
        }

        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var client = new RawHubSocket(tcp, socket);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        if (handshake != "{}")
        {
            throw new IOException("handshake refused: " + handshake);
        }

        return client;
    }

    public Task SendAsync(string message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Invokes a hub method and reads until its completion arrives (events before it are skipped).</summary>
    public Task<string> InvokeAsync(string id, string target, params string[] arguments) =>
        InvokeRawAsync(id, target, string.Join(",", arguments.Select(a => System.Text.Json.JsonSerializer.Serialize(a))));

    /// <summary>Like <see cref="InvokeAsync"/>, with the arguments as JSON text, sent as written (no client serializer in between).</summary>
    public async Task<string> InvokeRawAsync(string id, string target, string argumentsJson)
    {
        await SendAsync("{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":[" + argumentsJson + "]}");
        while (true)
        {
            var message = await ReceiveAsync(TimeSpan.FromSeconds(15)) ?? throw new IOException("closed before the completion of " + target);
            if (message.Contains("\"type\":3", StringComparison.Ordinal) && message.Contains("\"invocationId\":\"" + id + "\"", StringComparison.Ordinal))
            {
                return message;
            }
        }
    }

    /// <summary>The next hub message, or null once the server closed the connection.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return text[..end];
            }

            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, cancel.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            var chars = new char[_utf8.GetCharCount(buffer, 0, result.Count)];
            _utf8.GetChars(buffer, 0, result.Count, chars, 0);
            _pending.Append(chars);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
