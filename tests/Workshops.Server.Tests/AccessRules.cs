using Workshops.Contracts;

namespace Workshops.Server.Tests;

/// <summary>
/// The contract's role table (PROTOCOL.md sections 1-3, plus the server's additions ClearOutput
/// and by-code), written out as who may call what on event A / workshop A1. Everyone else with
/// a valid token is refused with <c>forbidden</c>; a missing or bad token with <c>unauthorized</c>.
/// </summary>
public static class AccessRules
{
    public const string Ok = "ok";

    private static readonly Who[] Staff = [Who.Admin, Who.Moderator, Who.Facilitator];
    private static readonly Who[] Participants = [Who.Participant, Who.OtherParticipant];
    private static readonly Who[] Everyone = Enum.GetValues<Who>();
    private static readonly Who[] AnyValidToken = [.. Everyone.Where(w => !IsBadToken(w))];

    /// <summary>Hub method (and, after a space, the situation) -> who may call it on A1, and the phase A1 is put in first.</summary>
    public static readonly IReadOnlyDictionary<string, (Who[] Allowed, WorkshopPhase Phase)> Hub =
        new Dictionary<string, (Who[], WorkshopPhase)>(StringComparer.Ordinal)
        {
            ["JoinWorkshop"] = ([.. Staff, .. Participants], WorkshopPhase.Brainstorm),
            ["LeaveWorkshop"] = (AnyValidToken, WorkshopPhase.Brainstorm),
            ["AddIdea"] = ([.. Staff, .. Participants], WorkshopPhase.Brainstorm),
            ["EditIdea"] = ([.. Staff, Who.Participant], WorkshopPhase.Brainstorm),
            ["DeleteIdea"] = ([.. Staff, Who.Participant], WorkshopPhase.Brainstorm),
            ["CastVote"] = (Participants, WorkshopPhase.Voting),
            ["RetractVote"] = (Participants, WorkshopPhase.Voting),
            ["SetPhase"] = (Staff, WorkshopPhase.Brainstorm),

            // "A facilitator may go forward or back ... except out of Closed (only a moderator reopens)."
            ["SetPhase out of Closed"] = ([Who.Admin, Who.Moderator], WorkshopPhase.Closed),
            ["StartTimer"] = (Staff, WorkshopPhase.Brainstorm),
            ["StopTimer"] = (Staff, WorkshopPhase.Brainstorm),
            ["HideIdea"] = (Staff, WorkshopPhase.Brainstorm),
            ["RestoreIdea"] = (Staff, WorkshopPhase.Brainstorm),
            ["MergeIdeas"] = (Staff, WorkshopPhase.Brainstorm),
            ["SetOutput"] = (Staff, WorkshopPhase.Brainstorm),
            ["ClearOutput"] = (Staff, WorkshopPhase.Brainstorm),
            ["UpdateSettings"] = (Staff, WorkshopPhase.Brainstorm),

            // Section 9: ideas typed in from paper, and the raised hands counted in the room.
            ["AddIdea from paper"] = (Staff, WorkshopPhase.Brainstorm),
            ["SetHallVotes"] = (Staff, WorkshopPhase.Voting),
            ["SetHallVotes in Results"] = (Staff, WorkshopPhase.Results),
        };

    /// <summary>HTTP endpoint (as written in the contract) -> who may call it for A / A1.</summary>
    public static readonly IReadOnlyDictionary<string, Who[]> Http =
        new Dictionary<string, Who[]>(StringComparer.Ordinal)
        {
            ["POST /api/events"] = [Who.Admin],
            ["GET /api/events/{eventId}"] = [.. Staff, Who.OtherWorkshopFacilitator, .. Participants],
            ["GET /api/workshops/{workshopId}"] = [.. Staff, .. Participants],
            ["GET /api/events/{eventId}/export"] = [Who.Admin, Who.Moderator],
            ["GET /api/workshops/{workshopId}/export"] = Staff,
            ["GET /api/events/by-code/{code}"] = Everyone,
            ["GET /healthz"] = Everyone,

            // Public: a stale or foreign token in the header must not keep anyone from signing in.
            ["POST /api/auth/key"] = Everyone,
            ["POST /api/auth/join"] = Everyone,

            // The organizer's console (section 7).
            ["GET /api/events"] = [Who.Admin],
            ["PUT /api/events/{eventId}"] = [Who.Admin, Who.Moderator],
            ["DELETE /api/events/{eventId}"] = [Who.Admin],
            ["POST /api/events/{eventId}/keys facilitator"] = [Who.Admin, Who.Moderator],
            ["POST /api/events/{eventId}/keys moderator"] = [Who.Admin],
            ["POST /api/events/{eventId}/join-code"] = [Who.Admin, Who.Moderator],

            // Badges (section 8).
            ["POST /api/events/{eventId}/badges"] = [Who.Admin, Who.Moderator],
            ["GET /api/events/{eventId}/badges"] = [Who.Admin, Who.Moderator],
            ["DELETE /api/events/{eventId}/badges/{badgeId}"] = [Who.Admin, Who.Moderator],
            ["POST /api/auth/join badge"] = Everyone,
            ["POST /api/events/by-badge"] = Everyone,
            // Personal data (section 11): every participant has their own; staff have none.
            ["GET /api/me"] = [.. Participants, Who.ForeignParticipant],
            ["DELETE /api/me"] = [.. Participants, Who.ForeignParticipant],
            ["GET /api/events/{eventId}/personal-data"] = [Who.Admin, Who.Moderator],
            ["DELETE /api/events/{eventId}/personal-data"] = [Who.Admin, Who.Moderator],
        };

    public static bool IsBadToken(Who who) =>
        who is Who.NoToken or Who.ExpiredToken or Who.ForgedToken or Who.UnsignedToken or Who.WrongAudienceToken
            or Who.RevokedToken or Who.DeletedEventToken;

    public static string Expected(IReadOnlyCollection<Who> allowed, Who who) =>
        allowed.Contains(who) ? Ok : IsBadToken(who) ? ErrorCodes.Unauthorized : ErrorCodes.Forbidden;

    public static TheoryData<string, Who, string> HubCases()
    {
        var data = new TheoryData<string, Who, string>();
        foreach (var (method, rule) in Hub)
        {
            foreach (var who in Everyone)
            {
                data.Add(method, who, Expected(rule.Allowed, who));
            }
        }

        return data;
    }

    public static TheoryData<string, Who, string> HttpCases()
    {
        var data = new TheoryData<string, Who, string>();
        foreach (var (endpoint, allowed) in Http)
        {
            foreach (var who in Everyone)
            {
                data.Add(endpoint, who, Expected(allowed, who));
            }
        }

        return data;
    }
}
