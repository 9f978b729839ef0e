using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Workshops.Server.Hosting;

namespace Workshops.Server.Realtime;

public static class RealtimeRegistration
{
    /// <summary>Hard limit on one hub message: ideas are at most 2,000 characters.</summary>
    public const long MaxHubMessageBytes = 32 * 1024;

    /// <summary>
    /// The kernel's send buffer per connection. Linux lets it grow to 4 MB, which a phone that stopped
    /// reading would pin (and which would hide it from its <see cref="ConnectionOutbox"/> for
    /// minutes); pushes and downloads need far less. Accepted sockets inherit it from the listener.
    /// </summary>
    public const int SocketSendBufferBytes = 128 * 1024;

    public static WebApplicationBuilder AddWorkshopsRealtime(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.UseSockets(o => o.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = SocketSendBufferBytes;
            return socket;
        });
        builder.Services.AddSingleton<WorkshopConnections>();
        builder.Services.AddSingleton<VoteBatcher>();
        builder.Services.AddSingleton<WorkshopHubFilter>();
        builder.Services.AddSingleton<HubLifetimeManager<WorkshopHub>, WorkshopHubLifetimeManager>();
        builder.Services.AddSingleton<HubSessions>();
        builder.Services.AddHostedService<RevokedConnectionSweep>();
        builder.Services.AddSingleton<WorkshopSubscriptions>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkshopSubscriptions>());
        builder.Services.AddHostedService<MembershipWatch>();
        builder.Services
            .AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = MaxHubMessageBytes;
                o.EnableDetailedErrors = false;
                o.AddFilter<WorkshopHubFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);

        // Calls a client sends without waiting for their answers wait for the store together, not one after
        // another (the page's queue still sends one at a time; the load tool and other clients need not).
        builder.Services.AddOptions<HubOptions>().Configure<IOptions<WorkshopsOptions>>((hub, workshops) =>
            hub.MaximumParallelInvocationsPerClient = Math.Max(1, workshops.Value.HubCallsInParallel));

        // Replaces the "json" protocol registered above (the resolver keeps the last of a name).
        builder.Services.AddSingleton<IHubProtocol, ContractErrorProtocol>();
        return builder;
    }

    public static WebApplication MapWorkshopsHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // A connection lives no longer than its token: the browser signs in again.
        app.MapHub<WorkshopHub>("/hubs/workshop", o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
