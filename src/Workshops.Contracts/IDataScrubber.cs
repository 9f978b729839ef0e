namespace Workshops.Contracts;

/// <summary>
/// After personal data was erased: makes the storage forget the bytes of what was overwritten
/// (contract section 11, "erased means gone"). In Contracts, not Storage, because the event grain
/// calls it after an automatic purge and the grains do not reference the storage providers.
/// </summary>
public interface IDataScrubber
{
    Task ScrubAsync(CancellationToken cancellationToken = default);
}
