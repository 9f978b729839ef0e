using Workshops.Contracts;
using Workshops.Domain.State;

namespace Workshops.Domain.Model;

/// <summary>How much one workshop may store, so that no caller can grow it without bound.</summary>
public static class WorkshopBudget
{
    /// <summary>
    /// Texts the workshop may hold in all (ideas with their authors, audit entries, outputs), in
    /// <see cref="StoredSize"/> units: about 6 MB in UTF-8 at worst. 5,000 ideas of 280 characters
    /// with their audit fit; 5,000 ideas of 2,000 do not, and are refused before the state grows past it.
    /// </summary>
    public const long MaxStoredUnits = 3_000_000;

    public const int MaxIdeasPerWorkshop = 5000;
    public const int MaxIdeasPerParticipant = 200;
    public const int MaxTimerSeconds = 24 * 60 * 60;
    public const int MaxOutputLength = 1000;

    /// <summary>Allowance checked for an audit entry whose detail is short and fixed (phase, timer, settings).</summary>
    public const long SmallAuditUnits = StoredSize.RecordOverhead + 200;

    /// <summary>Refuses a change that would take the stored texts past the budget; call before changing anything.</summary>
    public static void RequireRoom(WorkshopModelState state, long growth)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (growth > 0 && state.StoredUnits + growth > MaxStoredUnits)
        {
            throw WorkshopException.Conflict("this workshop has no room left for more text; shorten or delete ideas, or continue in another workshop");
        }
    }

    public static long AuditUnits(string action, string? ideaId, string? detail) =>
        StoredSize.Of(new AuditState { Action = action, IdeaId = ideaId, Detail = detail });
}
