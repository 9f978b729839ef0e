using Workshops.Contracts;

namespace Workshops.Grains;

// How much one workshop may store, so that no caller can grow the state every write rewrites.
public sealed partial class WorkshopGrain
{
    /// <summary>
    /// Texts the workshop may hold in all (ideas with their authors, audit entries, outputs), in
    /// <see cref="StoredSize"/> units: about 6 MB in UTF-8 at worst. 5,000 ideas of 280 characters
    /// with their audit fit; 5,000 ideas of 2,000 do not, and are refused before the state grows past it.
    /// </summary>
    internal const long MaxStoredUnits = 3_000_000;

    /// <summary>Allowance checked for an audit entry whose detail is short and fixed (phase, timer, settings).</summary>
    private const long SmallAuditUnits = StoredSize.RecordOverhead + 200;

    // Counted on activation, kept current by every change; memory only.
    private long _storedUnits;

    private void CountStoredState()
    {
        _storedUnits = S.Ideas.Sum(StoredSize.Of) + S.Audit.Sum(StoredSize.Of) + S.Outputs.Sum(pair => StoredSize.Of(pair.Key, pair.Value));
    }

    /// <summary>Refuses a change that would take the stored texts past the budget; call before changing anything.</summary>
    private void RequireRoom(long growth)
    {
        if (growth > 0 && _storedUnits + growth > MaxStoredUnits)
        {
            throw WorkshopException.Conflict("this workshop has no room left for more text; shorten or delete ideas, or continue in another workshop");
        }
    }

    private static long AuditUnits(string action, string? ideaId, string? detail) =>
        StoredSize.Of(new AuditRecord { Action = action, IdeaId = ideaId, Detail = detail });
}
