using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workshops.Reports.Tests;

/// <summary>A Word document read back with the OpenXml SDK: its paragraphs, tables and validation errors.</summary>
internal sealed class DocxContent
{
    private DocxContent(
        IReadOnlyList<(string Style, string Text)> paragraphs,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> tables,
        IReadOnlyList<string> errors,
        IReadOnlySet<string> styleIds,
        IReadOnlyList<string> tablesWithoutGrid,
        string? title,
        string footer)
    {
        Paragraphs = paragraphs;
        Tables = tables;
        Errors = errors;
        StyleIds = styleIds;
        TablesWithoutGrid = tablesWithoutGrid;
        Title = title;
        Footer = footer;
    }

    /// <summary>Body paragraphs outside tables, with their style id ("" when none).</summary>
    public IReadOnlyList<(string Style, string Text)> Paragraphs { get; }

    /// <summary>Every table as rows of cell texts; a line break inside a cell reads as "\n".</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Tables { get; }

    /// <summary>What OpenXmlValidator finds, one line per error.</summary>
    public IReadOnlyList<string> Errors { get; }

    public IReadOnlySet<string> StyleIds { get; }

    /// <summary>Tables with no grid, or a grid that does not match their cells.</summary>
    public IReadOnlyList<string> TablesWithoutGrid { get; }

    public string? Title { get; }

    public string Footer { get; }

    public IEnumerable<string> TextsOf(string style) =>
        Paragraphs.Where(paragraph => paragraph.Style == style).Select(paragraph => paragraph.Text);

    public static DocxContent Read(byte[] bytes, FileFormatVersions version = FileFormatVersions.Office2007)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        var errors = new OpenXmlValidator(version).Validate(document)
            .Select(error => $"{error.Part?.Uri} {error.Path?.XPath}: {error.Description}")
            .ToList();
        var main = document.MainDocumentPart!;
        var body = main.Document!.Body!;
        var paragraphs = body.Elements<Paragraph>()
            .Select(paragraph => (paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "", TextOf(paragraph)))
            .ToList();
        var tables = body.Elements<Table>()
            .Select(table => (IReadOnlyList<IReadOnlyList<string>>)table.Elements<TableRow>()
                .Select(row => (IReadOnlyList<string>)row.Elements<TableCell>()
                    .Select(cell => string.Join("\n", cell.Elements<Paragraph>().Select(TextOf)))
                    .ToList())
                .ToList())
            .ToList();
        // Word lays a table out by its grid: one gridCol with a width per cell of a row.
        var withoutGrid = body.Elements<Table>()
            .Where(table => table.GetFirstChild<TableGrid>() is not { } grid
                || grid.Elements<GridColumn>().Count() != table.Elements<TableRow>().Max(row => row.Elements<TableCell>().Count())
                || grid.Elements<GridColumn>().Any(column => string.IsNullOrEmpty(column.Width?.Value)))
            .Select(table => table.InnerText)
            .ToList();
        var styleIds = main.StyleDefinitionsPart?.Styles?.Elements<Style>()
            .Select(style => style.StyleId?.Value ?? "")
            .ToHashSet(StringComparer.Ordinal) ?? [];
        var footer = string.Join("\n", main.FooterParts.SelectMany(part => part.Footer!.Elements<Paragraph>()).Select(TextOf));
        return new DocxContent(paragraphs, tables, errors, styleIds, withoutGrid, document.PackageProperties.Title, footer);
    }

    /// <summary>The text of a paragraph, with its line breaks as "\n" (InnerText drops them).</summary>
    public static string TextOf(OpenXmlElement paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text run:
                    text.Append(run.Text);
                    break;
                case Break:
                    text.Append('\n');
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
            }
        }

        return text.ToString();
    }
}
