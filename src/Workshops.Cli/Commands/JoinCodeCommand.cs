using System.CommandLine;
using Workshops.Cli.Events;
using Workshops.Contracts;

namespace Workshops.Cli.Commands;

/// <summary><c>workshops join-code new EVENT</c>: POST /api/events/{eventId}/join-code.</summary>
public static class JoinCodeCommand
{
    public static Command Create(GlobalOptions global)
    {
        var eventArgument = new Argument<string>("EVENT") { Description = "The event id, or its current join code" };
        var create = new Command("new", "Give an event a new join code; prints it. The old code stops working; people who joined stay") { eventArgument };
        CommandRunner.SetAction(create, global, async context =>
        {
            var grains = await context.ConnectAsync();
            var eventId = await EventIds.ResolveAsync(grains, context.Parse.GetRequiredValue(eventArgument));
            await context.Out.WriteLineAsync(await grains.GetGrain<IEventGrain>(eventId).NewJoinCode(Caller.Admin));
            return ExitCodes.Ok;
        });
        return new Command("join-code", "Replace an event's join code") { create };
    }
}
