using Workshops.Contracts;

namespace Workshops.LoadTool.Floor;

/// <summary>The floor refuses a call with one of the contract's codes; nothing was changed.</summary>
public sealed class FloorRefusalException : Exception
{
    public FloorRefusalException()
    {
        Code = ErrorCodes.Conflict;
    }

    public FloorRefusalException(string message) : base(message)
    {
        Code = ErrorCodes.Conflict;
    }

    public FloorRefusalException(string message, Exception innerException) : base(message, innerException)
    {
        Code = ErrorCodes.Conflict;
    }

    public FloorRefusalException(string code, string message) : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
