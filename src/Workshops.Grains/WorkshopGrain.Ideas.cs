using System.Globalization;
using Workshops.Contracts;

namespace Workshops.Grains;

// Adding, editing, removing, hiding and merging ideas.
public sealed partial class WorkshopGrain
{
    public async Task<Idea> AddIdea(Caller caller, IdeaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireReader(caller);
        var signedName = await SignatureAsync(caller);
        var clientOpId = input.ClientOpId is null ? null : TextRules.ClientOpId(input.ClientOpId);
        if (clientOpId is not null && FindOp(caller, clientOpId) is { } done)
        {
            return await ReplayAddIdea(caller, done);
        }

        if (caller.IsStaff)
        {
            RequireNotClosed();
        }
        else if (S.Phase != WorkshopPhase.Brainstorm)
        {
            throw WorkshopException.WrongPhase($"ideas are added during Brainstorm; the workshop is in {S.Phase}");
        }

        var areaIndex = AreaIndex(input.BoardId);
        var text = TextRules.Clean(input.Text, S.Settings.MaxIdeaLength, "idea text");
        if (S.Ideas.Count >= MaxIdeasPerWorkshop)
        {
            throw WorkshopException.Conflict($"this workshop holds its maximum of {MaxIdeasPerWorkshop} ideas");
        }

        if (!caller.IsStaff && S.Ideas.Count(i => IsAuthor(caller, i)) >= MaxIdeasPerParticipant)
        {
            throw WorkshopException.Conflict($"one person may add at most {MaxIdeasPerParticipant} ideas");
        }

        var idea = new IdeaRecord
        {
            IdeaId = "i" + S.NextIdeaNumber.ToString(CultureInfo.InvariantCulture),
            BoardId = BoardIdOf(areaIndex),
            Text = text,
            AuthorKey = caller.ActorKey,

            // Written while ideas are anonymous: the name is never stored, so no later setting,
            // view or export can show it. The author key stays, for "mine", permissions and limits.
            AuthorName = S.Settings.AnonymousIdeas ? null : signedName,
            CreatedAt = _clock.GetUtcNow(),
            Status = IdeaStatus.Visible,
        };
        RequireRoom(StoredSize.Of(idea) + (caller.IsStaff ? AuditUnits("add", idea.IdeaId, text) : 0));
        var actor = Actor(caller);
        _storedUnits += StoredSize.Of(idea);
        S.NextIdeaNumber++;
        S.Ideas.Add(idea);
        _ideas[idea.IdeaId] = idea;
        if (clientOpId is not null)
        {
            RecordOp(actor, clientOpId, new OpRecord { Kind = OpKind.AddIdea, IdeaId = idea.IdeaId });
        }

        if (caller.IsStaff)
        {
            Audit(caller, "add", idea.IdeaId, text);
        }

        EmitIdea(idea, EventNames.IdeaAdded, wasVisibleToOthers: false);
        EmitChangedOutputs();
        await _commit.CommitAsync();
        WorkshopsMetrics.Ideas.Add(1);
        return View(idea, mine: true, caller.IsStaff || ResultsVisibleToParticipants);
    }

    /// <summary>The name an idea would be signed with now: none while ideas are anonymous.</summary>
    private async Task<string?> SignatureAsync(Caller caller)
    {
        if (S.Settings.AnonymousIdeas)
        {
            return null;
        }

        if (caller.IsStaff)
        {
            return WireNames.Of(caller.Role);
        }

        // Tokens carry no names (they travel with every request); the event keeps them.
        return await GrainFactory.GetGrain<IEventGrain>(S.EventId).GetDisplayName(caller.ParticipantId!);
    }

    private async Task<Idea> ReplayAddIdea(Caller caller, OpRecord done)
    {
        if (done.Kind != OpKind.AddIdea)
        {
            throw WorkshopException.Conflict("this clientOpId was used for another operation");
        }

        await _commit.FlushedAsync();
        var idea = FindIdea(done.IdeaId);
        return View(idea, mine: true, caller.IsStaff || ResultsVisibleToParticipants);
    }

