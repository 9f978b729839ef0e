namespace Workshops.Storage.Tests;

/// <summary>The conformance suite on the embedded SQLite store.</summary>
/// <param name="fixture">A temp SQLite file and a silo on it.</param>
public sealed class SqliteGrainStorageConformanceTests(SqliteSiloFixture fixture)
    : GrainStorageConformanceTests<SqliteSiloFixture>(fixture);
