namespace Workshops.Contracts;

/// <summary>The error codes of the wire contract (PROTOCOL.md section 6), plus <see cref="Unavailable"/>.</summary>
public static class ErrorCodes
{
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string InvalidInput = "invalid_input";
    public const string WrongPhase = "wrong_phase";
    public const string VoteLimit = "vote_limit";
    public const string RateLimited = "rate_limited";
    public const string Conflict = "conflict";

    /// <summary>Added to the contract: storage did not answer, nothing was changed (HTTP 503).</summary>
    public const string Unavailable = "unavailable";

    public static int HttpStatus(string code) => code switch
    {
        Unauthorized => 401,
        Forbidden => 403,
        NotFound => 404,
        InvalidInput => 400,
        WrongPhase or VoteLimit or Conflict => 409,
        RateLimited => 429,
        Unavailable => 503,
        _ => 500,
    };
}