    public async Task<Idea> EditIdea(Caller caller, string ideaId, string text)
    {
        RequireReader(caller);
        var idea = FindIdea(ideaId);
        RequireAuthorInBrainstormOrStaff(caller, idea, "edit");
        if (idea.Status == IdeaStatus.Merged)
        {
            throw WorkshopException.Conflict("a merged idea cannot be edited; edit the idea it was merged into");
        }

        var cleaned = TextRules.Clean(text, S.Settings.MaxIdeaLength, "idea text");
        if (!string.Equals(cleaned, idea.Text, StringComparison.Ordinal))
        {
            var detail = $"«{idea.Text}» → «{cleaned}»";
            RequireRoom(cleaned.Length - idea.Text.Length + (caller.IsStaff ? AuditUnits("edit", idea.IdeaId, detail) : 0));
            if (caller.IsStaff)
            {
                Audit(caller, "edit", idea.IdeaId, detail);
            }

            _storedUnits += cleaned.Length - idea.Text.Length;
            idea.Text = cleaned;
            var visible = idea.Status == IdeaStatus.Visible;
            EmitIdea(idea, EventNames.IdeaChanged, wasVisibleToOthers: visible);
            EmitChangedOutputs();
            await _commit.CommitAsync();
        }
        else
        {
            await _commit.FlushedAsync();
        }

        return View(idea, mine: IsAuthor(caller, idea), caller.IsStaff || ResultsVisibleToParticipants);
    }

    public async Task DeleteIdea(Caller caller, string ideaId)
    {
        RequireReader(caller);
        var idea = FindIdea(ideaId);
        RequireAuthorInBrainstormOrStaff(caller, idea, "delete");

        // The votes of ideas merged into this one live on it; deleting it would lose them and
        // leave those ideas merged into nothing.
        var merged = S.Ideas.Where(i => string.Equals(i.MergedInto, idea.IdeaId, StringComparison.Ordinal)).Select(i => i.IdeaId).ToList();
        if (merged.Count > 0)
        {
            throw WorkshopException.Conflict($"ideas {string.Join(", ", merged)} were merged into this one; hide it instead of deleting it");
        }

        RequireRoom((caller.IsStaff ? AuditUnits("delete", idea.IdeaId, idea.Text) : 0) - StoredSize.Of(idea));
        var wasVisible = idea.Status == IdeaStatus.Visible;

        // The votes on a deleted idea go back to their owners' budgets.
        foreach (var actor in S.Actors.Values)
        {
            actor.Votes.Remove(idea.IdeaId);
        }

        if (_tallies.Remove(idea.IdeaId))
        {
            _dirtyTallies.Remove(idea.IdeaId);
        }

        S.Ideas.Remove(idea);
        _ideas.Remove(idea.IdeaId);
        _storedUnits -= StoredSize.Of(idea);
        if (caller.IsStaff)
        {
            Audit(caller, "delete", idea.IdeaId, idea.Text);
        }

        var author = idea.AuthorKey.StartsWith("p:", StringComparison.Ordinal) ? idea.AuthorKey[2..] : null;
        Emit(version =>
        {
            var removed = new IdeaRemovedEvent(Id, version, idea.IdeaId);
            var others = wasVisible
                ? new Delivery(author is null ? Audience.Participants : Audience.ParticipantsExcept, author, EventNames.IdeaRemoved, removed)
                : new Delivery(author is null ? Audience.Participants : Audience.ParticipantsExcept, author, EventNames.VersionChanged, new VersionChangedEvent(Id, version));
            return author is null
                ? [new Delivery(Audience.Staff, null, EventNames.IdeaRemoved, removed), others]
                : [new Delivery(Audience.Staff, null, EventNames.IdeaRemoved, removed), others, new Delivery(Audience.Participant, author, EventNames.IdeaRemoved, removed)];
        });
        EmitChangedOutputs();
        await _commit.CommitAsync();
    }

    public Task<Idea> HideIdea(Caller caller, string ideaId) => SetVisibility(caller, ideaId, IdeaStatus.Hidden);

    public Task<Idea> RestoreIdea(Caller caller, string ideaId) => SetVisibility(caller, ideaId, IdeaStatus.Visible);

