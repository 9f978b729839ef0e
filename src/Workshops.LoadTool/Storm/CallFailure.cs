namespace Workshops.LoadTool.Storm;

/// <summary>What a failed hub call means for the vote it carried.</summary>
public enum CallFailure
{
    /// <summary>The server refused it with a contract code: nothing changed, do not send it again.</summary>
    Refused,

    /// <summary>Refused for now (rate_limited, unavailable): nothing changed, the same op may be sent again.</summary>
    Retry,

    /// <summary>The connection broke or the call timed out: the outcome is unknown, re-send the same op elsewhere.</summary>
    ConnectionLost,
}
