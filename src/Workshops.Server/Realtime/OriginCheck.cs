using Microsoft.Extensions.Options;
using Workshops.Contracts;
using Workshops.Server.Api;
using Workshops.Server.Hosting;

namespace Workshops.Server.Realtime;

/// <summary>
/// Refuses hub requests (WebSocket upgrades included) from a foreign page: a browser always
/// sends Origin, and only our own pages and the configured origins may open the hub. Clients
/// that are not browsers (CLI, load tool, Node) send no Origin and pass.
/// </summary>
internal static class OriginCheck
{
    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal)
                && context.Request.Headers.Origin is { Count: > 0 } origin
                && !IsAllowed(context, origin.ToString()))
            {
                await Problems.WriteAsync(context, ErrorCodes.Forbidden, "this origin may not open the hub");
                return;
            }

            await next();
        });

    private static bool IsAllowed(HttpContext context, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var own = context.Request.Host;
        if (string.Equals(uri.Authority, own.Value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var allowed = context.RequestServices.GetRequiredService<IOptions<WorkshopsOptions>>().Value.AllowedOrigins;
        return allowed.Any(a => string.Equals(a.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}
