using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text;
using Workshops.Cli.Commands;

namespace Workshops.Cli;

/// <summary>The <c>workshops</c> command tree, and how a command line becomes an exit code.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var global = new GlobalOptions();
        var root = new RootCommand(
            "Workshops: create events, show them, export their outputs and see the cluster, as an Orleans client of a running cluster.")
        {
            EventCommand.Create(global),
            KeysCommand.Create(global),
            JoinCodeCommand.Create(global),
            ExportCommand.Create(global),
            StatusCommand.Create(global),
        };
        global.AddTo(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // Turkish titles must reach a Windows console intact too; no BOM on redirected output.
        Console.OutputEncoding = new UTF8Encoding(false);

        // The tool speaks English, like the server's log; without this System.CommandLine's
        // own words ("Kullanım:") would be Turkish around English descriptions under tr-TR.
        // Data (titles, ideas) is printed as it is, whatever the culture.
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        var parse = BuildRoot().Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // A bad command line is invalid input (2), not the library's generic 1.
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("workshops: error: " + error.Message);
            }

            await Console.Error.WriteLineAsync($"Run '{CommandPath(parse)} --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "workshops" : result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
