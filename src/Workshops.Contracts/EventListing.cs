namespace Workshops.Contracts;

/// <summary>One event in GET /api/events (PROTOCOL.md section 7).</summary>
[GenerateSerializer, Immutable, Alias("Workshops.EventListing")]
public sealed record EventListing(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Date,
    [property: Id(3)] string? Venue,
    [property: Id(4)] string Language,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] int Workshops,
    [property: Id(7)] int Participants,
    [property: Id(8)] int Ideas,
    [property: Id(9)] int Votes,
    [property: Id(10)] string Status)
{
    public const string Open = "open";
    public const string Closed = "closed";
}
