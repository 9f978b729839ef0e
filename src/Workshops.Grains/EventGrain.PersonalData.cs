using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workshops.Contracts;

namespace Workshops.Grains;

// Personal data (contract section 11): a participant's own data, its erasure, the moderator's
// purge and the automatic purge after the retention period (an Orleans reminder).
public sealed partial class EventGrain : IRemindable
{
    internal const string RetentionReminder = "privacy-retention";

    /// <summary>The injected clock of the retention decisions: the keyed one of <see cref="PrivacyOptions.ClockKey"/> if any, else the grain's.</summary>
    private TimeProvider PrivacyClock => ServiceProvider.GetKeyedService<TimeProvider>(PrivacyOptions.ClockKey) ?? _clock;

    // One purge at a time: the grain is reentrant and a reminder tick may meet a moderator's purge.
    private Task<int>? _purging;

    public async Task<PersonalData> GetPersonalData(Caller caller)
    {
        var participantId = RequireOwnParticipant(caller);
        var record = S.Participants[participantId];
        var held = await Task.WhenAll(S.Workshops.Select(w => Workshop(w.WorkshopId).GetPersonalData(participantId)));
        return new PersonalData
        {
            ParticipantId = participantId,
            DisplayName = record.DisplayName,
            Organization = record.Organization,
            Group = record.Group,
            JoinedAt = record.JoinedAt,
            Ideas = [.. held.SelectMany(w => w.Ideas.Select(i => new PersonalDataIdea(w.WorkshopId, i.IdeaId, i.Text)))],
            Votes = [.. held.SelectMany(w => w.Votes.Select(v => new PersonalDataVote(w.WorkshopId, v.IdeaId, v.Votes)))],
        };
    }

    public async Task EraseMyData(Caller caller)
    {
        var participantId = RequireOwnParticipant(caller);

        // The name leaves the event first, so that no workshop signs a new idea with it meanwhile;
        // the token is refused last, so that a failure half-way can be retried with it.
        var record = S.Participants[participantId];
        var badges = S.Badges.Values
            .Where(b => string.Equals(b.ParticipantId, participantId, StringComparison.Ordinal) && (b.Name is not null || b.Organization is not null))
            .ToList();
        if (record.DisplayName is not null || record.Organization is not null || badges.Count > 0)
        {
            record.DisplayName = null;
            record.Organization = null;

            // The organizer's name on the person's badge is their name too.
            foreach (var badge in badges)
            {
                badge.Name = null;
                badge.Organization = null;
            }

            _participantUnits = null;
            await _commit.CommitAsync();
        }

        foreach (var workshop in S.Workshops)
        {
            await Workshop(workshop.WorkshopId).ErasePersonalData([participantId]);
        }

        S.ErasedParticipants.Add(participantId);
        await _commit.CommitAsync();
        await ScrubAsync();
    }

    public async Task<int> PurgePersonalData(Caller caller)
    {
        RequireMember(caller);
        if (caller.Role is not (Role.Moderator or Role.Admin))
        {
            throw WorkshopException.Forbidden("only an admin or the event's moderator purges its personal data");
        }

        return await PurgeOnceAsync(caller.Role);
    }

    public Task<PersonalDataStatus> GetPersonalDataStatus(Caller caller)
    {
        RequireMember(caller);
        if (caller.Role is not (Role.Moderator or Role.Admin))
        {
            throw WorkshopException.Forbidden("only an admin or the event's moderator sees the event's purges");
        }

        return Task.FromResult(new PersonalDataStatus
        {
            RetentionDays = RetentionDays,
            AllClosedAt = S.AllClosedAt,
            PurgeDueAt = PurgeDueAt(),
            RetentionPurgedAt = S.RetentionPurgedAt,
            ErasedOnRequest = S.ErasedParticipants.Count,
            Purges = [.. S.Purges.Select(p => new PersonalDataPurge(p.At, p.Role, p.People, p.Role is null))],
        });
    }

    public Task<IReadOnlyList<AuditEntry>?> GetPurgeAudit(Caller caller)
    {
        RequireMember(caller);
        if (!caller.IsStaff)
        {
            throw WorkshopException.Forbidden("reports are for the event's staff");
        }

        return Task.FromResult<IReadOnlyList<AuditEntry>?>(EventAudit(purgesOnly: true));
    }

    /// <summary>
    /// The event's own audit as its exports show it: the organizers' actions on the event (badge
    /// revocations) and every purge of personal data, in order of time; null when there is none.
    /// A purge says who (a role, or none for the server's own at the end of the retention period),
    /// when and how many people; never a name.
    /// </summary>
    private List<AuditEntry>? EventAudit(bool purgesOnly)
    {
        var purges = S.Purges.Select(p => new AuditEntry
        {
            At = p.At,
            Role = p.Role,
            Action = p.Role is null ? AuditNames.RetentionPurge : AuditNames.PersonalDataPurge,
            Detail = p.People.ToString(CultureInfo.InvariantCulture),
        });
        var actions = purgesOnly ? [] : S.Audit.Select(a => new AuditEntry { At = a.At, Role = a.Role, Action = a.Action, IdeaId = a.IdeaId, Detail = a.Detail });

        // OrderBy is stable: entries of the same moment keep the order they were recorded in.
        var entries = actions.Concat(purges).OrderBy(e => e.At).ToList();
        return entries.Count == 0 ? null : entries;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!string.Equals(reminderName, RetentionReminder, StringComparison.Ordinal))
        {
            return;
        }

