using System.CommandLine;
using Workshops.Cli.Events;
using Workshops.Contracts;

namespace Workshops.Cli.Commands;

/// <summary><c>workshops keys rotate EVENT --role ... [--workshop ID]</c>: POST /api/events/{eventId}/keys.</summary>
public static class KeysCommand
{
    public const string OldKeyEnds = "The old key no longer signs in; its tokens are refused within 5 seconds. The new key is shown only this once.";

    public static Command Create(GlobalOptions global)
    {
        var eventArgument = new Argument<string>("EVENT") { Description = "The event id, or its join code" };
        var role = new Option<string>("--role")
        {
            Description = "Whose key: moderator or facilitator",
            Required = true,
        };
        role.AcceptOnlyFromAmong("moderator", "facilitator");
        var workshop = new Option<string?>("--workshop") { Description = "The workshop id (for a facilitator key)", HelpName = "ID" };
        var rotate = new Command("rotate", "Replace a moderator or facilitator key; prints the new key")
        {
            eventArgument,
            role,
            workshop,
        };
        CommandRunner.SetAction(rotate, global, async context =>
        {
            var seat = context.Parse.GetRequiredValue(role) == "moderator" ? Role.Moderator : Role.Facilitator;
            var workshopId = context.Parse.GetValue(workshop);
            if (seat == Role.Facilitator && string.IsNullOrWhiteSpace(workshopId))
            {
                throw new CliException(ExitCodes.InvalidInput, "--workshop is required with --role facilitator");
            }

            var grains = await context.ConnectAsync();
            var eventId = await EventIds.ResolveAsync(grains, context.Parse.GetRequiredValue(eventArgument));
            var key = await grains.GetGrain<IEventGrain>(eventId).RotateKey(Caller.Admin, seat, workshopId);
            await context.Out.WriteLineAsync(key);
            await context.Error.WriteLineAsync(OldKeyEnds);
            return ExitCodes.Ok;
        });
        return new Command("keys", "Replace moderator and facilitator keys") { rotate };
    }
}
