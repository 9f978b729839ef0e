using System.Globalization;
using Workshops.Contracts;
using Workshops.Domain.Events;
using Workshops.Domain.State;
using static Workshops.Domain.Model.WorkshopAccess;

namespace Workshops.Domain.Model;

/// <summary>Adding, editing, removing, hiding and merging ideas.</summary>
public static class IdeaCommands
{
    /// <param name="model">The workshop's model.</param>
    /// <param name="state">The state to decide on; the events are folded into it.</param>
    /// <param name="caller">Who adds.</param>
    /// <param name="input">The idea.</param>
    /// <param name="signedName">The name the idea is signed with (none while ideas are anonymous).</param>
    /// <param name="now">The time of the change.</param>
    public static Decision<Idea> Add(WorkshopModel model, WorkshopModelState state, Caller caller, IdeaInput input, string? signedName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        RequireReader(state, model.WorkshopId, caller);
        var source = SourceOf(input.Source);
        if (source == IdeaSource.Paper && !caller.IsStaff)
        {
            throw WorkshopException.Forbidden("only staff type in ideas written on paper");
        }

        var clientOpId = input.ClientOpId is null ? null : TextRules.ClientOpId(input.ClientOpId);
        if (clientOpId is not null && FindOp(state, caller, clientOpId) is { } done)
        {
            if (done.Kind != OpKind.AddIdea)
            {
                throw WorkshopException.Conflict("this clientOpId was used for another operation");
            }

            var earlier = FindIdea(state, done.IdeaId);
            return new([], [], WorkshopViews.IdeaView(state, earlier, mine: true, caller.IsStaff || state.ResultsVisibleToParticipants));
        }

        if (caller.IsStaff)
        {
            RequireNotClosed(state);
        }
        else if (state.Phase != WorkshopPhase.Brainstorm)
        {
            throw WorkshopException.WrongPhase($"ideas are added during Brainstorm; the workshop is in {state.Phase}");
        }

        var areaIndex = AreaIndex(state, input.BoardId);
        var text = TextRules.Clean(input.Text, state.Settings.MaxIdeaLength, "idea text");
        if (state.Ideas.Count >= WorkshopBudget.MaxIdeasPerWorkshop)
        {
            throw WorkshopException.Conflict($"this workshop holds its maximum of {WorkshopBudget.MaxIdeasPerWorkshop} ideas");
        }

        if (!caller.IsStaff && state.Ideas.Count(i => WorkshopViews.IsAuthor(caller, i)) >= WorkshopBudget.MaxIdeasPerParticipant)
        {
            throw WorkshopException.Conflict($"one person may add at most {WorkshopBudget.MaxIdeasPerParticipant} ideas");
        }

        var added = new IdeaAdded
        {
            IdeaId = "i" + state.NextIdeaNumber.ToString(CultureInfo.InvariantCulture),
            BoardId = WorkshopModelState.BoardIdOf(areaIndex),
            Text = text,
            AuthorKey = caller.ActorKey,
            AuthorRole = caller.Role,
            AuthorGroup = caller.Group ?? "",

            // Written while ideas are anonymous: the name is never stored, so no later setting,
            // view or export can show it. The author key stays, for "mine", permissions and limits.
            AuthorName = state.Settings.AnonymousIdeas ? null : signedName,
            ClientOpId = clientOpId,
            Source = source,
        };
        var size = StoredSize.Of(new IdeaState { Text = text, AuthorKey = added.AuthorKey, AuthorName = added.AuthorName });
        WorkshopBudget.RequireRoom(state, size + (caller.IsStaff ? WorkshopBudget.AuditUnits(source == IdeaSource.Paper ? "add-paper" : "add", added.IdeaId, text) : 0));

        var change = new Change(state, model.WorkshopId, now);
        change.Raise(added, caller.IsStaff ? caller.Role : null);
        var idea = state.FindIdea(added.IdeaId)!;
        model.EmitIdea(change, state.Version, idea, EventNames.IdeaAdded, wasVisibleToOthers: false);
        model.EmitChangedOutputs(change);
        return change.Done(WorkshopViews.IdeaView(state, idea, mine: true, caller.IsStaff || state.ResultsVisibleToParticipants));
    }

