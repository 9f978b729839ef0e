using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Workshops.LoadTool.Storm;

/// <summary>Opens hub connections the way the pages do: WebSockets, the token as bearer, the contract's JSON.</summary>
public static class StormConnection
{
    public const string HubPath = "/hubs/workshop";

    public static HubConnection Create(string baseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return new HubConnectionBuilder()
            .WithUrl(baseUrl.TrimEnd('/') + HubPath, HttpTransportType.WebSockets, o =>
            {
                // WebSockets only: no negotiate round trip per connection.
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = StormJson.Options)
            .Build();
    }

    /// <summary>Stops a connection without waiting long: a dead server must not hold the storm.</summary>
    public static async Task DisposeQuietlyAsync(HubConnection? connection, TimeSpan timeout)
    {
        if (connection is null)
        {
            return;
        }

        try
        {
            await connection.DisposeAsync().AsTask().WaitAsync(timeout);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Already broken (server killed, socket reset): nothing left to close, and cleanup must not fail a storm.
        }
    }
}
