using Workshops.Contracts;

namespace Workshops.LoadTool.Storm;

/// <summary>An acknowledged vote: its receipt, when it was first sent and when the receipt came.</summary>
public sealed record VoteAck(string ParticipantId, string WorkshopId, string OpId, VoteReceipt Receipt, long SentAt, long AckedAt);
