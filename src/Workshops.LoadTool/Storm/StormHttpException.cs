using System.Net;

namespace Workshops.LoadTool.Storm;

/// <summary>An HTTP call of the storm was refused; <see cref="Code"/> is the problem's error code when it has one.</summary>
public sealed class StormHttpException : Exception
{
    public StormHttpException()
    {
    }

    public StormHttpException(string message) : base(message)
    {
    }

    public StormHttpException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public StormHttpException(HttpStatusCode status, string? code, string message) : base(message)
    {
        Status = status;
        Code = code;
    }

    public HttpStatusCode Status { get; }

    public string? Code { get; }
}
