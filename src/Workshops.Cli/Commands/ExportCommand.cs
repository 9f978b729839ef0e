using System.CommandLine;
using System.Globalization;
using Workshops.Cli.Events;
using Workshops.Contracts;
using Workshops.Reports;

namespace Workshops.Cli.Commands;

/// <summary>
/// <c>workshops export EVENT --format docx --out FILE</c>: the moderator's event export, written
/// by the same <see cref="ReportWriter"/> as GET /api/events/{eventId}/export.
/// </summary>
public static class ExportCommand
{
    public static Command Create(GlobalOptions global)
    {
        var eventArgument = new Argument<string>("EVENT") { Description = "The event id, or its join code" };
        var format = new Option<string>("--format", "-f")
        {
            Description = "json (the contract's export), md or docx (the report to hand out, in the event's language), csv (one row per idea), pptx (the closing deck)",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong([.. ReportFormats.QueryValues]);
        var output = new Option<string?>("--out", "-o")
        {
            Description = "The file to write (replaced if it exists), a folder to write the suggested file name into, or - for stdout. Default: the suggested name in the current folder",
            HelpName = "FILE",
        };
        var command = new Command("export", "Export an event's outputs, ideas, votes and audit as json, md, csv, docx or pptx")
        {
            eventArgument,
            format,
            output,
        };
        CommandRunner.SetAction(command, global, async context =>
        {
            if (!ReportFormats.TryParse(context.Parse.GetValue(format), out var parsed))
            {
                throw new CliException(ExitCodes.InvalidInput, "--format is one of json, md, csv, docx, pptx");
            }

            var grains = await context.ConnectAsync();
            var eventId = await EventIds.ResolveAsync(grains, context.Parse.GetRequiredValue(eventArgument));
            var grain = grains.GetGrain<IEventGrain>(eventId);
            var export = await grain.GetExport(Caller.Admin);
            var summary = await grain.GetSummary(Caller.Admin);
            var report = ReportWriter.Write(export, parsed, summary.Language);

            var target = context.Parse.GetValue(output);
            if (string.Equals(target, "-", StringComparison.Ordinal))
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(report.Content, context.CancellationToken);
                return ExitCodes.Ok;
            }

            var path = await WriteFileAsync(target, report, context.CancellationToken);
            await context.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Exported {export.Workshops.Count} workshop{(export.Workshops.Count == 1 ? "" : "s")} of \"{export.Title}\" as {ReportFormats.QueryValue(parsed)} to {path} ({report.Content.Length} bytes)."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<string> WriteFileAsync(string? target, Report report, CancellationToken cancellationToken)
    {
        var path = target is null
            ? Path.GetFullPath(report.FileName)
            : Directory.Exists(target) ? Path.GetFullPath(Path.Combine(target, report.FileName)) : Path.GetFullPath(target);
        var folder = Path.GetDirectoryName(path);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new CliException(ExitCodes.InvalidInput, $"the folder {folder} does not exist");
        }

        // Beside the target, then moved over it: a failed write never leaves half a report.
        var partial = path + ".partial";
        try
        {
            await File.WriteAllBytesAsync(partial, report.Content, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            throw new CliException(ExitCodes.Failed, $"could not write {path}: {ex.Message}", ex);
        }

        return path;
    }
}
