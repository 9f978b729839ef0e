using System.CommandLine;
using Workshops.Cli.Output;
using Workshops.Contracts;

namespace Workshops.Cli.Commands;

/// <summary><c>workshops event list</c>: GET /api/events, from the event directory.</summary>
public static class EventListCommand
{
    public static Command Create(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON (the shape of GET /api/events)" };
        var command = new Command("list", "List every event, newest first: date, workshops, people, ideas, votes, open or closed") { json };
        CommandRunner.SetAction(command, global, async context =>
        {
            var grains = await context.ConnectAsync();
            var ids = await grains.GetGrain<IEventDirectoryGrain>(0).List();
            var listings = await Task.WhenAll(ids.Select(id => grains.GetGrain<IEventGrain>(id).GetListing()));
            var events = listings.OfType<EventListing>().OrderByDescending(e => e.CreatedAt).ToList();
            if (context.Parse.GetValue(json))
            {
                await CliJson.WriteAsync(context.Out, new { events });
                return ExitCodes.Ok;
            }

            var table = new TextTable("EVENT", "DATE", "STATUS", "WORKSHOPS", "PEOPLE", "IDEAS", "VOTES", "TITLE").AlignRight(3, 4, 5, 6);
            foreach (var e in events)
            {
                table.Add(e.EventId, e.Date, e.Status, e.Workshops, e.Participants, e.Ideas, e.Votes, e.Title);
            }

            await context.Out.WriteAsync(table.Render());
            return ExitCodes.Ok;
        });
        return command;
    }
}
