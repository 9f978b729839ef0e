namespace Workshops.Storage.Tests;

/// <summary>The conformance suite on Azure Blob storage (a real Azurite).</summary>
/// <param name="fixture">An Azurite and a silo on it.</param>
public sealed class AzureBlobGrainStorageConformanceTests(AzureBlobSiloFixture fixture)
    : GrainStorageConformanceTests<AzureBlobSiloFixture>(fixture);
