using Workshops.Server.Hosting;

namespace Workshops.Server.Tests;

/// <summary>The server raises the shared array pool's limit at start, unless the operator chose one.</summary>
public sealed class BufferPoolTuningTests
{
    [Fact]
    public void Apply_sets_the_pool_limit_when_unset_and_keeps_an_operators_value()
    {
        var before = Environment.GetEnvironmentVariable(BufferPoolTuning.Variable);
        try
        {
            Environment.SetEnvironmentVariable(BufferPoolTuning.Variable, null);
            BufferPoolTuning.Apply();
            Assert.Equal("4096", Environment.GetEnvironmentVariable(BufferPoolTuning.Variable));

            Environment.SetEnvironmentVariable(BufferPoolTuning.Variable, "77");
            BufferPoolTuning.Apply();
            Assert.Equal("77", Environment.GetEnvironmentVariable(BufferPoolTuning.Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(BufferPoolTuning.Variable, before);
        }
    }
}
