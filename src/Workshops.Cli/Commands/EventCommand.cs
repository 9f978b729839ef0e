using System.CommandLine;

namespace Workshops.Cli.Commands;

/// <summary><c>workshops event</c>: the group of event commands.</summary>
public static class EventCommand
{
    public static Command Create(GlobalOptions global) => new("event", "Create and inspect events")
    {
        EventCreateCommand.Create(global),
        EventShowCommand.Create(global),
    };
}
