using System.CommandLine;
using Workshops.Cli.Events;
using Workshops.Contracts;

namespace Workshops.Cli.Commands;

/// <summary><c>workshops event delete EVENT</c>: DELETE /api/events/{eventId}.</summary>
public static class EventDeleteCommand
{
    public static Command Create(GlobalOptions global)
    {
        var eventArgument = new Argument<string>("EVENT") { Description = "The event id, or its join code" };
        var command = new Command("delete", "Delete an event and everything in it from storage; its keys, join code and tokens stop working")
        {
            eventArgument,
        };
        CommandRunner.SetAction(command, global, async context =>
        {
            var grains = await context.ConnectAsync();
            var eventId = await EventIds.ResolveAsync(grains, context.Parse.GetRequiredValue(eventArgument));
            var grain = grains.GetGrain<IEventGrain>(eventId);
            var title = (await grain.GetSummary(Caller.Admin)).Title;
            await grain.Delete(Caller.Admin);
            await context.Out.WriteLineAsync($"Deleted the event {eventId} (\"{title}\") and everything in it.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
