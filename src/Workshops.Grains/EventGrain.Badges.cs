using System.Globalization;
using Workshops.Contracts;
using Workshops.Domain;

namespace Workshops.Grains;

// Personal badges (PROTOCOL.md section 8): one person, one participant, one vote budget.
public sealed partial class EventGrain
{
    internal const int MaxBadgesPerCall = 5_000;

    /// <summary>As many badges as an event may have participants.</summary>
    internal const int MaxBadges = MaxParticipants;

    /// <summary>Badge lookups claimed at once while creating: a printed hall's worth without flooding storage.</summary>
    private const int ClaimBatch = 64;

    internal const string BadgeRevokedAction = AuditNames.BadgeRevoked;

    public async Task<IReadOnlyList<BadgeIssued>> CreateBadges(Caller caller, int? count, IReadOnlyList<BadgePerson>? people)
    {
        RequireOrganizer(caller);
        var wanted = CleanBadgePeople(count, people);
        if (S.Badges.Count + wanted.Count > MaxBadges)
        {
            throw WorkshopException.Conflict($"an event has at most {MaxBadges} badges; this one has room for {MaxBadges - S.Badges.Count} more");
        }

        var growth = wanted.Sum(StoredSize.Of);
        if (StoredUnits() + growth > MaxParticipantUnits)
        {
            throw WorkshopException.Conflict("this event has no room for more personal data; use shorter names or organizations");
        }

        return await ExclusiveAsync(async () =>
        {
            // The lookups first, the event last: a badge the event does not list opens nothing,
            // so a failure half-way leaves only unreachable pointers behind.
            var now = _clock.GetUtcNow();
            var first = S.Badges.Count + 1;
            var issued = new BadgeIssued[wanted.Count];
            for (var start = 0; start < wanted.Count; start += ClaimBatch)
            {
                var batch = Enumerable.Range(start, Math.Min(ClaimBatch, wanted.Count - start));
                await Task.WhenAll(batch.Select(async i =>
                {
                    var badgeId = "b" + (first + i).ToString(CultureInfo.InvariantCulture);
                    var code = await ClaimBadgeCode(badgeId);
                    var record = wanted[i];
                    record.CodeHash = Secrets.HashBadgeCode(code);
                    record.CreatedAt = now;
                    issued[i] = new BadgeIssued(badgeId, code, record.Name, record.Organization, record.Group);
                }));
            }

            for (var i = 0; i < wanted.Count; i++)
            {
                S.Badges[issued[i].BadgeId] = wanted[i];
            }

            _participantUnits = null;
            await _commit.CommitAsync();
            return (IReadOnlyList<BadgeIssued>)issued;
        });
    }

