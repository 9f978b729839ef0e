using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Workshops.Contracts;
using Workshops.Domain;

namespace Workshops.Grains;

/// <summary>
/// An event: its program, join code, hashed keys, participants and workshops. Reentrant with
/// group commit, because a hall of people joins within the same minute.
/// </summary>
[Reentrant]
public sealed partial class EventGrain : Grain, IEventGrain
{
    internal const int MaxTitleLength = 200;
    internal const int MaxAreaLength = 80;
    internal const int MaxNameLength = 80;
    internal const int MaxOrganizationLength = 120;
    internal const int MaxParticipants = 20_000;
    internal const int MaxPrivacyTextLength = 200;
    internal const int MaxPurposeLength = 1000;

    /// <summary>
    /// What the participants' records and the privacy notice may hold in all, in UTF-16 code units
    /// (see <see cref="StoredSize"/>): 20,000 people with ordinary names and organizations fit (about
    /// 120 units each), while a hall of maximal names stops at about 2,000,000 / 1,650 = 1,200
    /// people instead of every join rewriting tens of megabytes.
    /// </summary>
    internal const int MaxParticipantUnits = 2_000_000;

    private readonly IPersistentState<EventState> _store;
    private readonly GroupCommit _commit;
    private readonly TimeProvider _clock;
    private readonly ILogger<EventGrain> _logger;
    private bool _creating;

    // Counted on first use and kept current by every join; memory only.
    private long? _participantUnits;