        if (!S.Initialized || S.Deleting || S.RetentionPurgedAt is not null)
        {
            // Deleted, or done: the reminder has nothing left to do.
            if (await this.GetReminder(RetentionReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        _commit.ThrowIfBroken();
        await CheckRetentionAsync();
    }

    /// <summary>Registers the retention reminder of an event that has none yet (new, or stored before it existed).</summary>
    private async Task EnsureRetentionReminderAsync()
    {
        if (!S.Initialized || S.Deleting || S.RetentionPurgedAt is not null)
        {
            return;
        }

        try
        {
            if (await this.GetReminder(RetentionReminder) is null)
            {
                var period = ServiceProvider.GetService<IOptions<PrivacyOptions>>()?.Value.RetentionCheckPeriod ?? new PrivacyOptions().RetentionCheckPeriod;
                await this.RegisterOrUpdateReminder(RetentionReminder, period, period);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PrivacyLog.ReminderFailed(_logger, ex, Id);
        }
    }

    private async Task CheckRetentionAsync()
    {
        // "Every workshop closed" is known only to the workshops: asked at every tick, and the
        // first time all are seen closed is kept (a workshop opened again starts it over).
        var summaries = await Task.WhenAll(S.Workshops.Select(w => Workshop(w.WorkshopId).GetSummary()));
        var allClosed = summaries.Length > 0 && summaries.All(w => w.Phase == WorkshopPhase.Closed);
        if (allClosed && S.AllClosedAt is null)
        {
            S.AllClosedAt = PrivacyClock.GetUtcNow();
            await _commit.CommitAsync();
        }
        else if (!allClosed && S.AllClosedAt is not null)
        {
            S.AllClosedAt = null;
            await _commit.CommitAsync();
        }

        if (PurgeDueAt() is { } due && PrivacyClock.GetUtcNow() >= due && S.RetentionPurgedAt is null)
        {
            await PurgeOnceAsync(role: null);
            if (await this.GetReminder(RetentionReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
    }

    private int RetentionDays => S.Privacy?.RetentionDays ?? EventPrivacy.DefaultRetentionDays;

    /// <summary>The retention period runs from the first moment every workshop was closed, or else from the end of the event's day.</summary>
    private DateTimeOffset? PurgeDueAt()
    {
        DateTimeOffset? start = S.AllClosedAt;
        if (start is null && S.Date is not null
            && DateOnly.TryParseExact(S.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            start = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return start?.AddDays(RetentionDays);
    }

    private Task<int> PurgeOnceAsync(Role? role)
    {
        if (_purging is { IsCompleted: false } running)
        {
            return running;
        }

        return _purging = PurgeAsync(role);
    }

    /// <summary>
    /// Erases every participant's name and organization here and in every workshop, then records
    /// the purge (role or none, time, count; never a name) and scrubs storage. Repeatable: a purge
    /// that failed half-way is completed by the next one.
    /// </summary>
    private async Task<int> PurgeAsync(Role? role)
    {
        var people = 0;
        foreach (var record in S.Participants.Values)
        {
            if (record.DisplayName is not null || record.Organization is not null)
            {
                record.DisplayName = null;
                record.Organization = null;
                people++;
            }
        }

        // Badges carry the organizer's names: a claimed one is its holder (counted above when the
        // name reached the participant), an unclaimed one a person of its own.
        foreach (var badge in S.Badges.Values.Where(b => b.Name is not null || b.Organization is not null))
        {
            if (badge.ParticipantId is null)
            {
                people++;
            }

            badge.Name = null;
            badge.Organization = null;
        }

        _participantUnits = null;
        await _commit.CommitAsync();
        foreach (var workshop in S.Workshops)
        {
            await Workshop(workshop.WorkshopId).ErasePersonalData(null);
        }

        var now = PrivacyClock.GetUtcNow();
        S.Purges.Add(new PurgeRecord { At = now, Role = role, People = people });
        if (role is null)
        {
            S.RetentionPurgedAt = now;
        }

        await _commit.CommitAsync();
        PrivacyLog.Purged(_logger, Id, people, role is null);
        await ScrubAsync();
        return people;
    }

    /// <summary>Makes storage forget the overwritten bytes; a failure is logged (the names are already overwritten).</summary>
    private async Task ScrubAsync()
    {
        if (ServiceProvider.GetService<IDataScrubber>() is not { } scrubber)
        {
            return;
        }

        try
        {
            await scrubber.ScrubAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PrivacyLog.ScrubFailed(_logger, ex, Id);
        }
    }

    /// <summary>The participant behind a participant token of this event, still known and not erased.</summary>
    private string RequireOwnParticipant(Caller caller)
    {
        RequireMember(caller);
        if (caller.Role != Role.Participant || caller.ParticipantId is not { } participantId)
        {
            throw WorkshopException.Forbidden("only a participant has personal data here; staff tokens have none");
        }

        if (S.ErasedParticipants.Contains(participantId) || !S.Participants.ContainsKey(participantId))
        {
            throw new WorkshopException(ErrorCodes.Unauthorized, "this token's data was erased; join again");
        }

        return participantId;
    }
}
