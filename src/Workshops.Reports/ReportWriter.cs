using System.Text.Json;
using Workshops.Contracts;

namespace Workshops.Reports;

/// <summary>
/// Turns an event's export into a download. Used by the HTTP export routes and the CLI;
/// a single workshop's export is an <see cref="EventExport"/> with one workshop.
/// </summary>
public static class ReportWriter
{
    /// <param name="export">The export, as section 5 of the contract describes it.</param>
    /// <param name="format">The download format.</param>
    /// <param name="language">
    /// The event's language: "en" (or "en-…") writes English headings, anything else Turkish.
    /// Only the human formats (Markdown, Word, PowerPoint) are translated; JSON and CSV are for programs.
    /// </param>
    public static Report Write(EventExport export, ReportFormat format, string language)
    {
        ArgumentNullException.ThrowIfNull(export);
        var texts = ReportTexts.For(language);
        var content = format switch
        {
            ReportFormat.Json => JsonSerializer.SerializeToUtf8Bytes(export, ReportJson.Options),
            ReportFormat.Markdown => MarkdownReportWriter.Write(export, texts),
            ReportFormat.Csv => CsvReportWriter.Write(export),
            ReportFormat.Docx => DocxReportWriter.Write(export, texts),
            ReportFormat.Pptx => PptxDeckWriter.Write(export, texts),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
        };
        return new Report(content, ReportFormats.ContentType(format), ReportFileName.For(export.Title, export.Date, format));
    }
}
