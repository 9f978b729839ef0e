using System.Globalization;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Workshops.Contracts;

namespace Workshops.Reports;

/// <summary>
/// The Word report a ministry hands out: a title page, one table with the outputs of every
/// workshop, then a section per workshop with its outputs and the ranked ideas of each board.
/// A4, built only from the styles of <see cref="DocxStyles"/>, valid for OpenXmlValidator.
/// </summary>
internal static class DocxReportWriter
{
    // A4 with 2 cm margins: 11906 - 2 × 1134 twips of text width.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int Margin = 1134;
    private const int TextWidth = PageWidth - (2 * Margin);
    private const string BorderColor = "A6A6A6";
    private const string HeaderFill = "D9E2F3";

    public static byte[] Write(EventExport export, ReportTexts texts)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            // Fixed relationship ids and docProps/core.xml (not a random *.psmdcp name): the same
            // export gives the same parts, so reports can be compared and cached.
            var main = document.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rIdMain");
            CoreProperties(document.AddNewPart<CoreFilePropertiesPart>("rIdCore"), export, texts);
            var styles = main.AddNewPart<StyleDefinitionsPart>("rIdStyles");
            styles.Styles = DocxStyles.Create(texts.Language);
            var settings = main.AddNewPart<DocumentSettingsPart>("rIdSettings");
            settings.Settings = Settings(texts);
            var footer = main.AddNewPart<FooterPart>("rIdFooter");
            footer.Footer = Footer(export, texts);

            var body = new Body();
            TitlePage(body, export, texts);
            OutputsTable(body, export, texts);
            foreach (var workshop in export.Workshops)
            {
                WorkshopSection(body, workshop, texts);
            }

