namespace Workshops.Server.Tests;

[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<MatrixFixture>
{
    public const string Name = "matrix";
}
