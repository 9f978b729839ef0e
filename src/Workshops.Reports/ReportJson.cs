using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workshops.Reports;

/// <summary>The JSON settings of the export, shared by the writer, the server and the tests.</summary>
public static class ReportJson
{
    /// <summary>
    /// camelCase, enums by their contract names (the contract's converter attributes), null
    /// members left out (an anonymous idea has no <c>author</c> at all), Turkish letters
    /// written as they are, indented with "\n" on every OS. Read-only, so no caller can
    /// change it for the others.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // A file download, never embedded in HTML: keep "ş" as "ş", not "\u015F".
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = true,
            NewLine = "\n",
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
