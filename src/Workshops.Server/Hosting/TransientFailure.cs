namespace Workshops.Server.Hosting;

/// <summary>
/// Failures of the cluster or of storage (not of the request): the caller should try again, and
/// nothing was changed. They become the contract's <c>unavailable</c>; anything else is a bug
/// and stays a 500. Named by concrete type: a namespace test would also take, say, an Orleans
/// serialization bug for a passing outage.
/// </summary>
internal static class TransientFailure
{
    public static bool Is(Exception error) => error switch
    {
        // A call that timed out, a silo that left or a message that was rejected; also the
        // storage's own InconsistentStateException (an ETag lost to another writer: read again).
        TimeoutException or OperationCanceledException or Orleans.Runtime.OrleansException => true,
        // The grain stores: Azure Storage (also Azurite) and the SQLite file (busy, locked, I/O).
        Azure.RequestFailedException or Microsoft.Data.Sqlite.SqliteException => true,
        AggregateException { InnerExceptions.Count: > 0 } many => many.InnerExceptions.All(Is),
        _ => false,
    };
}
