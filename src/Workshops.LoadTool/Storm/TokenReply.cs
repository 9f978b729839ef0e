using Workshops.Contracts;

namespace Workshops.LoadTool.Storm;

/// <summary>The reply of POST /api/auth/key and /api/auth/join.</summary>
public sealed record TokenReply(string Token, Role Role, string? EventId, string? WorkshopId, string? ParticipantId);
