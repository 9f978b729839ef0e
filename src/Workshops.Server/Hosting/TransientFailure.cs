namespace Workshops.Server.Hosting;

/// <summary>
/// Failures of the cluster or of storage (not of the request): the caller should try again, and
/// nothing was changed. They become the contract's <c>unavailable</c>; anything else is a bug
/// and stays a 500.
/// </summary>
internal static class TransientFailure
{
    public static bool Is(Exception error) => error switch
    {
        TimeoutException or OperationCanceledException => true,
        Orleans.Runtime.OrleansException => true,
        _ => error.GetType().Namespace is { } ns
            && (ns.StartsWith("Orleans", StringComparison.Ordinal)
                || ns.StartsWith("Azure", StringComparison.Ordinal)
                || ns.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)),
    };
}
