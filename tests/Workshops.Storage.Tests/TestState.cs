namespace Workshops.Storage.Tests;

/// <summary>The grain state the storage tests persist: a list, a text and a blob.</summary>
[GenerateSerializer]
[Alias("Workshops.Storage.Tests.TestState")]
public sealed class TestState
{
    /// <summary>Gets or sets the items, in the order they were appended.</summary>
    [Id(0)]
    public List<string> Items { get; set; } = [];

    /// <summary>Gets or sets a free text.</summary>
    [Id(1)]
    public string Text { get; set; } = "";

    /// <summary>Gets or sets a binary payload (large-state tests).</summary>
    [Id(2)]
    public byte[] Blob { get; set; } = [];
}
