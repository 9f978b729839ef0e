using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Workshops.Contracts;

namespace Workshops.Server.Api;

/// <summary>
/// A refusal on the HTTP side becomes the contract's problem+json: a <see cref="WorkshopException"/>
/// with its own code, a body the framework could not read as <c>invalid_input</c>, a cluster or
/// storage failure as <c>unavailable</c>. Anything else falls through to
/// <see cref="UnexpectedErrorHandler"/>.
/// </summary>
internal sealed partial class ContractErrorHandler(ILogger<ContractErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        switch (exception)
        {
            case WorkshopException refused:
                await Problems.WriteAsync(httpContext, refused.Code, refused.Message);
                return true;
            case BadHttpRequestException bad:
                await Problems.WriteAsync(httpContext, ErrorCodes.InvalidInput, bad.InnerException is JsonException ? "malformed JSON: " + bad.InnerException.Message : bad.Message);
                return true;
            case var _ when Hosting.TransientFailure.Is(exception) && !httpContext.RequestAborted.IsCancellationRequested:
                LogUnavailable(logger, exception, httpContext.Request.Path);
                await Problems.WriteAsync(httpContext, ErrorCodes.Unavailable, "the cluster did not answer; try again");
                return true;
            default:
                return false;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Request {Path} failed: cluster unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception error, string path);
}
