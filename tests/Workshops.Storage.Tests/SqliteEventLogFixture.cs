using Microsoft.Extensions.Logging.Abstractions;
using Workshops.Testing;

namespace Workshops.Storage.Tests;

/// <summary>A temp folder, one SQLite file in it and an event log store on its writer, shared by a test class.</summary>
public sealed class SqliteEventLogFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("sqlite-eventlog");

    /// <summary>Gets the statistics the store counts into.</summary>
    public EventLogStatistics Statistics { get; } = new();

    /// <summary>Gets the store.</summary>
    public SqliteEventLogStore Store { get; private set; } = null!;

    /// <summary>Gets the database file.</summary>
    public string DatabasePath => _directory.Combine(Path.Combine("main", "workshops.db"));

    /// <summary>Returns a path in the fixture's folder.</summary>
    /// <param name="name">A relative path.</param>
    /// <returns>The absolute path.</returns>
    public string PathOf(string name) => _directory.Combine(name);

    /// <summary>Opens a store with its own writer on <paramref name="path"/>.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="statistics">Where it counts; null for a fresh counter.</param>
    /// <returns>The store; dispose its writer.</returns>
    public static SqliteEventLogStore Open(string path, EventLogStatistics? statistics = null) =>
        new(new SqliteWriter(path, SqliteSynchronousMode.Full, NullLogger<SqliteWriter>.Instance), statistics ?? new EventLogStatistics());

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Store = new SqliteEventLogStore(new SqliteWriter(DatabasePath, SqliteSynchronousMode.Full, NullLogger<SqliteWriter>.Instance), Statistics);
        await Store.Writer.EnsureInitializedAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Store.Writer.DisposeAsync();
        _directory.Dispose();
    }
}
