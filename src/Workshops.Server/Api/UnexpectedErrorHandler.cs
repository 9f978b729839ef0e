using Microsoft.AspNetCore.Diagnostics;

namespace Workshops.Server.Api;

/// <summary>
/// A request that fails in a way no one foresaw answers problem+json with code <c>internal</c>
/// and a fixed sentence, in every environment: the exception (message, stack trace) goes to the
/// log, never to the browser. It runs inside ASP.NET Core's developer exception page, so even a
/// Development start shows a hall's phones nothing of the server's insides.
/// </summary>
internal sealed partial class UnexpectedErrorHandler(ILogger<UnexpectedErrorHandler> logger) : IExceptionHandler
{
    public const string Code = "internal";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        LogFailed(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        await Problems.WriteAsync(httpContext, Code, "the server failed to answer this request; the error is in its log");
        return true;
    }

    [LoggerMessage(1, LogLevel.Error, "Request {Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception error, string method, string path);
}
