namespace Workshops.Cli.Tests;

/// <summary>The tests that share one running server.</summary>
[CollectionDefinition(Name)]
public sealed class CliServerCollection : ICollectionFixture<CliServerFixture>
{
    public const string Name = "cli-server";
}