    private async Task<string> ClaimBadgeCode(string badgeId)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var code = Secrets.NewBadgeCode();
            if (await GrainFactory.GetGrain<IBadgeGrain>(Secrets.HashBadgeCode(code)).TryClaim(Id, badgeId))
            {
                return code;
            }
        }

        throw WorkshopException.Conflict("no free badge code was found; try again");
    }

    /// <summary>Exactly one of count (blank badges) and people; every group one of the event's.</summary>
    private List<BadgeRecord> CleanBadgePeople(int? count, IReadOnlyList<BadgePerson>? people)
    {
        if ((count is null) == (people is null))
        {
            throw WorkshopException.Invalid("give either count (blank badges) or people (one badge each)");
        }

        if (count is { } blank)
        {
            if (blank is < 1 or > MaxBadgesPerCall)
            {
                throw WorkshopException.Invalid($"count is 1 to {MaxBadgesPerCall}");
            }

            return [.. Enumerable.Range(0, blank).Select(_ => new BadgeRecord())];
        }

        if (people!.Count is < 1 or > MaxBadgesPerCall)
        {
            throw WorkshopException.Invalid($"people lists 1 to {MaxBadgesPerCall} people");
        }

        var records = new List<BadgeRecord>(people.Count);
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i] ?? new BadgePerson();
            var at = "people[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            records.Add(new BadgeRecord
            {
                Name = TextRules.CleanOptional(person.Name, MaxNameLength, at + ".name"),
                Organization = TextRules.CleanOptional(person.Organization, MaxOrganizationLength, at + ".organization"),
                Group = EventGroup(person.Group, at + ".group"),
            });
        }

        return records;
    }

    /// <summary>A group as given (trimmed), which must be one of the event's; null when none was given.</summary>
    private string? EventGroup(string? group, string what)
    {
        var declared = string.IsNullOrWhiteSpace(group) ? null : group.Trim();
        if (declared is not null && !S.StakeholderGroups.Contains(declared, StringComparer.Ordinal))
        {
            throw WorkshopException.Invalid($"{what} '{declared}' is not one of this event's stakeholder groups");
        }

        return declared;
    }

    public Task<IReadOnlyList<BadgeListing>> GetBadges(Caller caller)
    {
        RequireOrganizer(caller);
        return Task.FromResult<IReadOnlyList<BadgeListing>>([.. S.Badges
            .OrderBy(b => BadgeNumber(b.Key))
            .Select(b => new BadgeListing(b.Key, b.Value.Name, b.Value.Organization, b.Value.Group, b.Value.ParticipantId is not null, b.Value.Revoked))]);
    }

    private static int BadgeNumber(string badgeId) =>
        int.TryParse(badgeId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    public async Task RevokeBadge(Caller caller, string badgeId)
    {
        RequireOrganizer(caller);
        if (badgeId is null || !S.Badges.TryGetValue(badgeId, out var badge))
        {
            throw WorkshopException.NotFound($"no badge '{badgeId}' in this event");
        }

        if (badge.Revoked)
        {
            // Already done: the revocation stands and is audited once.
            await _commit.FlushedAsync();
            return;
        }

        // Votes it cast stay: they were acknowledged. Its tokens end through GetAccess.
        var now = _clock.GetUtcNow();
        badge.Revoked = true;
        badge.RevokedAt = now;
        S.Audit.Add(new AuditRecord { At = now, Role = caller.Role, Action = BadgeRevokedAction, Detail = badgeId });
        await _commit.CommitAsync();
    }

    public Task<EventPublicInfo> GetBadgePublicInfo(string badgeId, string codeHash)
    {
        var badge = UsableBadge(badgeId, codeHash);
        return Task.FromResult(PublicInfo() with
        {
            Badge = new BadgePerson { Name = badge.Name, Organization = badge.Organization, Group = badge.Group },
        });
    }

    /// <summary>The badge this code resolved to: not_found when it is not the event's (any more), forbidden when revoked.</summary>
    private BadgeRecord UsableBadge(string badgeId, string codeHash)
    {
        _commit.ThrowIfBroken();
        RequireInitialized();
        if (badgeId is null || !S.Badges.TryGetValue(badgeId, out var badge) || !string.Equals(badge.CodeHash, codeHash, StringComparison.Ordinal))
        {
            throw WorkshopException.NotFound("no badge has this code");
        }

        if (badge.Revoked)
        {
            throw WorkshopException.Forbidden("this badge was revoked; ask the organizers");
        }

        return badge;
    }

    public async Task<ParticipantJoined> JoinWithBadge(string badgeId, string codeHash, string? displayName, string? organization, string? group)
    {
        var badge = UsableBadge(badgeId, codeHash);

        // What the organizer set wins; what the holder gives fills in the rest, and what they
        // leave out keeps what an earlier join (on another device) said.
        var known = badge.ParticipantId is { } pid && S.Participants.TryGetValue(pid, out var person) ? person : null;
        var name = badge.Name ?? TextRules.CleanOptional(displayName, MaxNameLength, "displayName") ?? known?.DisplayName;
        var org = badge.Organization ?? TextRules.CleanOptional(organization, MaxOrganizationLength, "organization") ?? known?.Organization;
        var declared = badge.Group ?? EventGroup(group, "group") ?? known?.Group;
        if (known is not null
            && string.Equals(known.DisplayName, name, StringComparison.Ordinal)
            && string.Equals(known.Organization, org, StringComparison.Ordinal)
            && string.Equals(known.Group, declared, StringComparison.Ordinal))
        {
            await _commit.FlushedAsync();
            return new ParticipantJoined(badge.ParticipantId!, Id, name, declared);
        }

        if (known is null && S.Participants.Count >= MaxParticipants)
        {
            throw WorkshopException.Conflict("this event is full");
        }

        var units = StoredUnits();
        var after = new ParticipantRecord { DisplayName = name, Organization = org, Group = declared, BadgeId = badgeId };
        var growth = StoredSize.Of(after) - (known is null ? 0 : StoredSize.Of(known));
        if (growth > 0 && units + growth > MaxParticipantUnits)
        {
            throw WorkshopException.Conflict("this event has no room for more participant data; join with a shorter name or organization");
        }

        if (known is null)
        {
            // Set before the write is awaited: a second device joining meanwhile finds it.
            badge.ParticipantId = NewParticipantId();
            known = new ParticipantRecord { JoinedAt = _clock.GetUtcNow(), BadgeId = badgeId };
            S.Participants[badge.ParticipantId] = known;
        }

        known.DisplayName = name;
        known.Organization = org;
        known.Group = declared;
        _participantUnits = units + growth;
        await _commit.CommitAsync();
        return new ParticipantJoined(badge.ParticipantId!, Id, name, declared);
    }

    public Task<GroupSource?> GetGroupSource(Caller caller, IReadOnlyList<string> participantIds)
    {
        RequireMember(caller);
        if (!caller.IsStaff)
        {
            throw WorkshopException.Forbidden("reports are for the event's staff");
        }

        return Task.FromResult(GroupSourceOrNull(participantIds));
    }

    /// <summary>
    /// Null in an event without badges: every group there was declared, and its exports stay
    /// exactly what they were before badges existed.
    /// </summary>
    private GroupSource? GroupSourceOrNull(IEnumerable<string> participantIds) =>
        S.Badges.Count == 0 ? null : GroupSourceOf(participantIds);

    private GroupSource GroupSourceOf(IEnumerable<string> participantIds)
    {
        var fromBadges = 0;
        var declared = 0;
        foreach (var id in participantIds.Distinct(StringComparer.Ordinal))
        {
            if (!S.Participants.TryGetValue(id, out var person) || person.Group is null)
            {
                continue;
            }

            if (person.BadgeId is { } badgeId && S.Badges.TryGetValue(badgeId, out var badge) && badge.Group is not null)
            {
                fromBadges++;
            }
            else
            {
                declared++;
            }
        }

        return GroupSource.Of(fromBadges, declared);
    }

    /// <summary>The participants whose badge is revoked: <see cref="EventAccess.RevokedParticipants"/>.</summary>
    private HashSet<string> RevokedParticipants() =>
        [.. S.Badges.Values.Where(b => b.Revoked && b.ParticipantId is not null).Select(b => b.ParticipantId!)];

    /// <summary>Every badge lookup of the event, released (the event is being deleted).</summary>
    private async Task ReleaseBadgesAsync()
    {
        foreach (var chunk in S.Badges.Values.Chunk(ClaimBatch))
        {
            await Task.WhenAll(chunk.Select(b => GrainFactory.GetGrain<IBadgeGrain>(b.CodeHash).Release(Id)));
        }
    }
}
