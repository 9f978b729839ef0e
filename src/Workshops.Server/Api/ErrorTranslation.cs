using Workshops.Contracts;

namespace Workshops.Server.Api;

/// <summary>
/// The framework refuses a body that is not declared JSON with a bare 415, which is a status, not
/// an exception the <see cref="ContractErrorHandler"/> would see; the contract promises
/// problem+json with a code for every refusal.
/// </summary>
internal static class ErrorTranslation
{
    public static IApplicationBuilder UseWorkshopErrors(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next();
            if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && !context.Response.HasStarted)
            {
                await Problems.WriteAsync(context, ErrorCodes.InvalidInput, "the body must be JSON (Content-Type: application/json)");
            }
        });
}