    public EventGrain(
        [PersistentState("event", StorageNames.Workshops)] IPersistentState<EventState> store,
        TimeProvider clock,
        ILogger<EventGrain> logger)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
        _commit = new GroupCommit(() => _store.WriteStateAsync(), OnWriteFailed);
    }

    private EventState S => _store.State;

    private IEventDirectoryGrain Directory => GrainFactory.GetGrain<IEventDirectoryGrain>(0);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Events stored before the directory existed join it when they are first used again.
        if (S.Initialized && !S.Deleting)
        {
            try
            {
                await Directory.Add(Id, S.CreatedAt);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Listing only: tried again at the next activation.
                Log.DirectoryFailed(_logger, ex, Id);
            }
        }

        await EnsureRetentionReminderAsync();
    }

    private string Id => this.GetPrimaryKeyString();

    public async Task<EventCreated> Create(EventProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        _commit.ThrowIfBroken();
        if (S.Initialized || _creating)
        {
            throw WorkshopException.Conflict("this event exists already");
        }

        var clean = Validate(program);
        _creating = true;
        try
        {
            // Workshops and keys first, the event last: until its state is stored the event does
            // not exist, so a failure half-way leaves nothing anyone can reach.
            var moderatorKey = Secrets.NewKey("mod_");
            var workshops = new List<WorkshopCreated>();
            var records = new List<EventWorkshopRecord>();
            for (var i = 0; i < clean.Workshops.Count; i++)
            {
                var workshopId = Id + "-w" + (i + 1).ToString(CultureInfo.InvariantCulture);
                var title = clean.Workshops[i].Title;
                var key = Secrets.NewKey("fac_");
                await GrainFactory.GetGrain<IWorkshopGrain>(workshopId).Initialize(
                    new WorkshopDefinition(Id, title, clean.OutputAreas!, clean.Settings!, clean.Language));
                await GrainFactory.GetGrain<ICredentialGrain>(Secrets.HashKey(key)).Set(new Credential(Role.Facilitator, Id, workshopId));
                workshops.Add(new WorkshopCreated(workshopId, title, key));
                records.Add(new EventWorkshopRecord { WorkshopId = workshopId, Title = title, FacilitatorKeyHash = Secrets.HashKey(key) });
            }

            await GrainFactory.GetGrain<ICredentialGrain>(Secrets.HashKey(moderatorKey)).Set(new Credential(Role.Moderator, Id, null));
            var joinCode = await ClaimJoinCode();

            S.Initialized = true;
            SetProgram(clean);
            S.JoinCode = joinCode;
            S.ModeratorKeyHash = Secrets.HashKey(moderatorKey);
            S.Workshops = records;
            S.CreatedAt = _clock.GetUtcNow();
            S.NextWorkshopNumber = records.Count + 1;
            await _commit.CommitAsync();
            await Directory.Add(Id, S.CreatedAt);
            await EnsureRetentionReminderAsync();
            return new EventCreated(Id, joinCode, moderatorKey, workshops);
        }
        finally
        {
            _creating = false;
        }
    }

    private async Task<string> ClaimJoinCode()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var code = Secrets.NewJoinCode();
            if (await GrainFactory.GetGrain<IJoinCodeGrain>(code).TryClaim(Id))
            {
                return code;
            }
        }

        throw WorkshopException.Conflict("no free join code was found; try again");
    }

    /// <summary>The validated program's own fields, as created or edited (an edit keeps keys and code).</summary>
    private void SetProgram(EventProgram clean)
    {
        S.Title = clean.Title;
        S.Date = clean.Date;
        S.Venue = clean.Venue;
        S.Language = clean.Language;
        S.OutputAreas = [.. clean.OutputAreas!];
        S.StakeholderGroups = [.. clean.StakeholderGroups!];
        S.Settings = clean.Settings!;
        S.Privacy = clean.Privacy;

        // The notice counts in the event's budget: counted again at the next join.
        _participantUnits = null;
    }

    /// <summary>The units the participants, the badges and the notice hold now (see <see cref="MaxParticipantUnits"/>).</summary>
    private long StoredUnits() => _participantUnits ??=
        S.Participants.Values.Sum(StoredSize.Of) + S.Badges.Values.Sum(StoredSize.Of) + StoredSize.Of(S.Privacy);

    /// <summary>Checks the program and fills in the contract's defaults.</summary>
    internal static EventProgram Validate(EventProgram program)
    {
        var title = TextRules.Clean(program.Title, MaxTitleLength, "title");
        string? date = null;
        if (!string.IsNullOrWhiteSpace(program.Date))
        {
            if (!DateOnly.TryParseExact(program.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw WorkshopException.Invalid("date must be YYYY-MM-DD");
            }

            date = parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var venue = TextRules.CleanOptional(program.Venue, MaxTitleLength, "venue");
        var language = string.IsNullOrWhiteSpace(program.Language) ? "tr" : program.Language.Trim();
        if (language is not ("tr" or "en"))
        {
            throw WorkshopException.Invalid("language must be \"tr\" or \"en\"");
        }

        var areas = CleanNames(program.OutputAreas ?? [.. EventProgram.DefaultOutputAreas], 1, 5, "outputAreas");
        var groups = CleanNames(program.StakeholderGroups ?? [.. EventProgram.DefaultStakeholderGroups], 0, 12, "stakeholderGroups");
        if (program.Workshops is null || program.Workshops.Count is < 1 or > 100)
        {
            throw WorkshopException.Invalid("an event has 1 to 100 workshops");
        }

        var workshops = program.Workshops
            .Select(w => new WorkshopProgram
            {
                Title = TextRules.Clean(w?.Title, MaxTitleLength, "workshop title"),
                WorkshopId = string.IsNullOrWhiteSpace(w?.WorkshopId) ? null : w.WorkshopId.Trim(),
            })
            .ToList();
        var settings = program.Settings ?? WorkshopSettings.Default;
        if (settings.Validate() is { } problem)
        {
            throw WorkshopException.Invalid(problem);
        }

        if (settings.JoinWith is null)
        {
            settings = settings with { JoinWith = WorkshopSettings.JoinWithCode };
        }

        return new EventProgram
        {
            Title = title,
            Date = date,
            Venue = venue,
            Language = language,
            OutputAreas = areas,
            Workshops = workshops,
            StakeholderGroups = groups,
            Settings = settings,
            Privacy = program.Privacy is null ? null : ValidatePrivacy(program.Privacy),
        };
    }

    private static EventPrivacy ValidatePrivacy(EventPrivacy privacy)
    {
        var retention = privacy.RetentionDays ?? EventPrivacy.DefaultRetentionDays;
        if (retention is < 0 or > EventPrivacy.MaxRetentionDays)
        {
            throw WorkshopException.Invalid($"privacy.retentionDays must be between 0 and {EventPrivacy.MaxRetentionDays}");
        }

        return new EventPrivacy
        {
            Controller = TextRules.Clean(privacy.Controller, MaxPrivacyTextLength, "privacy.controller"),
            Contact = TextRules.Clean(privacy.Contact, MaxPrivacyTextLength, "privacy.contact"),
            Purpose = TextRules.CleanOptional(privacy.Purpose, MaxPurposeLength, "privacy.purpose"),
            RetentionDays = retention,
        };
    }

    private static List<string> CleanNames(List<string> names, int min, int max, string what)
    {
        if (names.Count < min || names.Count > max)
        {
            throw WorkshopException.Invalid($"{what} holds {min} to {max} names");
        }

        var cleaned = names.Select(n => TextRules.Clean(n, MaxAreaLength, what)).ToList();
        if (cleaned.Distinct(StringComparer.Ordinal).Count() != cleaned.Count)
        {
            throw WorkshopException.Invalid($"{what} lists a name twice");
        }

        return cleaned;
    }

    public async Task<EventSummary> GetSummary(Caller caller)
    {
        RequireMember(caller);
        var summaries = await Task.WhenAll(S.Workshops.Select(w => GrainFactory.GetGrain<IWorkshopGrain>(w.WorkshopId).GetSummary()));
        return new EventSummary(Id, S.Title, S.Date, S.Venue, S.Language, S.OutputAreas, summaries)
        {
            StakeholderGroups = S.StakeholderGroups,
            JoinCode = caller.IsStaff ? S.JoinCode : null,
            Settings = S.Settings,
            CreatedAt = S.CreatedAt,
            Privacy = S.Privacy,
        };
    }

    public async Task<ParticipantJoined> Join(string? existingParticipantId, string? displayName, string? organization, string? group)
    {
        _commit.ThrowIfBroken();
        RequireInitialized();
        if (string.Equals(S.Settings.JoinWith, WorkshopSettings.JoinWithBadge, StringComparison.Ordinal))
        {
            // Section 8: one person, one vote; a shared code would let anyone join twice.
            throw WorkshopException.Forbidden("this event is joined with a personal badge, not the join code; ask the organizers for your badge");
        }

        var name = TextRules.CleanOptional(displayName, MaxNameLength, "displayName");
        var org = TextRules.CleanOptional(organization, MaxOrganizationLength, "organization");
        var declared = string.IsNullOrWhiteSpace(group) ? null : group.Trim();
        if (declared is not null && !S.StakeholderGroups.Contains(declared, StringComparer.Ordinal))
        {
            throw WorkshopException.Invalid($"'{declared}' is not one of this event's stakeholder groups");
        }

        // A badge's participant is never changed through the code: the organizer's group stays.
        var known = existingParticipantId is not null
            && S.Participants.TryGetValue(existingParticipantId, out var previous) && previous.BadgeId is null;
        if (known)
        {
            var same = S.Participants[existingParticipantId!];
            if (string.Equals(same.DisplayName, name, StringComparison.Ordinal)
                && string.Equals(same.Organization, org, StringComparison.Ordinal)
                && string.Equals(same.Group, declared, StringComparison.Ordinal))
            {
                // A reload that changes nothing does not rewrite the event.
                await _commit.FlushedAsync();
                return new ParticipantJoined(existingParticipantId!, Id, name, declared);
            }
        }
        else if (S.Participants.Count >= MaxParticipants)
        {
            throw WorkshopException.Conflict("this event is full");
        }

        var units = StoredUnits();
        var after = new ParticipantRecord { DisplayName = name, Organization = org, Group = declared };
        var growth = StoredSize.Of(after) - (known ? StoredSize.Of(S.Participants[existingParticipantId!]) : 0);
        if (growth > 0 && units + growth > MaxParticipantUnits)
        {
            throw WorkshopException.Conflict("this event has no room for more participant data; join with a shorter name or organization");
        }

        if (!known)
        {
            existingParticipantId = NewParticipantId();
            S.Participants[existingParticipantId] = new ParticipantRecord { JoinedAt = _clock.GetUtcNow() };
        }

        var record = S.Participants[existingParticipantId!];
        record.DisplayName = name;
        record.Organization = org;
        record.Group = declared;
        _participantUnits = units + growth;
        await _commit.CommitAsync();
        return new ParticipantJoined(existingParticipantId!, Id, name, declared);
    }

    private string NewParticipantId()
    {
        string id;
        do
        {
            id = "p" + Secrets.NewId(11);
        }
        while (S.Participants.ContainsKey(id));
        return id;
    }

    public async Task<EventExport> GetExport(Caller caller)
    {
        RequireMember(caller);
        if (caller.Role is not (Role.Moderator or Role.Admin))
        {
            throw WorkshopException.Forbidden("only the event's moderator exports the whole event");
        }

        var workshops = await Task.WhenAll(S.Workshops.Select(w => GrainFactory.GetGrain<IWorkshopGrain>(w.WorkshopId).GetExport(caller)));
        var participantIds = workshops.SelectMany(w => w.ParticipantIds).Distinct(StringComparer.Ordinal).ToList();
        return new EventExport
        {
            EventId = Id,
            Title = S.Title,
            Date = S.Date,
            Venue = S.Venue,
            ExportedAt = _clock.GetUtcNow(),
            Participants = participantIds.Count,
            Workshops = workshops,
            GroupSource = GroupSourceOrNull(participantIds),
            Audit = EventAudit(purgesOnly: false),
        };
    }

    public Task<IReadOnlyList<string>> GetWorkshopIds()
    {
        _commit.ThrowIfBroken();
        return Task.FromResult<IReadOnlyList<string>>([.. S.Workshops.Select(w => w.WorkshopId)]);
    }

    public Task<string?> GetDisplayName(string participantId)
    {
        _commit.ThrowIfBroken();
        RequireInitialized();
        return Task.FromResult(participantId is not null && S.Participants.TryGetValue(participantId, out var record) ? record.DisplayName : null);
    }

    public Task<EventPublicInfo> GetPublicInfo()
    {
        _commit.ThrowIfBroken();
        RequireInitialized();
        return Task.FromResult(PublicInfo());
    }

    private EventPublicInfo PublicInfo() => new(
        Id, S.Title, S.Language, S.StakeholderGroups,
        [.. S.Workshops.Select(w => new WorkshopTitle(w.WorkshopId, w.Title))])
    {
        Privacy = S.Privacy,
        JoinWith = S.Settings.JoinWith ?? WorkshopSettings.JoinWithCode,
    };

    private void RequireInitialized()
    {
        if (!S.Initialized || S.Deleting)
        {
            throw WorkshopException.NotFound("no such event");
        }
    }

    private void RequireMember(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        _commit.ThrowIfBroken();
        RequireInitialized();
        if (caller.Role != Role.Admin && !string.Equals(caller.EventId, Id, StringComparison.Ordinal))
        {
            throw WorkshopException.Forbidden("this token does not reach this event");
        }
    }

    private void OnWriteFailed(Exception error)
    {
        Log.EventWriteFailed(_logger, error, Id);
        DeactivateOnIdle();
    }
}
