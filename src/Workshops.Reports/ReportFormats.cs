using System.Diagnostics.CodeAnalysis;

namespace Workshops.Reports;

/// <summary>The query names, file extensions and media types of <see cref="ReportFormat"/>.</summary>
public static class ReportFormats
{
    /// <summary>The query values in the contract's order.</summary>
    public static IReadOnlyList<string> QueryValues { get; } = ["json", "md", "csv", "docx", "pptx"];

    /// <summary>
    /// Parses the <c>format</c> query value exactly (ordinal: "JSON" or " json" are not
    /// formats). False means the caller answers <c>invalid_input</c>.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out ReportFormat format)
    {
        switch (value)
        {
            case "json":
                format = ReportFormat.Json;
                return true;
            case "md":
                format = ReportFormat.Markdown;
                return true;
            case "csv":
                format = ReportFormat.Csv;
                return true;
            case "docx":
                format = ReportFormat.Docx;
                return true;
            case "pptx":
                format = ReportFormat.Pptx;
                return true;
            default:
                format = ReportFormat.Json;
                return false;
        }
    }

    /// <summary>The query value, which is also the file extension.</summary>
    public static string QueryValue(ReportFormat format) => format switch
    {
        ReportFormat.Json => "json",
        ReportFormat.Markdown => "md",
        ReportFormat.Csv => "csv",
        ReportFormat.Docx => "docx",
        ReportFormat.Pptx => "pptx",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };

    /// <summary>The Content-Type of a download in this format.</summary>
    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Json => "application/json; charset=utf-8",
        ReportFormat.Markdown => "text/markdown; charset=utf-8",
        ReportFormat.Csv => "text/csv; charset=utf-8",
        ReportFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ReportFormat.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };
}
