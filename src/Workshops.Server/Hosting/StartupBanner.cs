using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Workshops.Contracts;
using Workshops.Server.Auth;
using Workshops.Server.Demo;
using Workshops.Server.Realtime;

namespace Workshops.Server.Hosting;

/// <summary>
/// Once the server listens: prints where to open it, the admin key when it was generated, and,
/// with Workshops:Demo, creates the demo event and prints its join code and keys.
/// </summary>
internal sealed partial class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    AdminKey adminKey,
    IGrainFactory grains,
    WorkshopSubscriptions subscriptions,
    IOptions<WorkshopsOptions> options,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(PrintAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrintAsync()
    {
        try
        {
            var urls = Urls();
            var localUrl = urls.FirstOrDefault();
            subscriptions.PublicUrl = localUrl;
            var text = new StringBuilder();
            text.AppendLine().AppendLine("Workshops is running. Open:");
            foreach (var url in urls)
            {
                text.Append("  ").AppendLine(url);
            }

            if (adminKey.GeneratedKey is { } key)
            {
                text.Append(AdminText(localUrl, key));

                adminKey.ForgetGeneratedKey();
            }

            if (options.Value.Demo && localUrl is not null)
            {
                var created = await grains.GetGrain<IEventGrain>("demo-" + Grains.Secrets.NewId(6)).Create(DemoProgram.Create());
                text.AppendLine().Append(DemoText(localUrl, created));
            }

            // The banner is for the person who started the server, on the console.
            Console.Out.WriteLine(text.ToString());
            await Console.Out.FlushAsync();
        }
        catch (Exception ex)
        {
            LogBannerFailed(logger, ex);
        }
    }

    /// <summary>
    /// The demo event's links. Keys ride in the fragment (<c>#key=</c>): a browser never sends
    /// it, so a key stays out of the server's, a proxy's and a Wi-Fi portal's request logs.
    /// </summary>
    /// <summary>A generated admin key, and the console's link that signs in with it (fragment only, like the demo's).</summary>
    internal static string AdminText(string? localUrl, string key)
    {
        var text = new StringBuilder().Append("Admin key (generated; set Workshops:AdminKey to keep one): ").AppendLine(key);
        if (localUrl is not null)
        {
            text.Append("  Organizer's console: ").Append(localUrl).Append("/admin#key=").AppendLine(key);
        }

        return text.ToString();
    }

    internal static string DemoText(string localUrl, EventCreated created)
    {
        var text = new StringBuilder();
        text.AppendLine("Demo event: 2. Ulusal Danışma Toplantısı")
            .Append("  Join code:      ").AppendLine(created.JoinCode)
            .Append("  Participants:   ").Append(localUrl).Append("/?code=").AppendLine(created.JoinCode)
            .Append("  Moderator:      ").Append(localUrl).Append("/#key=").AppendLine(created.ModeratorKey)
            .Append("  Moderator key:  ").AppendLine(created.ModeratorKey);
        foreach (var workshop in created.Workshops)
        {
            text.Append("  Facilitator, ").Append(workshop.Title).Append(": ").Append(localUrl).Append("/#key=").AppendLine(workshop.FacilitatorKey);
        }

        foreach (var workshop in created.Workshops)
        {
            text.Append("  Wall, ").Append(workshop.Title).Append(": ").Append(localUrl).Append("/wall/").AppendLine(workshop.WorkshopId);
        }

        return text.ToString();
    }

    private List<string> Urls()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var urls = new List<string>();
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                continue;
            }

            if (uri.Host is "0.0.0.0" or "[::]")
            {
                urls.Add($"{uri.Scheme}://localhost:{uri.Port}");
                urls.AddRange(LanAddresses().Select(ip => $"{uri.Scheme}://{ip}:{uri.Port}"));
            }
            else
            {
                urls.Add($"{uri.Scheme}://{uri.Authority}");
            }
        }

        return [.. urls.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The addresses phones in the hall reach this laptop at.</summary>
    private static IEnumerable<string> LanAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a.Address))
            .Select(a => a.Address.ToString());

    [LoggerMessage(1, LogLevel.Error, "Printing the start-up banner failed")]
    private static partial void LogBannerFailed(ILogger logger, Exception error);
}
