namespace Workshops.Contracts;

/// <summary>
/// A refusal by the domain, carrying one of <see cref="ErrorCodes"/>. It crosses grain calls
/// (Orleans serializes it) and the hub turns it into a HubException "code: message".
/// </summary>
[GenerateSerializer, Alias("Workshops.WorkshopException")]
public sealed class WorkshopException : Exception
{
    public WorkshopException()
    {
        Code = ErrorCodes.Conflict;
    }

    public WorkshopException(string message) : base(message)
    {
        Code = ErrorCodes.Conflict;
    }

    public WorkshopException(string message, Exception innerException) : base(message, innerException)
    {
        Code = ErrorCodes.Conflict;
    }

    public WorkshopException(string code, string message) : base(message)
    {
        Code = code;
    }

    public WorkshopException(string code, string message, Exception innerException) : base(message, innerException)
    {
        Code = code;
    }

    [Id(0)]
    public string Code { get; private set; }

    public static WorkshopException Forbidden(string message) => new(ErrorCodes.Forbidden, message);
    public static WorkshopException NotFound(string message) => new(ErrorCodes.NotFound, message);
    public static WorkshopException Invalid(string message) => new(ErrorCodes.InvalidInput, message);
    public static WorkshopException WrongPhase(string message) => new(ErrorCodes.WrongPhase, message);
    public static WorkshopException VoteLimit(string message) => new(ErrorCodes.VoteLimit, message);
    public static WorkshopException Conflict(string message) => new(ErrorCodes.Conflict, message);
    public static WorkshopException Unavailable(string message, Exception inner) => new(ErrorCodes.Unavailable, message, inner);
}
