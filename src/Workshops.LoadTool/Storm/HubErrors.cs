using Microsoft.AspNetCore.SignalR;
using Workshops.Contracts;

namespace Workshops.LoadTool.Storm;

/// <summary>Reads a hub call's failure: the contract's error code and whether the vote may be re-sent.</summary>
public static class HubErrors
{
    private const string Marker = "HubException: ";

    private static readonly HashSet<string> KnownCodes = new(StringComparer.Ordinal)
    {
        ErrorCodes.Unauthorized, ErrorCodes.Forbidden, ErrorCodes.NotFound, ErrorCodes.InvalidInput,
        ErrorCodes.WrongPhase, ErrorCodes.VoteLimit, ErrorCodes.RateLimited, ErrorCodes.Conflict, ErrorCodes.Unavailable,
    };

    /// <summary>The error code to count the failure under, and what to do about it.</summary>
    public static (string Code, CallFailure Failure) Classify(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is HubException hub && CodeOf(hub.Message) is { } code)
        {
            return code is ErrorCodes.RateLimited or ErrorCodes.Unavailable
                ? (code, CallFailure.Retry)
                : (code, CallFailure.Refused);
        }

        // Anything else (socket closed, server gone, timeout, an uncoded server error) leaves the
        // outcome unknown: the op is re-sent with the same clientOpId, which never counts twice.
        var name = error switch
        {
            OperationCanceledException or TimeoutException => "timeout",
            HubException => "server_error",
            _ => "connection_lost",
        };
        return (name, CallFailure.ConnectionLost);
    }

    /// <summary>
    /// The code at the start of a contract error ("vote_limit: ..."). A hub that does not strip
    /// SignalR's "An unexpected error occurred ... HubException: " prefix (the floor) is read too.
    /// </summary>
    public static string? CodeOf(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var at = message.LastIndexOf(Marker, StringComparison.Ordinal);
        var text = at >= 0 ? message[(at + Marker.Length)..] : message;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var code = text[..colon];
        return KnownCodes.Contains(code) ? code : null;
    }
}
