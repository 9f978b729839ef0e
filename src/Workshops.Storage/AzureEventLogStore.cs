using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Workshops.Contracts;

namespace Workshops.Storage;

/// <summary>
/// Event logs in Azure Blob storage. Per stream: an append blob per log generation, one
/// <c>AppendBlock</c> per batch, each guarded by the append position the writer last saw (so a
/// concurrent writer's append fails instead of interleaving), and the snapshot as a block blob
/// that names the generation holding the entries after it. A snapshot starts a new generation
/// (with the entries after the snapshot copied over) and deletes the older generations: their
/// bytes leave the store. A generation near Azure's 50,000-block limit is rolled the same way.
/// See docs/storage.md.
/// </summary>
public sealed class AzureEventLogStore : IEventLogStore
{
    private const string FirstGenerationSuffix = "log-0000000000";
    private const string VersionKey = "version";
    private const string GenerationKey = "generation";
    private const int MaxAttempts = 8;

    private readonly BlobContainerClient _container;
    private readonly AzureEventLogOptions _options;
    private readonly EventLogStatistics _statistics;

    // Hints only (the blob conditions decide): where each stream's next append goes.
    private readonly ConcurrentDictionary<string, AzureEventLogTail> _tails = new(StringComparer.Ordinal);

    // In this process, appends and generation rolls of one stream take turns, so that a snapshot's roll is not starved by a storm of appends.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);
    private readonly Lock _containerLock = new();
    private Task? _containerReady;

