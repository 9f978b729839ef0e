using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Workshops.Server.Hosting;

/// <summary>
/// Behind a reverse proxy (Traefik, an ingress) every request comes from the proxy's address:
/// the per-address join limits would then hold the whole hall to one budget. The proxy's
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are honoured, but only from the proxies
/// named in <c>Workshops:ForwardedHeaders:KnownProxies</c> (addresses) and <c>KnownNetworks</c>
/// (CIDR). Nothing else is trusted, not even loopback: ASP.NET Core's default trusts the
/// loopback network, and a direct client must never choose the address its limits are kept
/// under. A proxy on the same machine is configured like any other (<c>KnownProxies:0=127.0.0.1</c>).
/// </summary>
public static class ForwardedHeadersRegistration
{
    public const string Section = "Workshops:ForwardedHeaders";

    public static WebApplicationBuilder AddWorkshopsForwardedHeaders(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(Section);
        var proxies = Values(section.GetSection("KnownProxies")).Select(ParseAddress).ToList();
        var networks = Values(section.GetSection("KnownNetworks")).Select(ParseNetwork).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: every later step (limits, cookies, origin check) sees the client, not the proxy.</summary>
    public static IApplicationBuilder UseWorkshopsForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>A list in configuration (<c>KnownProxies:0</c>, …) or one comma-separated value (handy in an environment variable).</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? ""))
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidOperationException($"{Section}:KnownProxies: '{text}' is not an IP address");

    private static System.Net.IPNetwork ParseNetwork(string text) =>
        System.Net.IPNetwork.TryParse(text, out var network)
            ? network
            : throw new InvalidOperationException($"{Section}:KnownNetworks: '{text}' is not a network in CIDR notation (such as 10.0.0.0/8)");
}
