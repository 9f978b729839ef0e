using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workshops.Server.Api;

/// <summary>
/// ASP.NET Core health checks. /healthz and /readyz (readiness) run the checks tagged
/// <see cref="ReadyTag"/>: 200 when the silo is active and its storage answers, else 503.
/// /livez (liveness) runs none: 200 while the process serves requests at all, so that an
/// orchestrator does not restart servers because the storage they share is down.
/// </summary>
internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddWorkshopsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<SiloStorageHealthCheck>("silo-storage", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));
        return services;
    }

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync };
        app.MapHealthChecks("/healthz", ready).AllowAnonymous();
        app.MapHealthChecks("/readyz", ready).AllowAnonymous();
        app.MapHealthChecks("/livez", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
    }

    /// <summary>The body the contract's clients read: <c>{ "status": "ok" | "unavailable", ...what each check saw }</c>.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
        };
        foreach (var entry in report.Entries.Values)
        {
            foreach (var (key, value) in entry.Data)
            {
                body[key] = value;
            }
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
