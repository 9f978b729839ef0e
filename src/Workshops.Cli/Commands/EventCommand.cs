using System.CommandLine;

namespace Workshops.Cli.Commands;

/// <summary><c>workshops event</c>: the group of event commands.</summary>
public static class EventCommand
{
    public static Command Create(GlobalOptions global) => new("event", "Create, list, inspect, edit and delete events")
    {
        EventCreateCommand.Create(global),
        EventListCommand.Create(global),
        EventShowCommand.Create(global),
        EventEditCommand.Create(global),
        EventDeleteCommand.Create(global),
    };
}
