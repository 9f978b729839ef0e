namespace Workshops.Server.Auth;

/// <summary>Claim names in our tokens (short: they travel with every hub connection).</summary>
internal static class Claims
{
    public const string Role = "role";
    public const string EventId = "eid";
    public const string WorkshopId = "wid";
    public const string ParticipantId = "pid";
    public const string Name = "name";
    public const string Group = "grp";
}
