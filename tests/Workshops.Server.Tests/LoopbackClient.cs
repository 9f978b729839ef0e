using System.Net;
using System.Net.Sockets;

namespace Workshops.Server.Tests;

/// <summary>
/// An HTTP client whose connections leave from a chosen loopback address (127.0.0.2, …), so that
/// one test process can be several clients as the server (or a proxy) sees them.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient From(string source, string baseUrl, bool followRedirects = true)
    {
        var address = IPAddress.Parse(source);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(address, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl + "/") };
    }
}
