namespace Workshops.Server.Realtime;

/// <summary>Added: the event is gone; sent to each of its connections just before the server closes them.</summary>
public sealed record EventDeletedEvent(string EventId);

/// <summary>Added: the token of this connection was revoked (its key replaced); sent just before the server closes it.</summary>
public sealed record TokenRevokedEvent(string? EventId);
