namespace Workshops.Grains.Tests.Infrastructure;

/// <summary>Every test class shares one silo; the tests of a collection run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
