namespace Workshops.Server.Tests;

/// <summary>
/// The callers of the authorization matrix. "This" event is A, with workshops A1 (the target)
/// and A2; "foreign" callers belong to another event B.
/// </summary>
public enum Who
{
    Admin,
    Moderator,
    Facilitator,

    /// <summary>A participant of A who wrote the idea that Edit/Delete target.</summary>
    Participant,

    /// <summary>A participant of A who did not write it.</summary>
    OtherParticipant,

    /// <summary>The facilitator of A2: same event, other workshop.</summary>
    OtherWorkshopFacilitator,
    ForeignModerator,
    ForeignFacilitator,
    ForeignParticipant,
    NoToken,

    /// <summary>A moderator token of A, signed with the real key, expired.</summary>
    ExpiredToken,

    /// <summary>An admin token signed with another key.</summary>
    ForgedToken,

    /// <summary>An admin token with "alg": "none" and no signature.</summary>
    UnsignedToken,

    /// <summary>An admin token with the real key but another audience.</summary>
    WrongAudienceToken,

    /// <summary>A facilitator token of A1, issued before A1's facilitator key was rotated.</summary>
    RevokedToken,

    /// <summary>A moderator token of an event that has since been deleted.</summary>
    DeletedEventToken,
}
