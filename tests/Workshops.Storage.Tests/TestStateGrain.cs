using Workshops.Contracts;

namespace Workshops.Storage.Tests;

/// <summary>Persists through the Workshops provider, exactly as the application grains do.</summary>
/// <param name="state">The persistent state.</param>
public sealed class TestStateGrain(
    [PersistentState("state", StorageNames.Workshops)] IPersistentState<TestState> state) : Grain, ITestStateGrain
{
    /// <inheritdoc />
    public async Task Append(string item)
    {
        state.State.Items.Add(item);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<List<string>> GetItems() => Task.FromResult(state.State.Items.ToList());
}
