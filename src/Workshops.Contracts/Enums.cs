using System.Text.Json.Serialization;

namespace Workshops.Contracts;

/// <summary>Phases in order. JSON names are exactly these (PROTOCOL.md section 3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkshopPhase>))]
public enum WorkshopPhase
{
    Setup = 0,
    Brainstorm = 1,
    Voting = 2,
    Results = 3,
    Closed = 4,
}

[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    [JsonStringEnumMemberName("participant")] Participant = 0,
    [JsonStringEnumMemberName("facilitator")] Facilitator = 1,
    [JsonStringEnumMemberName("moderator")] Moderator = 2,
    [JsonStringEnumMemberName("admin")] Admin = 3,
}

[JsonConverter(typeof(JsonStringEnumConverter<IdeaStatus>))]
public enum IdeaStatus
{
    [JsonStringEnumMemberName("visible")] Visible = 0,
    [JsonStringEnumMemberName("hidden")] Hidden = 1,
    [JsonStringEnumMemberName("merged")] Merged = 2,
}

/// <summary>Added (section 9): where an idea came from; "paper" ideas were written in the room and typed in by staff.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdeaSource>))]
public enum IdeaSource
{
    [JsonStringEnumMemberName("digital")] Digital = 0,
    [JsonStringEnumMemberName("paper")] Paper = 1,
}

[JsonConverter(typeof(JsonStringEnumConverter<OutputSource>))]
public enum OutputSource
{
    [JsonStringEnumMemberName("top-voted")] TopVoted = 0,
    [JsonStringEnumMemberName("facilitator")] Facilitator = 1,
}

public static class WireNames
{
    public static string Of(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Moderator => "moderator",
        Role.Facilitator => "facilitator",
        _ => "participant",
    };

    public static bool TryParseRole(string? text, out Role role)
    {
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = Role.Participant;
        return false;
    }

    /// <summary>Phase names are matched exactly (ordinal); "voting" is not "Voting".</summary>
    public static bool TryParsePhase(string? text, out WorkshopPhase phase)
    {
        foreach (var candidate in Enum.GetValues<WorkshopPhase>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                phase = candidate;
                return true;
            }
        }

        phase = WorkshopPhase.Setup;
        return false;
    }
}
