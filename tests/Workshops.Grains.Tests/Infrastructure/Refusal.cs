using Workshops.Contracts;

namespace Workshops.Grains.Tests.Infrastructure;

public static class Refusal
{
    /// <summary>Asserts the call fails with a <see cref="WorkshopException"/> carrying exactly <paramref name="code"/>.</summary>
    public static async Task<WorkshopException> ExpectAsync(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<WorkshopException>(call);
        Assert.Equal(code, error.Code);
        return error;
    }
}
