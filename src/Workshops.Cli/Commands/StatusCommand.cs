using System.CommandLine;
using System.Globalization;
using Workshops.Cli.Output;
using Workshops.Cli.Status;

namespace Workshops.Cli.Commands;

/// <summary><c>workshops status</c>: the servers of the cluster, active workshops, people connected.</summary>
public static class StatusCommand
{
    public static Command Create(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };
        var command = new Command("status", "Show the servers of the cluster, the active workshops and the people connected") { json };
        CommandRunner.SetAction(command, global, async context =>
        {
            var grains = await context.ConnectAsync();
            var status = await StatusReader.ReadAsync(grains, context.Settings.ClusterId, context.Settings.ServiceId);
            if (context.Parse.GetValue(json))
            {
                await CliJson.WriteAsync(context.Out, status);
            }
            else
            {
                await WriteAsync(context.Out, status);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, ClusterStatus status)
    {
        var count = status.Servers.Count == 1 ? "1 server" : TextTable.Cell(status.Servers.Count) + " servers";
        await output.WriteLineAsync($"Cluster \"{status.ClusterId}\" (service \"{status.ServiceId}\"): {count}");
        await output.WriteLineAsync();
        var table = new TextTable("SERVER", "STATUS", "STARTED (UTC)", "CONNECTIONS", "PEOPLE", "LIVE", "IN MEMORY", "URL").AlignRight(3, 4, 5, 6);
        foreach (var server in status.Servers)
        {
            table.Add(server.ServerId, server.Status, server.StartedAt, server.Connections, server.People, server.LiveWorkshops.Count, server.WorkshopsInMemory, server.Url);
        }

        await output.WriteAsync(table.Render());
        await output.WriteLineAsync();
        var totals = status.Totals;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Active workshops: {totals.LiveWorkshops} with people connected, {totals.WorkshopsInMemory} in memory"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"People connected: {totals.People} ({totals.Connections} connections)"));
    }
}
