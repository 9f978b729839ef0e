using System.CommandLine;
using Workshops.Cli.Events;
using Workshops.Cli.Output;
using Workshops.Contracts;

namespace Workshops.Cli.Commands;

/// <summary><c>workshops event show EVENT</c>: GET /api/events/{eventId} as the admin sees it.</summary>
public static class EventShowCommand
{
    public static Command Create(GlobalOptions global)
    {
        var eventArgument = new Argument<string>("EVENT") { Description = "The event id, or its join code" };
        var json = new Option<bool>("--json") { Description = "Print the event as JSON (the shape of GET /api/events/{eventId})" };
        var command = new Command("show", "Show an event: its details, join code and each workshop's phase, people, ideas and votes")
        {
            eventArgument,
            json,
        };
        CommandRunner.SetAction(command, global, async context =>
        {
            var grains = await context.ConnectAsync();
            var eventId = await EventIds.ResolveAsync(grains, context.Parse.GetRequiredValue(eventArgument));
            var summary = await grains.GetGrain<IEventGrain>(eventId).GetSummary(Caller.Admin);
            if (context.Parse.GetValue(json))
            {
                await CliJson.WriteAsync(context.Out, summary);
            }
            else
            {
                await WriteAsync(context.Out, summary);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, EventSummary summary)
    {
        await output.WriteLineAsync(summary.Title);
        await output.WriteLineAsync();
        await output.WriteLineAsync("  Event id            " + summary.EventId);
        await output.WriteLineAsync("  Date                " + TextTable.Cell(summary.Date));
        await output.WriteLineAsync("  Venue               " + TextTable.Cell(summary.Venue));
        await output.WriteLineAsync("  Language            " + summary.Language);
        await output.WriteLineAsync("  Join code           " + TextTable.Cell(summary.JoinCode));
        await output.WriteLineAsync("  Output areas        " + string.Join(", ", summary.OutputAreas));
        await output.WriteLineAsync("  Stakeholder groups  " + (summary.StakeholderGroups.Count == 0 ? "-" : string.Join(", ", summary.StakeholderGroups)));
        await output.WriteLineAsync();

        var table = new TextTable("WORKSHOP", "PHASE", "PEOPLE", "IDEAS", "VOTES", "TITLE").AlignRight(2, 3, 4);
        foreach (var workshop in summary.Workshops)
        {
            table.Add(workshop.WorkshopId, workshop.Phase.ToString(), workshop.Participants, workshop.Ideas, workshop.Votes, workshop.Title);
        }

        await output.WriteAsync(table.Render());
    }
}
