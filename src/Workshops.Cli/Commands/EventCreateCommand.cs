using System.CommandLine;
using Workshops.Cli.Events;
using Workshops.Cli.Output;
using Workshops.Contracts;

namespace Workshops.Cli.Commands;

/// <summary><c>workshops event create PROGRAM.json</c>: the admin's POST /api/events, from a file.</summary>
public static class EventCreateCommand
{
    public const string KeysShownOnce =
        "The moderator and facilitator keys are shown only this once: the server keeps only their hashes. Store them now.";

    public static Command Create(GlobalOptions global)
    {
        var program = new Argument<string>("PROGRAM")
        {
            Description = "The event program: a JSON file shaped like the body of POST /api/events (docs/samples/program.json), or - for stdin",
        };
        var json = new Option<bool>("--json") { Description = "Print the reply as JSON (eventId, joinCode, moderatorKey, workshops[])" };
        var command = new Command("create", "Create an event and its workshops from a program file; prints the join code and the keys")
        {
            program,
            json,
        };
        CommandRunner.SetAction(command, global, async context =>
        {
            // The file first: bad input is refused before any wait for the cluster.
            var parsed = await ProgramFile.ReadAsync(context.Parse.GetRequiredValue(program), context.CancellationToken);
            var grains = await context.ConnectAsync();
            // An Orleans client inside the cluster is trusted like the admin: whoever can reach
            // the gateway port or the membership table already holds the cluster (docs/cli.md).
            var created = await grains.GetGrain<IEventGrain>(EventIds.New()).Create(parsed);
            if (context.Parse.GetValue(json))
            {
                await CliJson.WriteAsync(context.Out, created);
                await context.Error.WriteLineAsync(KeysShownOnce);
            }
            else
            {
                await WriteAsync(context.Out, parsed, created);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, EventProgram program, EventCreated created)
    {
        var where = string.Join(", ", new[] { program.Date, program.Venue }.Where(s => !string.IsNullOrWhiteSpace(s)));
        await output.WriteLineAsync($"Created the event \"{program.Title.Trim()}\"" + (where.Length > 0 ? $" ({where})" : "") + ".");
        await output.WriteLineAsync();
        await output.WriteLineAsync("  Event id       " + created.EventId);
        await output.WriteLineAsync("  Join code      " + created.JoinCode + "   (participants type this to join)");
        await output.WriteLineAsync("  Moderator key  " + created.ModeratorKey);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Workshops and their facilitator keys:");
        for (var i = 0; i < created.Workshops.Count; i++)
        {
            var workshop = created.Workshops[i];
            await output.WriteLineAsync($"  {TextTable.Cell(i + 1)}. {workshop.Title}");
            await output.WriteLineAsync("     workshop id      " + workshop.WorkshopId);
            await output.WriteLineAsync("     facilitator key  " + workshop.FacilitatorKey);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(KeysShownOnce);
    }
}
