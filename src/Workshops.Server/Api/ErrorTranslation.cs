using System.Text.Json;
using Workshops.Contracts;

namespace Workshops.Server.Api;

/// <summary>Any refusal on the HTTP side becomes the contract's problem+json.</summary>
internal static partial class ErrorTranslation
{
    public static IApplicationBuilder UseWorkshopErrors(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next();

                // The framework refuses a body that is not declared JSON with a bare 415; the
                // contract promises problem+json with a code for every refusal.
                if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && !context.Response.HasStarted)
                {
                    await Problems.WriteAsync(context, ErrorCodes.InvalidInput, "the body must be JSON (Content-Type: application/json)");
                }
            }
            catch (WorkshopException ex) when (!context.Response.HasStarted)
            {
                await Problems.WriteAsync(context, ex.Code, ex.Message);
            }
            catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
            {
                var code = ErrorCodes.InvalidInput;
                await Problems.WriteAsync(context, code, ex.InnerException is JsonException ? "malformed JSON: " + ex.InnerException.Message : ex.Message);
            }
            catch (Exception ex) when (!context.Response.HasStarted && Hosting.TransientFailure.Is(ex) && !context.RequestAborted.IsCancellationRequested)
            {
                LogUnavailable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Workshops.Api"), ex, context.Request.Path);
                await Problems.WriteAsync(context, ErrorCodes.Unavailable, "the cluster did not answer; try again");
            }
        });

    [LoggerMessage(1, LogLevel.Warning, "Request {Path} failed: cluster unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception error, string path);
}
