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

    /// <summary>Staff tokens: the generation of the key they were issued from (absent: 0).</summary>
    public const string KeyGeneration = "kgen";

    /// <summary>Admin tokens: which admin key they came from (<see cref="AdminKey.TokenId"/>).</summary>
    public const string AdminKeyId = "akid";
}
