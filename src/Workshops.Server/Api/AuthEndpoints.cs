using Workshops.Contracts;
using Workshops.Grains;
using Workshops.Server.Auth;

namespace Workshops.Server.Api;

/// <summary>POST /api/auth/key and /api/auth/join (PROTOCOL.md section 1).</summary>
internal static class AuthEndpoints
{
    public sealed record KeyRequest(string? Key);

    public sealed record JoinRequest(string? Code, string? DisplayName, string? Organization, string? Group, string? Badge);

    public sealed record BadgeLookupRequest(string? Badge);

    public sealed record TokenReply(string Token, Role Role, string? EventId, string? WorkshopId, string? ParticipantId)
    {
        /// <summary>Added (badge joins): the name and group the event holds, so the page greets the person by them.</summary>
        public string? DisplayName { get; init; }

        public string? Group { get; init; }
    }

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/key", SignInWithKey).AllowAnonymous();
        app.MapPost("/api/auth/join", Join).AllowAnonymous();

        // A POST, not a GET: the badge code is a personal secret and stays out of request logs.
        app.MapPost("/api/events/by-badge", LookUpBadge).AllowAnonymous();
    }

    /// <summary>
    /// Added: what the join page shows before a badge joins (the privacy notice, the groups, the
    /// organizer's name and group on the badge). Rate limited and counted like a join; claims nothing.
    /// </summary>
    private static async Task<IResult> LookUpBadge(BadgeLookupRequest? request, HttpContext http, IGrainFactory grains, JoinGuard guard)
    {
        var address = ClientAddress.Of(http);
        if (!guard.TryEnter(address))
        {
            return Problems.From(ErrorCodes.RateLimited, "too many attempts from this address; wait a minute");
        }

        var (badge, hash, refused) = await ResolveBadge(request?.Badge, address, grains, guard);
        return refused ?? TypedResults.Ok(await grains.GetGrain<IEventGrain>(badge!.EventId).GetBadgePublicInfo(badge.BadgeId, hash));
    }

    /// <summary>A badge code to its event and badge; a malformed or unknown code counts as a wrong code.</summary>
    private static async Task<(BadgeRef? Badge, string Hash, IResult? Refused)> ResolveBadge(string? given, string address, IGrainFactory grains, JoinGuard guard)
    {
        var code = Secrets.NormalizeJoinCode(given);
        if (code.Length is < 10 or > 32)
        {
            guard.WrongCode(address);
            return (null, "", Problems.From(ErrorCodes.InvalidInput, "a badge code has at least 10 characters"));
        }

        var hash = Secrets.HashBadgeCode(code);
        var badge = await grains.GetGrain<IBadgeGrain>(hash).Get();
        if (badge is null)
        {
            guard.WrongCode(address);
            return (null, hash, Problems.From(ErrorCodes.NotFound, "no badge has this code"));
        }

        return (badge, hash, null);
    }

    private static async Task<IResult> SignInWithKey(KeyRequest? request, HttpContext http, AdminKey admin, TokenIssuer tokens, IGrainFactory grains, JoinGuard guard)
    {
        var address = ClientAddress.Of(http);
        if (!guard.TryEnter(address))
        {
            return Problems.From(ErrorCodes.RateLimited, "too many attempts from this address; wait a minute");
        }

        var key = request?.Key?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return Problems.From(ErrorCodes.InvalidInput, "key is required");
        }

        if (admin.Matches(key))
        {
            return TypedResults.Ok(new TokenReply(tokens.Issue(Caller.Admin), Role.Admin, null, null, null));
        }

        var credential = await grains.GetGrain<ICredentialGrain>(Secrets.HashKey(key)).Get();
        if (credential is null)
        {
            guard.WrongCode(address);
            return Problems.From(ErrorCodes.Unauthorized, "this key is not known");
        }

        var caller = new Caller(credential.Role, credential.EventId, credential.WorkshopId, null, null, null);
        return TypedResults.Ok(new TokenReply(tokens.Issue(caller, credential.Generation), credential.Role, credential.EventId, credential.WorkshopId, null));
    }

    private static async Task<IResult> Join(JoinRequest? request, HttpContext http, TokenIssuer tokens, IGrainFactory grains, JoinGuard guard)
    {
        var address = ClientAddress.Of(http);
        if (!guard.TryEnter(address))
        {
            return Problems.From(ErrorCodes.RateLimited, "too many join attempts from this address; wait a minute");
        }

        if (!string.IsNullOrWhiteSpace(request?.Badge))
        {
            return await JoinWithBadge(request, address, tokens, grains, guard);
        }

        var code = Secrets.NormalizeJoinCode(request?.Code);
        if (code.Length != 6)
        {
            guard.WrongCode(address);
            return Problems.From(ErrorCodes.InvalidInput, "a join code has 6 characters");
        }

        var eventId = await grains.GetGrain<IJoinCodeGrain>(code).GetEventId();
        if (eventId is null)
        {
            guard.WrongCode(address);
            return Problems.From(ErrorCodes.NotFound, "no event has this join code");
        }

        // A participant who joins again with their token keeps their id, and so their votes.
        var previous = await PreviousParticipant(http);
        var existing = previous is { Role: Role.Participant } && string.Equals(previous.EventId, eventId, StringComparison.Ordinal)
            ? previous.ParticipantId
            : null;
        var joined = await grains.GetGrain<IEventGrain>(eventId).Join(existing, request?.DisplayName, request?.Organization, request?.Group);
        var caller = new Caller(Role.Participant, eventId, null, joined.ParticipantId, joined.DisplayName, joined.Group);
        return TypedResults.Ok(new TokenReply(tokens.Issue(caller), Role.Participant, eventId, null, joined.ParticipantId));
    }

    /// <summary>
    /// Section 8: a badge is always the same participant, whatever token comes with it, so a
    /// second device gets the same person and the same vote budget.
    /// </summary>
    private static async Task<IResult> JoinWithBadge(JoinRequest request, string address, TokenIssuer tokens, IGrainFactory grains, JoinGuard guard)
    {
        var (badge, hash, refused) = await ResolveBadge(request.Badge, address, grains, guard);
        if (refused is not null)
        {
            return refused;
        }

        var joined = await grains.GetGrain<IEventGrain>(badge!.EventId).JoinWithBadge(badge.BadgeId, hash, request.DisplayName, request.Organization, request.Group);
        var caller = new Caller(Role.Participant, badge.EventId, null, joined.ParticipantId, joined.DisplayName, joined.Group);
        return TypedResults.Ok(new TokenReply(tokens.Issue(caller), Role.Participant, badge.EventId, null, joined.ParticipantId)
        {
            DisplayName = joined.DisplayName,
            Group = joined.Group,
        });
    }

    private static async Task<Caller?> PreviousParticipant(HttpContext http)
    {
        // A token the check refused (an erased participant, section 11) gives a new participant, not the old one.
        if (http.Items.ContainsKey(TokenCheckMiddleware.RevokedItem))
        {
            return null;
        }

        var result = await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.AuthenticateAsync(http);
        return result.Succeeded ? result.Principal.ToCaller() : null;
    }
}
