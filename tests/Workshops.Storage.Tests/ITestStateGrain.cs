namespace Workshops.Storage.Tests;

/// <summary>A grain whose every call persists its state before it returns.</summary>
[Alias("Workshops.Storage.Tests.ITestStateGrain")]
public interface ITestStateGrain : IGrainWithStringKey
{
    /// <summary>Appends an item and writes the state; returns once the write is acknowledged.</summary>
    /// <param name="item">The item.</param>
    /// <returns>A task that completes after the write.</returns>
    [Alias("Append")]
    Task Append(string item);

    /// <summary>Returns the items as loaded/kept by the activation.</summary>
    /// <returns>The items.</returns>
    [Alias("GetItems")]
    Task<List<string>> GetItems();
}