    /// <summary>Initializes a new instance of the <see cref="AzureEventLogStore"/> class.</summary>
    /// <param name="container">The container (created on first use).</param>
    /// <param name="options">Blob layout and limits.</param>
    /// <param name="statistics">Where appends and snapshots are counted.</param>
    public AzureEventLogStore(BlobContainerClient container, AzureEventLogOptions options, EventLogStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBlocksPerGeneration, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxBlocksPerGeneration, AzureEventLogOptions.AzureBlockLimit - 1);
        _container = container;
        _options = options;
        _statistics = statistics;
    }

    /// <summary>Returns the blob name prefix of a stream (every blob of it starts with it, no other stream's does).</summary>
    /// <param name="streamId">The stream.</param>
    /// <returns>The prefix, ending in '/'.</returns>
    public string StreamPrefix(string streamId)
    {
        ArgumentNullException.ThrowIfNull(streamId);

        // Letters, digits, '-' and '_' stay; every other UTF-8 byte becomes ~XX, so no '/' splits a stream and two streams never share a prefix.
        var name = new StringBuilder(_options.BlobPrefix);
        foreach (var b in Encoding.UTF8.GetBytes(streamId))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                name.Append(c);
            }
            else
            {
                name.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return name.Append('/').ToString();
    }

    /// <inheritdoc />
    public async Task<EventLogRead> ReadAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        var chain = await ReadChainAsync(streamId, cancellationToken);
        _tails[streamId] = chain.Tail;
        return new EventLogRead(chain.SnapshotVersion, chain.Snapshot, chain.Entries);
    }

    /// <inheritdoc />
    public async Task<bool> AppendAsync(string streamId, long expectedVersion, IReadOnlyList<ReadOnlyMemory<byte>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var batchId = Guid.NewGuid();
        var record = AzureEventLogFormat.EncodeBatch(batchId, expectedVersion + 1, entries);
        if (record.Length > _options.MaxBlockBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A batch of {record.Length} bytes exceeds the {_options.MaxBlockBytes}-byte append block of stream '{streamId}'."),
                nameof(entries));
        }

        var turn = _turns.GetOrAdd(streamId, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        try
        {
            var fromCache = _tails.TryGetValue(streamId, out var tail);
            if (!fromCache)
            {
                tail = (await ReadChainAsync(streamId, cancellationToken)).Tail;
            }

            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                if (tail!.LastVersion != expectedVersion)
                {
                    if (!fromCache)
                    {
                        _tails[streamId] = tail;
                        return false;
                    }

                    fromCache = false;
                    tail = (await ReadChainAsync(streamId, cancellationToken)).Tail;
                    continue;
                }

                // The first generation only ever holds the link to the second (see RollAsync); a full one is rolled before Azure's limit.
                if (IsFirstGeneration(tail.Generation) || tail.BlockCount >= _options.MaxBlocksPerGeneration)
                {
                    var rolled = await RollAsync(streamId, tail, [], expectedVersion, cancellationToken);
                    if (rolled is null)
                    {
                        tail = (await ReadChainAsync(streamId, cancellationToken)).Tail;
                        fromCache = false;
                    }
                    else
                    {
                        tail = rolled;
                    }

                    continue;
                }

                var appended = await TryAppendAsync(tail, record, cancellationToken);
                if (appended is not null)
                {
                    _tails[streamId] = appended with { LastVersion = expectedVersion + entries.Count };
                    _statistics.RecordAppend(entries);
                    return true;
                }

                // Someone else appended, rolled or deleted. Our block may have landed anyway (a retried request after a lost reply).
                var fresh = await ReadChainAsync(streamId, cancellationToken);
                _tails[streamId] = fresh.Tail;
                if (fresh.BatchIds.Contains(batchId))
                {
                    _statistics.RecordAppend(entries);
                    return true;
                }

                tail = fresh.Tail;
                fromCache = false;
            }

            throw new RequestFailedException($"Event log '{streamId}': the append lost {MaxAttempts} races in a row.");
        }
        finally
        {
            turn.Release();
        }
    }

    /// <inheritdoc />
    public async Task WriteSnapshotAsync(string streamId, long version, ReadOnlyMemory<byte> snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        var prefix = StreamPrefix(streamId);
        var blob = _container.GetBlobClient(prefix + "snapshot");
        var turn = _turns.GetOrAdd(streamId, _ => new SemaphoreSlim(1, 1));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            AzureEventLogChain chain;
            AzureEventLogTail? generation;
            await turn.WaitAsync(cancellationToken);
            try
            {
                chain = await ReadChainAsync(streamId, cancellationToken);
                if (chain.SnapshotETag is not null && chain.SnapshotVersion > version)
                {
                    return;
                }

                // The new generation gets the entries after the snapshot; it is reachable (linked) before the snapshot names it.
                generation = await RollAsync(streamId, chain.Tail, chain.Batches, version, cancellationToken);
                if (generation is null)
                {
                    continue;
                }
            }
            finally
            {
                turn.Release();
            }

            var upload = new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string>
                {
                    [VersionKey] = version.ToString(CultureInfo.InvariantCulture),
                    [GenerationKey] = generation.Generation,
                },
                Conditions = chain.SnapshotETag is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
            };
            try
            {
                await blob.UploadAsync(new BinaryData(snapshot), upload, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another snapshot landed first: ours is still wanted only if it is newer.
                continue;
            }

            _statistics.RecordSnapshot(snapshot.Length);
            await DeleteGenerationsBeforeAsync(prefix, generation.Generation, cancellationToken);
            return;
        }

        throw new RequestFailedException($"Event log '{streamId}': the snapshot lost {MaxAttempts} races in a row.");
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        await EnsureContainerAsync(cancellationToken);
        _tails.TryRemove(streamId, out _);
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, StreamPrefix(streamId), cancellationToken: cancellationToken))
        {
            await _container.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private static bool IsFirstGeneration(string blobName) => blobName.EndsWith("/" + FirstGenerationSuffix, StringComparison.Ordinal);

    private static long GenerationNumber(string blobName)
    {
        var at = blobName.LastIndexOf("/log-", StringComparison.Ordinal) + 5;
        return long.Parse(blobName.AsSpan(at, 10), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        lock (_containerLock)
        {
            if (_containerReady is null || _containerReady.IsFaulted || _containerReady.IsCanceled)
            {
                _containerReady = _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }

            return _containerReady;
        }
    }

    /// <summary>Reads the snapshot and follows the generations from the one it names to the last.</summary>
    private async Task<AzureEventLogChain> ReadChainAsync(string streamId, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var prefix = StreamPrefix(streamId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            long snapshotVersion = 0;
            ReadOnlyMemory<byte>? snapshot = null;
            ETag? snapshotETag = null;
            var generation = prefix + FirstGenerationSuffix;
            var snapshotBlob = await DownloadAsync(prefix + "snapshot", cancellationToken);
            if (snapshotBlob is not null)
            {
                snapshotVersion = long.Parse(snapshotBlob.Details.Metadata[VersionKey], NumberStyles.None, CultureInfo.InvariantCulture);
                generation = snapshotBlob.Details.Metadata[GenerationKey];
                snapshot = snapshotBlob.Content.ToMemory();
                snapshotETag = snapshotBlob.Details.ETag;
            }

            var batches = new List<AzureEventLogRecord>();
            var batchIds = new HashSet<Guid>();
            var version = snapshotVersion;
            var first = true;
            AzureEventLogTail? tail = null;
            while (tail is null)
            {
                var blob = await DownloadAsync(generation, cancellationToken);
                if (blob is null)
                {
                    // Only a stream's very first generation may not exist yet; any other was deleted by a newer snapshot: read again.
                    if (first && snapshotBlob is null)
                    {
                        tail = new AzureEventLogTail(generation, false, 0, 0, version);
                        continue;
                    }

                    break;
                }

                first = false;
                string? next = null;
                foreach (var record in AzureEventLogFormat.Parse(blob.Content.ToMemory(), generation))
                {
                    if (record.NextGeneration is not null)
                    {
                        next = record.NextGeneration;
                        continue;
                    }

                    batchIds.Add(record.BatchId);
                    var skip = (int)Math.Clamp(version + 1 - record.FirstVersion, 0, record.Entries.Count);
                    if (skip == record.Entries.Count)
                    {
                        continue;
                    }

                    if (record.FirstVersion + skip != version + 1)
                    {
                        throw new InvalidDataException($"Event log '{streamId}' misses version {version + 1} in '{generation}' (found {record.FirstVersion + skip}).");
                    }

                    var kept = record.Entries.Skip(skip).ToList();
                    batches.Add(record with { FirstVersion = version + 1, Entries = kept });
                    version += kept.Count;
                }

                if (next is null)
                {
                    tail = new AzureEventLogTail(generation, true, blob.Details.ContentLength, blob.Details.BlobCommittedBlockCount, version);
                }
                else
                {
                    generation = next;
                }
            }

            if (tail is not null)
            {
                return new AzureEventLogChain(snapshotVersion, snapshot, snapshotETag, batches, batchIds, tail);
            }
        }

        throw new RequestFailedException($"Event log '{streamId}' changed under {MaxAttempts} reads in a row.");
    }

    private async Task<BlobDownloadResult?> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Appends one block at the tail's position; null when the position or the blob is not what the tail says.</summary>
    private async Task<AzureEventLogTail?> TryAppendAsync(AzureEventLogTail tail, byte[] block, CancellationToken cancellationToken)
    {
        var blob = _container.GetAppendBlobClient(tail.Generation);
        try
        {
            if (!tail.Exists)
            {
                await blob.CreateAsync(new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            }

            using var content = new MemoryStream(block, writable: false);
            var info = await blob.AppendBlockAsync(
                content,
                new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = tail.Length } },
                cancellationToken);
            return new AzureEventLogTail(tail.Generation, true, tail.Length + block.Length, info.Value.BlobCommittedBlockCount, tail.LastVersion);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Starts a new generation holding the entries of <paramref name="batches"/> after
    /// <paramref name="after"/> and links the current one to it (the link is appended at the
    /// position read, so it fails if anyone appended meanwhile). Returns the new tail, or null when
    /// the race was lost (nothing linked).
    /// </summary>
    /// <remarks>
    /// Later generations have random names, made once with If-None-Match, so a deleted one is never
    /// made again by a stale writer. The first one has a fixed name (a reader with no snapshot starts
    /// there), so it never holds entries: only the link to the second, and it is never deleted with
    /// the forgotten generations.
    /// </remarks>
    private async Task<AzureEventLogTail?> RollAsync(string streamId, AzureEventLogTail current, IReadOnlyList<AzureEventLogRecord> batches, long after, CancellationToken cancellationToken)
    {
        var name = StreamPrefix(streamId) + string.Create(
            CultureInfo.InvariantCulture,
            $"log-{GenerationNumber(current.Generation) + 1:D10}-{Guid.NewGuid():N}");
        var next = _container.GetAppendBlobClient(name);
        await next.CreateAsync(new AppendBlobCreateOptions { Conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);

        long length = 0;
        var blocks = 0;
        using (var pending = new MemoryStream())
        {
            foreach (var batch in batches)
            {
                var skip = (int)Math.Clamp(after + 1 - batch.FirstVersion, 0, batch.Entries.Count);
                if (skip == batch.Entries.Count)
                {
                    continue;
                }

                var record = AzureEventLogFormat.EncodeBatch(batch.BatchId, batch.FirstVersion + skip, [.. batch.Entries.Skip(skip)]);
                if (pending.Length > 0 && pending.Length + record.Length > _options.MaxBlockBytes)
                {
                    (length, blocks) = await AppendCopyAsync(next, pending, length, cancellationToken);
                }

                pending.Write(record);
            }

            if (pending.Length > 0)
            {
                (length, blocks) = await AppendCopyAsync(next, pending, length, cancellationToken);
            }
        }

        var linked = await TryAppendAsync(current, AzureEventLogFormat.EncodeLink(name), cancellationToken);
        if (linked is null)
        {
            await next.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return null;
        }

        var tail = new AzureEventLogTail(name, true, length, blocks, Math.Max(current.LastVersion, after));
        _tails[streamId] = tail;
        return tail;
    }

    private static async Task<(long Length, int Blocks)> AppendCopyAsync(AppendBlobClient blob, MemoryStream pending, long length, CancellationToken cancellationToken)
    {
        pending.Position = 0;
        var info = await blob.AppendBlockAsync(
            pending,
            new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = length } },
            cancellationToken);
        var total = length + pending.Length;
        pending.SetLength(0);
        return (total, info.Value.BlobCommittedBlockCount);
    }

    private async Task DeleteGenerationsBeforeAsync(string prefix, string generation, CancellationToken cancellationToken)
    {
        var keep = GenerationNumber(generation);
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix + "log-", cancellationToken: cancellationToken))
        {
            if (GenerationNumber(item.Name) < keep && !IsFirstGeneration(item.Name))
            {
                await _container.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }
        }
    }
}