            if (export.Audit is { Count: > 0 } eventAudit)
            {
                body.Append(Paragraph(DocxStyles.Heading1, texts.EventAudit, pageBreakBefore: true));
                AuditTable(body, eventAudit, texts);
            }

            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = Margin, Right = Margin, Bottom = Margin, Left = Margin, Header = 567, Footer = 567, Gutter = 0 },
                // The title page has no footer.
                new TitlePage()));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static void TitlePage(Body body, EventExport export, ReportTexts texts)
    {
        body.Append(Paragraph(DocxStyles.Title, export.Title));
        body.Append(Paragraph(DocxStyles.Subtitle, texts.ReportSubtitle));
        if (!string.IsNullOrWhiteSpace(export.Date))
        {
            body.Append(Fact(texts.Date, texts.DateText(export.Date)));
        }

        if (!string.IsNullOrWhiteSpace(export.Venue))
        {
            body.Append(Fact(texts.Venue, export.Venue));
        }

        body.Append(Fact(texts.WorkshopCount, ReportTexts.Number(export.Workshops.Count)));
        if (export.GroupSource is { } groups)
        {
            body.Append(Fact(texts.GroupSourceLabel, texts.GroupSourceText(groups)));
        }
        body.Append(Fact(texts.ExportedAt, ReportTexts.Timestamp(export.ExportedAt)));
    }

    private static void OutputsTable(Body body, EventExport export, ReportTexts texts)
    {
        body.Append(Paragraph(DocxStyles.Heading1, texts.AllOutputs, pageBreakBefore: true));
        var rows = export.Workshops.SelectMany(workshop => workshop.Outputs.Select(output => (IReadOnlyList<string>)
        [
            workshop.Title,
            output.Area,
            output.Text,
            ReportTexts.Number(output.Votes),
            ReportTexts.Number(output.HallVotes),
            texts.SourceName(output.Source),
        ]));
        body.Append(Table(
            [
                new Column(texts.Workshop, 1900),
                new Column(texts.Area, 1800),
                new Column(texts.Output, TextWidth - 1900 - 1800 - 700 - 900 - 2000),
                new Column(texts.Votes, 700, AlignRight: true),
                new Column(texts.HallVotesHeader, 900, AlignRight: true),
                new Column(texts.Source, 2000),
            ],
            rows));
    }

    private static void WorkshopSection(Body body, WorkshopExport workshop, ReportTexts texts)
    {
        body.Append(Paragraph(DocxStyles.Heading1, workshop.Title, pageBreakBefore: true));
        body.Append(Paragraph(DocxStyles.Normal, string.Join(" · ",
            texts.Phase + ": " + texts.PhaseName(workshop.Phase),
            texts.Participants + ": " + ReportTexts.Number(workshop.Participants),
            texts.Ideas + ": " + ReportTexts.Number(workshop.Ideas),
            texts.Votes + ": " + texts.VoteTotal(workshop.Votes + workshop.HallVotes, workshop.HallVotes))));

        body.Append(Paragraph(DocxStyles.Heading2, texts.Outputs));
        if (workshop.Outputs.Count == 0)
        {
            body.Append(Paragraph(DocxStyles.Normal, texts.NoOutputs));
        }

        foreach (var output in workshop.Outputs)
        {
            body.Append(Paragraph(DocxStyles.Heading3, output.Area));
            body.Append(Paragraph(DocxStyles.Normal, output.Text));
            body.Append(Fact(texts.Votes, texts.VoteTotal(output.Votes, output.HallVotes)));
            body.Append(Fact(texts.VotesByGroup, texts.GroupBreakdown(output.VotesByGroup)));
            body.Append(Fact(texts.Consensus, output.Consensus is { } consensus ? texts.Decimal(consensus) : texts.NoConsensus));
            if (output.Support.Count > 0)
            {
                body.Append(Fact(texts.SupportByGroup, texts.SupportBreakdown(output.Support)));
            }

            body.Append(Fact(texts.Source, texts.SourceName(output.Source)));
        }

        foreach (var board in workshop.Boards)
        {
            body.Append(Paragraph(DocxStyles.Heading2, texts.IdeasOfBoard + " — " + board.Area));
            if (board.Ideas.Count == 0)
            {
                body.Append(Paragraph(DocxStyles.Normal, texts.NoIdeas));
                continue;
            }

            var withAuthors = board.Ideas.Any(idea => !string.IsNullOrWhiteSpace(idea.Author));
            var fixedWidth = 600 + 700 + 900 + 900 + 1600 + (withAuthors ? 1900 : 0);
            var columns = new List<Column> { new(texts.Rank, 600, AlignRight: true), new(texts.Idea, TextWidth - fixedWidth) };
            if (withAuthors)
            {
                columns.Add(new Column(texts.Author, 1900));
            }

            columns.Add(new Column(texts.Votes, 700, AlignRight: true));
            columns.Add(new Column(texts.HallVotesHeader, 900, AlignRight: true));
            columns.Add(new Column(texts.Consensus, 900, AlignRight: true));
            columns.Add(new Column(texts.Status, 1600));
            var rows = board.Ideas.Select((idea, index) =>
            {
                var cells = new List<string> { ReportTexts.Number(index + 1), idea.Source == IdeaSource.Paper ? idea.Text + " (" + texts.FromPaper + ")" : idea.Text };
                if (withAuthors)
                {
                    cells.Add(idea.Author ?? "");
                }

                cells.Add(ReportTexts.Number(idea.Votes));
                cells.Add(ReportTexts.Number(idea.HallVotes));
                cells.Add(idea.Consensus is { } consensus ? texts.Decimal(consensus) : "–");
                cells.Add(texts.StatusName(idea.Status));
                return (IReadOnlyList<string>)cells;
            });
            body.Append(Table(columns, rows));
        }

        AuditSection(body, workshop, texts);
    }

    /// <summary>Every staff action in order, as in the Markdown and JSON reports.</summary>
    private static void AuditSection(Body body, WorkshopExport workshop, ReportTexts texts)
    {
        body.Append(Paragraph(DocxStyles.Heading2, texts.Audit));
        if (workshop.Audit.Count == 0)
        {
            body.Append(Paragraph(DocxStyles.Normal, texts.NoAudit));
            return;
        }

        AuditTable(body, workshop.Audit, texts);
    }

    private static void AuditTable(Body body, IReadOnlyList<AuditEntry> audit, ReportTexts texts)
    {
        var rows = audit.Select(entry => (IReadOnlyList<string>)
        [
            ReportTexts.Timestamp(entry.At),
            texts.RoleName(entry.Role),
            texts.ActionName(entry.Action),
            entry.IdeaId ?? "",
            texts.AuditDetail(entry.Action, entry.Detail),
        ]);
        body.Append(Table(
            [
                new Column(texts.AuditTime, 1900),
                new Column(texts.AuditRole, 1500),
                new Column(texts.AuditAction, 1900),
                new Column(texts.Idea, 800),
                new Column(texts.AuditDetailHeader, TextWidth - 1900 - 1500 - 1900 - 800),
            ],
            rows));
    }

    /// <summary>Title, subject, author, language and date as Word's File › Info shows them.</summary>
    internal static void CoreProperties(CoreFilePropertiesPart part, EventExport export, ReportTexts texts, string? subject = null)
    {
        XNamespace cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        XNamespace dcterms = "http://purl.org/dc/terms/";
        XNamespace xsi = "http://www.w3.org/2001/XMLSchema-instance";
        var created = export.ExportedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var core = new XDocument(new XElement(cp + "coreProperties",
            new XAttribute(XNamespace.Xmlns + "cp", cp),
            new XAttribute(XNamespace.Xmlns + "dc", dc),
            new XAttribute(XNamespace.Xmlns + "dcterms", dcterms),
            new XAttribute(XNamespace.Xmlns + "xsi", xsi),
            new XElement(dc + "title", Clean(export.Title)),
            new XElement(dc + "subject", subject ?? texts.ReportSubtitle),
            new XElement(dc + "creator", "Workshops"),
            new XElement(dc + "language", texts.Language),
            new XElement(dcterms + "created", new XAttribute(xsi + "type", "dcterms:W3CDTF"), created),
            new XElement(dcterms + "modified", new XAttribute(xsi + "type", "dcterms:W3CDTF"), created)));
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        core.Save(stream, SaveOptions.DisableFormatting);
    }

    private static Settings Settings(ReportTexts texts) => new(
        // Word 2013+ layout, so Word does not open the report in "Compatibility Mode".
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }),
        new ThemeFontLanguages { Val = texts.Language });

    private static Footer Footer(EventExport export, ReportTexts texts) => new(
        new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = DocxStyles.Footer }),
            TextRun(Clean(export.Title) + " · " + texts.Page + " "),
            new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " }));

    private sealed record Column(string Header, int Width, bool AlignRight = false);

    private static Table Table(IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        // Schema order: tblPr (tblW, tblBorders, tblLayout), tblGrid, then the rows.
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Color = BorderColor },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Color = BorderColor },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = BorderColor },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Color = BorderColor },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = BorderColor },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = BorderColor }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(columns.Select(column => new GridColumn { Width = Twips(column.Width) })));

        // The header row repeats on every page the table runs onto.
        var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        foreach (var column in columns)
        {
            header.Append(Cell(column, column.Header, bold: true, fill: HeaderFill));
        }

        table.Append(header);
        foreach (var cells in rows)
        {
            var row = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < columns.Count; i++)
            {
                row.Append(Cell(columns[i], i < cells.Count ? cells[i] : "", bold: false, fill: null));
            }

            table.Append(row);
        }

        return table;
    }

    private static TableCell Cell(Column column, string text, bool bold, string? fill)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = Twips(column.Width), Type = TableWidthUnitValues.Dxa });
        if (fill is not null)
        {
            properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill });
        }

        var paragraphProperties = new ParagraphProperties(new ParagraphStyleId { Val = DocxStyles.TableText });
        if (column.AlignRight)
        {
            paragraphProperties.Append(new Justification { Val = JustificationValues.Right });
        }

        var paragraph = new Paragraph(paragraphProperties);
        paragraph.Append(Runs(text, bold));
        return new TableCell(properties, paragraph);
    }

    private static Paragraph Paragraph(string style, string text, bool pageBreakBefore = false)
    {
        var properties = new ParagraphProperties(new ParagraphStyleId { Val = style });
        if (pageBreakBefore)
        {
            properties.Append(new PageBreakBefore());
        }

        var paragraph = new Paragraph(properties);
        paragraph.Append(Runs(text, bold: false));
        return paragraph;
    }

    /// <summary>"Label: value" with the label in bold.</summary>
    private static Paragraph Fact(string label, string value)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = DocxStyles.Normal }));
        paragraph.Append(TextRun(label + ": ", bold: true));
        paragraph.Append(Runs(value, bold: false));
        return paragraph;
    }

    /// <summary>One run per line with a line break between them: a multi-line idea stays multi-line.</summary>
    private static IEnumerable<OpenXmlElement> Runs(string text, bool bold)
    {
        var lines = Clean(text).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                yield return new Run(new Break());
            }

            yield return TextRun(lines[i], bold);
        }
    }

    private static Run TextRun(string text, bool bold = false)
    {
        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold(), new BoldComplexScript()));
        }

        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private static StringValue Twips(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Drops what XML 1.0 cannot carry (control characters, lone surrogates): user text must
    /// not be able to make the document unreadable. Tabs become spaces.
    /// </summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var keep = c switch
            {
                '\n' or '\r' => true,
                < ' ' => false,
                _ when char.IsHighSurrogate(c) => i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]),
                _ when char.IsLowSurrogate(c) => i > 0 && char.IsHighSurrogate(text[i - 1]),
                '\uFFFE' or '\uFFFF' => false,
                _ => true,
            };
            if (keep && builder is null)
            {
                continue;
            }

            builder ??= new StringBuilder(text.Length).Append(text, 0, i);
            if (keep)
            {
                builder.Append(c);
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
        }

        return builder?.ToString() ?? text;
    }
}
