namespace Workshops.Server.Tests;

/// <summary>Waits for something the server does on its own time (a stored vote, a presence count).</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("waited in vain for " + what);
            }

            await Task.Delay(25);
        }
    }
}
