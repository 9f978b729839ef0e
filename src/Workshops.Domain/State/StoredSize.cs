namespace Workshops.Domain.State;

/// <summary>
/// A counted proxy for how much a record adds to the stored workshop: the UTF-16 code units of its
/// texts plus a fixed allowance for its ids, numbers and framing. Budgets are checked with it
/// before a change: the texts are the only part of a record whose size a caller controls.
/// </summary>
public static class StoredSize
{
    /// <summary>Ids, timestamps, enums and the serializer's framing of one record.</summary>
    public const int RecordOverhead = 48;

    public static long Of(IdeaState idea) =>
        RecordOverhead + Units(idea.Text) + Units(idea.AuthorName) + Units(idea.AuthorKey) + Units(idea.MergedInto);

    public static long Of(AuditState entry) =>
        RecordOverhead + Units(entry.Action) + Units(entry.IdeaId) + Units(entry.Detail);

    public static long Of(string boardId, OutputState output) =>
        RecordOverhead + Units(boardId) + Units(output.Text) + output.SourceIdeaIds.Sum(id => (long)Units(id));

    public static long Of(WorkshopModelState state) =>
        state.Ideas.Sum(Of) + state.Audit.Sum(Of) + state.Outputs.Sum(pair => Of(pair.Key, pair.Value));

    private static int Units(string? text) => text?.Length ?? 0;
}
