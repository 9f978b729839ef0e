using System.Net;
using System.Net.Sockets;

namespace Workshops.Testing;

/// <summary>Hands out loopback TCP ports that were free a moment ago, never the same one twice in a process.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Issued = [];
    private static readonly Lock IssuedLock = new();

    /// <summary>Returns a port that the OS just gave to a listener on 127.0.0.1 and took back.</summary>
    /// <returns>The port.</returns>
    public static int Get()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();

            // Parallel fixtures each bind "port 0" and let go: remember what we handed out so two never share one.
            lock (IssuedLock)
            {
                if (Issued.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("No free loopback port after 100 attempts.");
    }
}
