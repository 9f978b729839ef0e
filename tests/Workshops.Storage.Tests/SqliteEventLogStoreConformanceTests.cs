using Workshops.Contracts;

namespace Workshops.Storage.Tests;

/// <summary>The event log conformance suite on SQLite.</summary>
/// <param name="fixture">The file and its store.</param>
public sealed class SqliteEventLogStoreConformanceTests(SqliteEventLogFixture fixture)
    : EventLogStoreConformanceTests, IClassFixture<SqliteEventLogFixture>
{
    /// <inheritdoc />
    protected override IEventLogStore Store => fixture.Store;

    /// <inheritdoc />
    protected override Task<bool> HoldsAsync(string streamId, byte[] bytes) => Task.FromResult(
        SqliteEventLogStoreTests.Count(
            fixture.DatabasePath,
            "SELECT (SELECT count(*) FROM event_log WHERE stream = $stream AND instr(payload, $bytes) > 0) + (SELECT count(*) FROM event_snapshot WHERE stream = $stream AND instr(payload, $bytes) > 0);",
            ("$stream", streamId),
            ("$bytes", bytes)) > 0);
}
