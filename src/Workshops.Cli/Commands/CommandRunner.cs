using System.CommandLine;
using Workshops.Cli.Cluster;

namespace Workshops.Cli.Commands;

/// <summary>Runs a command's body and turns any failure into one line on stderr and an exit code.</summary>
public static class CommandRunner
{
    public static void SetAction(Command command, GlobalOptions global, Func<CommandContext, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, global, body, cancellationToken));
    }

    private static async Task<int> RunAsync(ParseResult parse, GlobalOptions global, Func<CommandContext, Task<int>> body, CancellationToken cancellationToken)
    {
        var context = new CommandContext(parse, global, cancellationToken);
        try
        {
            return await body(context);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("workshops: cancelled");
            return ExitCodes.Failed;
        }
        catch (Exception ex)
        {
            var failure = ErrorMapping.ToCliException(ex, context.SettingsIfRead);
            await context.Error.WriteLineAsync("workshops: error: " + failure.Message);
            if (context.Verbose && failure.InnerException is { } cause)
            {
                await context.Error.WriteLineAsync(cause.ToString());
            }

            return failure.ExitCode;
        }
        finally
        {
            await context.DisposeAsync();
        }
    }
}
