namespace Workshops.Reports;

/// <summary>The download formats of the export routes (<c>?format=json|md|csv|docx|pptx</c>).</summary>
public enum ReportFormat
{
    /// <summary>The contract's section 5 shape.</summary>
    Json = 0,

    /// <summary>A readable report in Markdown.</summary>
    Markdown = 1,

    /// <summary>One row per idea, UTF-8 with BOM.</summary>
    Csv = 2,

    /// <summary>A Word document to hand out.</summary>
    Docx = 3,

    /// <summary>The closing deck for the plenary (PowerPoint).</summary>
    Pptx = 4,
}
