using Workshops.Contracts;

namespace Workshops.Storage;

/// <summary>
/// Memory and Azure Blob storage: nothing to scrub. Memory keeps no bytes once overwritten; a blob
/// that is overwritten or deleted is gone from the container (soft delete and versioning must
/// stay off on the storage account, see docs/security.md).
/// </summary>
public sealed class NoDataScrubber : IDataScrubber
{
    /// <inheritdoc />
    public Task ScrubAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
