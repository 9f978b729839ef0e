using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workshops.Cli.Output;

/// <summary>JSON in and out: the contract's camelCase, Turkish letters written as themselves.</summary>
public static class CliJson
{
    /// <summary>For <c>--json</c> output: the shapes of the HTTP API, indented for people who peek.</summary>
    public static JsonSerializerOptions Output { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Valid JSON either way; "Danışma" reads better than "Dan\u0131\u015Fma".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// For program files, written by hand: comments and trailing commas are fine, but an unknown
    /// member is refused, because a misspelt "outputAreas" would silently give the defaults.
    /// </summary>
    public static JsonSerializerOptions ProgramFile { get; } = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task WriteAsync<T>(TextWriter writer, T value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync(JsonSerializer.Serialize(value, Output));
    }
}