    /// <summary>The wire's "digital" (or absent) and "paper", exactly (ordinal).</summary>
    private static IdeaSource SourceOf(string? source) => source switch
    {
        null or "digital" => IdeaSource.Digital,
        "paper" => IdeaSource.Paper,
        _ => throw WorkshopException.Invalid($"'{source}' is not an idea source; use digital or paper"),
    };

    public static Decision<Idea> Edit(WorkshopModel model, WorkshopModelState state, Caller caller, string ideaId, string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireReader(state, model.WorkshopId, caller);
        var idea = FindIdea(state, ideaId);
        RequireAuthorInBrainstormOrStaff(state, caller, idea, "edit");
        if (idea.Status == IdeaStatus.Merged)
        {
            throw WorkshopException.Conflict("a merged idea cannot be edited; edit the idea it was merged into");
        }

        var cleaned = TextRules.Clean(text, state.Settings.MaxIdeaLength, "idea text");
        var change = new Change(state, model.WorkshopId, now);
        if (!string.Equals(cleaned, idea.Text, StringComparison.Ordinal))
        {
            var detail = $"«{idea.Text}» → «{cleaned}»";
            WorkshopBudget.RequireRoom(state, cleaned.Length - idea.Text.Length + (caller.IsStaff ? WorkshopBudget.AuditUnits("edit", idea.IdeaId, detail) : 0));
            change.Raise(new IdeaEdited { IdeaId = idea.IdeaId, Text = cleaned }, caller.IsStaff ? caller.Role : null);
            var visible = idea.Status == IdeaStatus.Visible;
            model.EmitIdea(change, state.Version, idea, EventNames.IdeaChanged, wasVisibleToOthers: visible);
            model.EmitChangedOutputs(change);
        }

        return change.Done(WorkshopViews.IdeaView(state, idea, mine: WorkshopViews.IsAuthor(caller, idea), caller.IsStaff || state.ResultsVisibleToParticipants));
    }

    public static Decision<bool> Delete(WorkshopModel model, WorkshopModelState state, Caller caller, string ideaId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireReader(state, model.WorkshopId, caller);
        var idea = FindIdea(state, ideaId);
        RequireAuthorInBrainstormOrStaff(state, caller, idea, "delete");

        // The votes of ideas merged into this one live on it; deleting it would lose them and
        // leave those ideas merged into nothing.
        var merged = state.Ideas.Where(i => string.Equals(i.MergedInto, idea.IdeaId, StringComparison.Ordinal)).Select(i => i.IdeaId).ToList();
        if (merged.Count > 0)
        {
            throw WorkshopException.Conflict($"ideas {string.Join(", ", merged)} were merged into this one; hide it instead of deleting it");
        }

        WorkshopBudget.RequireRoom(state, (caller.IsStaff ? WorkshopBudget.AuditUnits("delete", idea.IdeaId, idea.Text) : 0) - StoredSize.Of(idea));
        var wasVisible = idea.Status == IdeaStatus.Visible;
        var change = new Change(state, model.WorkshopId, now);
        change.Raise(new IdeaDeleted { IdeaId = idea.IdeaId }, caller.IsStaff ? caller.Role : null);
        model.TallyGone(idea.IdeaId);

        var version = state.Version;
        var author = idea.ParticipantAuthor;
        var removed = new IdeaRemovedEvent(model.WorkshopId, version, idea.IdeaId);
        var others = wasVisible
            ? new Delivery(author is null ? Audience.Participants : Audience.ParticipantsExcept, author, EventNames.IdeaRemoved, removed)
            : new Delivery(author is null ? Audience.Participants : Audience.ParticipantsExcept, author, EventNames.VersionChanged, new VersionChangedEvent(model.WorkshopId, version));
        change.Notify(version, author is null
            ? [new Delivery(Audience.Staff, null, EventNames.IdeaRemoved, removed), others]
            : [new Delivery(Audience.Staff, null, EventNames.IdeaRemoved, removed), others, new Delivery(Audience.Participant, author, EventNames.IdeaRemoved, removed)]);
        model.EmitChangedOutputs(change);
        return change.Done(true);
    }

