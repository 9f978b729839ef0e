using System.Text;
using System.Text.Json;
using Workshops.Cli.Output;
using Workshops.Contracts;

namespace Workshops.Cli.Events;

/// <summary>Reads an event program (the body of POST /api/events) from a file, or stdin for "-".</summary>
public static class ProgramFile
{
    /// <summary>Only JSON problems are found here; the event grain checks the content and fills in defaults.</summary>
    public static async Task<EventProgram> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        string name;
        if (string.Equals(path, "-", StringComparison.Ordinal))
        {
            name = "stdin";
            // UTF-8 whatever the console's code page is (a BOM, if any, is honoured).
            using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            text = await stdin.ReadToEndAsync(cancellationToken);
        }
        else
        {
            var full = Path.GetFullPath(path);
            name = full;
            if (!File.Exists(full))
            {
                throw Invalid($"the program file {full} does not exist");
            }

            try
            {
                text = await File.ReadAllTextAsync(full, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Invalid($"the program file {full} could not be read: {ex.Message}");
            }
        }

        EventProgram? program;
        try
        {
            program = JsonSerializer.Deserialize<EventProgram>(text, CliJson.ProgramFile);
        }
        catch (JsonException ex)
        {
            throw Invalid($"{name} is not a valid event program: {ex.Message}");
        }

        return program ?? throw Invalid($"{name} holds no event program (expected a JSON object)");
    }

    private static CliException Invalid(string message) => new(ExitCodes.InvalidInput, message);
}
