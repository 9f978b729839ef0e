using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Workshops.Cli.Configuration;
using Workshops.Contracts;

namespace Workshops.Cli.Cluster;

/// <summary>Turns what a grain call threw into the message and exit code the user gets.</summary>
public static class ErrorMapping
{
    public static CliException ToCliException(Exception error, ClusterSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            CliException cli => cli,
            WorkshopException { Code: ErrorCodes.InvalidInput } ex => new(ExitCodes.InvalidInput, "invalid input: " + ex.Message, ex),
            WorkshopException { Code: ErrorCodes.NotFound } ex => new(ExitCodes.NotFound, "not found: " + ex.Message, ex),
            // Storage behind the cluster did not answer: as unusable for a script as no cluster at all.
            WorkshopException { Code: ErrorCodes.Unavailable } ex => new(ExitCodes.ClusterUnreachable, "the cluster's storage did not answer: " + ex.Message, ex),
            WorkshopException ex => new(ExitCodes.Failed, ex.Code + ": " + ex.Message, ex),
            SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or GatewayTooBusyException or TimeoutException =>
                new(ExitCodes.ClusterUnreachable, "lost the cluster" + Where(settings) + ": " + error.Message, error),
            _ => new(ExitCodes.Failed, "unexpected error: " + error.GetType().Name + ": " + error.Message, error),
        };
    }

    private static string Where(ClusterSettings? settings) => settings is null ? "" : " at " + settings.Describe();
}
