using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workshops.Contracts;

namespace Workshops.Server.Api;

/// <summary>Errors as <c>application/problem+json</c> with the contract's code in <c>code</c>.</summary>
internal static class Problems
{
    public static ProblemHttpResult From(string code, string message)
    {
        var problem = new ProblemDetails
        {
            Status = ErrorCodes.HttpStatus(code),
            Title = code,
            Detail = message,
            Type = "https://workshops.local/errors/" + code,
        };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult From(WorkshopException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return From(error.Code, error.Message);
    }

    public static Task WriteAsync(HttpContext context, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = ErrorCodes.HttpStatus(code);
        return From(code, message).ExecuteAsync(context);
    }
}