    /// <summary>Hides (<see cref="IdeaStatus.Hidden"/>) or restores (<see cref="IdeaStatus.Visible"/>) an idea.</summary>
    public static Decision<Idea> SetVisibility(WorkshopModel model, WorkshopModelState state, Caller caller, string ideaId, IdeaStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireStaffNotClosed(state, model.WorkshopId, caller);
        var idea = FindIdea(state, ideaId);
        if (idea.Status == IdeaStatus.Merged)
        {
            throw WorkshopException.Conflict("a merged idea cannot be hidden or restored");
        }

        var change = new Change(state, model.WorkshopId, now);
        if (idea.Status != status)
        {
            WorkshopBudget.RequireRoom(state, WorkshopBudget.SmallAuditUnits);
            var wasVisible = idea.Status == IdeaStatus.Visible;
            change.Raise(new IdeaStatusChanged { IdeaId = idea.IdeaId, Status = status }, caller.Role);
            model.EmitIdea(change, state.Version, idea, EventNames.IdeaChanged, wasVisibleToOthers: wasVisible);
            model.EmitChangedOutputs(change);
        }

        return change.Done(WorkshopViews.IdeaView(state, idea, mine: WorkshopViews.IsAuthor(caller, idea), seesTallies: true));
    }

    public static Decision<Idea> Merge(WorkshopModel model, WorkshopModelState state, Caller caller, string targetIdeaId, IReadOnlyList<string>? sourceIdeaIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireStaffNotClosed(state, model.WorkshopId, caller);
        var target = FindIdea(state, targetIdeaId);
        if (sourceIdeaIds is null || sourceIdeaIds.Count == 0)
        {
            throw WorkshopException.Invalid("name at least one idea to merge into the target");
        }

        if (sourceIdeaIds.Distinct(StringComparer.Ordinal).Count() != sourceIdeaIds.Count || sourceIdeaIds.Contains(targetIdeaId, StringComparer.Ordinal))
        {
            throw WorkshopException.Invalid("the ideas to merge must be distinct and other than the target");
        }

        var sources = sourceIdeaIds.Select(id => FindIdea(state, id)).ToList();
        if (target.Status == IdeaStatus.Merged || sources.Any(s => s.Status == IdeaStatus.Merged))
        {
            throw WorkshopException.Conflict("an idea that is already merged cannot take part in another merge");
        }

        if (sources.Any(s => !string.Equals(s.BoardId, target.BoardId, StringComparison.Ordinal)))
        {
            throw WorkshopException.Invalid("only ideas of the same board can be merged");
        }

        var mergeDetail = string.Join(",", sourceIdeaIds);
        WorkshopBudget.RequireRoom(state, WorkshopBudget.AuditUnits("merge", target.IdeaId, mergeDetail) + sources.Sum(s => (long)target.IdeaId.Length));
        var wasVisible = sources.Select(s => s.Status == IdeaStatus.Visible).ToList();
        var first = state.Version + 1;
        var change = new Change(state, model.WorkshopId, now);
        change.Raise(new IdeasMerged { TargetIdeaId = target.IdeaId, SourceIdeaIds = [.. sourceIdeaIds] }, caller.Role);
        for (var i = 0; i < sources.Count; i++)
        {
            model.TallyGone(sources[i].IdeaId);
            model.EmitIdea(change, first + i, sources[i], EventNames.IdeaChanged, wasVisibleToOthers: wasVisible[i]);
        }

        model.EmitIdea(change, first + sources.Count, target, EventNames.IdeaChanged, wasVisibleToOthers: target.Status == IdeaStatus.Visible);
        model.TallyMoved(target.IdeaId);
        model.EmitChangedOutputs(change);
        return change.Done(WorkshopViews.IdeaView(state, target, mine: WorkshopViews.IsAuthor(caller, target), seesTallies: true));
    }
}