    private async Task<Idea> SetVisibility(Caller caller, string ideaId, IdeaStatus status)
    {
        RequireStaffNotClosed(caller);
        var idea = FindIdea(ideaId);
        if (idea.Status == IdeaStatus.Merged)
        {
            throw WorkshopException.Conflict("a merged idea cannot be hidden or restored");
        }

        if (idea.Status != status)
        {
            RequireRoom(SmallAuditUnits);
            var wasVisible = idea.Status == IdeaStatus.Visible;
            idea.Status = status;
            Audit(caller, status == IdeaStatus.Hidden ? "hide" : "restore", idea.IdeaId);
            EmitIdea(idea, EventNames.IdeaChanged, wasVisibleToOthers: wasVisible);
            EmitChangedOutputs();
            await _commit.CommitAsync();
        }
        else
        {
            await _commit.FlushedAsync();
        }

        return View(idea, mine: IsAuthor(caller, idea), seesTallies: true);
    }

    public async Task<Idea> MergeIdeas(Caller caller, string targetIdeaId, IReadOnlyList<string> sourceIdeaIds)
    {
        RequireStaffNotClosed(caller);
        var target = FindIdea(targetIdeaId);
        if (sourceIdeaIds is null || sourceIdeaIds.Count == 0)
        {
            throw WorkshopException.Invalid("name at least one idea to merge into the target");
        }

        if (sourceIdeaIds.Distinct(StringComparer.Ordinal).Count() != sourceIdeaIds.Count || sourceIdeaIds.Contains(targetIdeaId, StringComparer.Ordinal))
        {
            throw WorkshopException.Invalid("the ideas to merge must be distinct and other than the target");
        }

        var sources = sourceIdeaIds.Select(FindIdea).ToList();
        if (target.Status == IdeaStatus.Merged || sources.Any(s => s.Status == IdeaStatus.Merged))
        {
            throw WorkshopException.Conflict("an idea that is already merged cannot take part in another merge");
        }

        if (sources.Any(s => !string.Equals(s.BoardId, target.BoardId, StringComparison.Ordinal)))
        {
            throw WorkshopException.Invalid("only ideas of the same board can be merged");
        }

        var mergeDetail = string.Join(",", sourceIdeaIds);
        RequireRoom(AuditUnits("merge", target.IdeaId, mergeDetail) + sources.Sum(s => (long)target.IdeaId.Length));

        // Every vote on a source moves to the target: none is lost, none is counted twice.
        foreach (var source in sources)
        {
            foreach (var actor in S.Actors.Values)
            {
                if (actor.Votes.Remove(source.IdeaId, out var votes) && votes > 0)
                {
                    actor.Votes[target.IdeaId] = actor.Votes.GetValueOrDefault(target.IdeaId) + votes;
                }
            }

            if (_tallies.Remove(source.IdeaId, out var moved))
            {
                _tallies[target.IdeaId] = _tallies.GetValueOrDefault(target.IdeaId) + moved;
            }

            _dirtyTallies.Remove(source.IdeaId);
            var wasVisible = source.Status == IdeaStatus.Visible;
            source.Status = IdeaStatus.Merged;
            source.MergedInto = target.IdeaId;
            _storedUnits += target.IdeaId.Length;
            EmitIdea(source, EventNames.IdeaChanged, wasVisibleToOthers: wasVisible);
        }

        Audit(caller, "merge", target.IdeaId, mergeDetail);
        EmitIdea(target, EventNames.IdeaChanged, wasVisibleToOthers: target.Status == IdeaStatus.Visible);
        _dirtyTallies.Add(target.IdeaId);
        EnsureTallyTimer();
        EmitChangedOutputs();
        await _commit.CommitAsync();
        return View(target, mine: IsAuthor(caller, target), seesTallies: true);
    }

    private void RequireAuthorInBrainstormOrStaff(Caller caller, IdeaRecord idea, string what)
    {
        if (caller.IsStaff)
        {
            RequireNotClosed();
            return;
        }

        if (!IsAuthor(caller, idea))
        {
            throw WorkshopException.Forbidden($"only its author or a facilitator may {what} this idea");
        }

        if (S.Phase != WorkshopPhase.Brainstorm)
        {
            throw WorkshopException.WrongPhase($"authors {what} their ideas during Brainstorm; the workshop is in {S.Phase}");
        }
    }
}
