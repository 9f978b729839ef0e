using System.CommandLine;
using Workshops.Cli.Events;
using Workshops.Cli.Output;
using Workshops.Contracts;

namespace Workshops.Cli.Commands;

/// <summary><c>workshops event edit EVENT PROGRAM.json</c>: PUT /api/events/{eventId}, from a file.</summary>
public static class EventEditCommand
{
    public static Command Create(GlobalOptions global)
    {
        var eventArgument = new Argument<string>("EVENT") { Description = "The event id, or its join code" };
        var program = new Argument<string>("PROGRAM")
        {
            Description = "The edited program (- for stdin): workshops with a workshopId are kept, those without are added, the others removed",
        };
        var json = new Option<bool>("--json") { Description = "Print the reply as JSON (eventId, workshops[] with facilitatorKey for the added ones)" };
        var command = new Command("edit", "Change an event's program; prints the facilitator keys of the workshops it adds")
        {
            eventArgument,
            program,
            json,
        };
        CommandRunner.SetAction(command, global, async context =>
        {
            var parsed = await ProgramFile.ReadAsync(context.Parse.GetRequiredValue(program), context.CancellationToken);
            var grains = await context.ConnectAsync();
            var eventId = await EventIds.ResolveAsync(grains, context.Parse.GetRequiredValue(eventArgument));
            var updated = await grains.GetGrain<IEventGrain>(eventId).Update(Caller.Admin, parsed);
            if (context.Parse.GetValue(json))
            {
                await CliJson.WriteAsync(context.Out, updated);
                return ExitCodes.Ok;
            }

            await context.Out.WriteLineAsync($"Updated the event {updated.EventId}. Workshops:");
            foreach (var workshop in updated.Workshops)
            {
                await context.Out.WriteLineAsync($"  {workshop.WorkshopId}  {workshop.Title}");
                if (workshop.FacilitatorKey is { } key)
                {
                    await context.Out.WriteLineAsync("     facilitator key  " + key + "   (new workshop)");
                }
            }

            if (updated.Workshops.Any(w => w.FacilitatorKey is not null))
            {
                await context.Out.WriteLineAsync();
                await context.Out.WriteLineAsync(EventCreateCommand.KeysShownOnce);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
