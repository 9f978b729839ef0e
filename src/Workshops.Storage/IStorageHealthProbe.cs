namespace Workshops.Storage;

/// <summary>Tells whether the configured grain store answers (used by the host's /healthz).</summary>
public interface IStorageHealthProbe
{
    /// <summary>Returns <see langword="true"/> when the store answered a trivial request.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task<bool> CheckAsync(CancellationToken cancellationToken);
}
