using Orleans.Runtime;
using Workshops.Storage;

namespace Workshops.Server.Api;

/// <summary>
/// /healthz and /readyz (readiness): 200 when the silo is active and its storage answers, else 503.
/// /livez (liveness): 200 while the process serves requests at all, so that an orchestrator
/// does not restart servers because the storage they share is down.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", Check).AllowAnonymous();
        app.MapGet("/readyz", Check).AllowAnonymous();
        app.MapGet("/livez", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous();
    }

    private static async Task<IResult> Check(IStorageHealthProbe storage, ISiloStatusOracle silo, HttpContext http)
    {
        var siloUp = silo.CurrentStatus == SiloStatus.Active;
        bool storageUp;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            storageUp = await storage.CheckAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            storageUp = false;
        }

        var body = new { status = siloUp && storageUp ? "ok" : "unavailable", silo = silo.CurrentStatus.ToString(), storage = storageUp ? "ok" : "unavailable" };
        return siloUp && storageUp ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
